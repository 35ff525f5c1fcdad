using CampaignEngine.Contacts;
using CampaignEngine.Mail;
using CampaignEngine.Pages;

namespace CampaignEngine.Offers;

public static class OfferServices
{
    /// <summary>Follow-up offers: the offer and its pool, the follow-up after capture, the mail, the thank-you note, the redeem page.</summary>
    public static IServiceCollection AddOffers(this IServiceCollection services)
    {
        services.AddSingleton<OfferStore>().AddSingleton<CodePool>().AddSingleton<MailedLinks>();
        services.AddSingleton<IContactFollowUp, OfferFollowUp>();
        services.AddSingleton<IEmailComposer, OfferEmail>();
        services.AddSingleton<IThanksNote, OfferThanksNote>();
        services.AddSingleton<RedeemPage>();
        services.AddSingleton<OfferCloseSend>().AddSingleton<CampaignEngine.Hosting.ITimerFunction, OfferCloseSendFunction>();
        return services;
    }

    public static IEndpointRouteBuilder MapOffers(this IEndpointRouteBuilder app) => app.MapOffersApi().MapRedeem();
}
