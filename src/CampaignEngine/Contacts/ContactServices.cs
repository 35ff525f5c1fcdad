using CampaignEngine.Hosting;

namespace CampaignEngine.Contacts;

public static class ContactServices
{
    /// <summary>The contacts capability: keys, store, the capture queue function, the retention timer and the rekey job.</summary>
    public static IServiceCollection AddContacts(this IServiceCollection services)
    {
        services.AddOptions<ContactOptions>().BindConfiguration(ContactOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ContactKeys>().AddSingleton<ContactStore>().AddSingleton<IQueueFunction, ContactCaptureFunction>();
        services.AddSingleton<ContactRetentionJob>().AddSingleton<ITimerFunction, ContactRetentionFunction>();
        services.AddSingleton<ContactRekeyJob>();
        services.AddSingleton<SignedLinks>().AddSingleton<Suppressions>().AddSingleton<UnsubscribePage>();
        return services;
    }
}
