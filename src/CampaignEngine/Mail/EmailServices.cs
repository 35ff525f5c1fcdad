using CampaignEngine.Hosting;

namespace CampaignEngine.Mail;

public static class EmailServices
{
    /// <summary>Outgoing mail: the SMTP mailer and the <c>emails</c> queue function; each kind of mail adds its <see cref="IEmailComposer"/>.</summary>
    public static IServiceCollection AddEmail(this IServiceCollection services)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SmtpMailer>();
        services.AddSingleton<EmailFunction>().AddSingleton<IQueueFunction>(s => s.GetRequiredService<EmailFunction>());
        return services;
    }
}
