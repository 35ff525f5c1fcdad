using CampaignEngine.Contacts;
using CampaignEngine.Hosting;
using CampaignEngine.Messaging;
using CampaignEngine.Storage;

namespace CampaignEngine.Mail;

/// <summary>
/// The <c>emails</c> queue function: composes each mail from storage, checks the contact is not suppressed just before
/// sending, sends it and records that it went. A mail the server refused, or storage failing, fails the message: it is
/// retried and ends in <c>emails-poison</c>, from where it can be replayed. A redelivery finds the mail recorded as sent
/// and sends nothing; only a crash between the server's acceptance and the record can send one twice, and then with the
/// same Message-Id, so mail clients show it once.
/// </summary>
public sealed class EmailFunction(
    IEnumerable<IEmailComposer> composers, Suppressions suppressions, SmtpMailer mailer, ILogger<EmailFunction> logger) : IQueueFunction
{
    private readonly Dictionary<string, IEmailComposer> byType = composers.ToDictionary(c => c.Type, StringComparer.Ordinal);
    private long sent;

    public string Name => "Emails";
    public string Queue => QueueNames.Emails;

    /// <summary>Mails this instance has handed to the SMTP server since it started (the bench reads it).</summary>
    public long Sent => Interlocked.Read(ref sent);

    public async Task RunAsync(QueueInvocation invocation, CancellationToken cancellationToken)
    {
        var jobs = Batch<EmailJob>.Parse(invocation.MessageText).Items;
        Exception? failure = null;
        var failed = 0;
        // Every job gets its try even when another fails: stopping the rest halfway would strand their claims on sending.
        await Parallel.ForEachAsync(jobs, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (job, _) =>
        {
            try
            {
                await SendAsync(job, cancellationToken);
            }
            catch (Exception ex)
            {
                Interlocked.Increment(ref failed);
                Interlocked.CompareExchange(ref failure, ex, null);
            }
        });
        cancellationToken.ThrowIfCancellationRequested();
        // The whole message is retried; the jobs that went out find their mail recorded and send nothing.
        if (failure is not null) throw new InvalidOperationException($"{failed} of {jobs.Count} mails of message {invocation.MessageId} were not sent.", failure);
    }

    private async Task SendAsync(EmailJob job, CancellationToken cancellationToken)
    {
        if (!byType.TryGetValue(job.Type, out var composer)) throw new InvalidOperationException($"No mail of type '{job.Type}'.");
        if (await suppressions.IsSuppressedAsync(job.ContactKey, cancellationToken))
        {
            logger.LogInformation("Not sending a {Type} mail of {Campaign}: the contact unsubscribed", job.Type, job.Slug);
            return;
        }
        if (await composer.ComposeAsync(job, cancellationToken) is not { } message) return;
        try
        {
            await mailer.SendAsync(message, cancellationToken);
        }
        catch (Exception ex)
        {
            logger.LogWarning("A {Type} mail of {Campaign} was not sent ({Reason}); its job will be retried", job.Type, job.Slug, ex.GetType().Name);
            await composer.NotSentAsync(job, CancellationToken.None);
            throw;
        }
        await composer.SentAsync(job, cancellationToken);
        Interlocked.Increment(ref sent);
    }
}
