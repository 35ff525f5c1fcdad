using MimeKit;

namespace CampaignEngine.Mail;

/// <summary>A kind of mail: how one is composed from storage, and how its sending is recorded so a redelivery sends nothing.</summary>
public interface IEmailComposer
{
    /// <summary>The <see cref="EmailJob.Type"/> it composes.</summary>
    string Type { get; }

    /// <summary>The mail for <paramref name="job"/>; null when there is nothing to send (sent already, contact gone, consent withdrawn).</summary>
    Task<MimeMessage?> ComposeAsync(EmailJob job, CancellationToken cancellationToken);

    Task SentAsync(EmailJob job, CancellationToken cancellationToken);

    /// <summary>The composed mail could not be sent: undo whatever <see cref="ComposeAsync"/> took for it.</summary>
    Task NotSentAsync(EmailJob job, CancellationToken cancellationToken);
}

/// <summary>Another delivery of the same mail job is sending it right now: fail this one, so it comes back and finds the mail sent.</summary>
public sealed class MailBusyException() : Exception("This mail is being sent by another delivery of its job.");
