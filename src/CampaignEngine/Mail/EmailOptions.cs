using System.ComponentModel.DataAnnotations;
using MailKit.Security;

namespace CampaignEngine.Mail;

/// <summary>Settings of outgoing mail, bound from the <c>Email</c> section. Without <see cref="Host"/> nothing is sent: mail waits on its queue and, after its retries, in the poison queue, from which it can be replayed once a server is set.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The SMTP server; empty means mail is not configured.</summary>
    public string? Host { get; set; }

    [Range(1, 65535)] public int Port { get; set; } = 587;

    /// <summary>How the connection is secured: <c>StartTls</c> (the default: refuse a server that cannot), <c>SslOnConnect</c> (port 465), <c>Auto</c> or <c>None</c> (a local test server only).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    /// <summary>The SMTP user, when the server wants a login; never logged.</summary>
    public string? UserName { get; set; }

    /// <summary>The SMTP password; never logged.</summary>
    public string? Password { get; set; }

    /// <summary>The sender address (e.g. offers@brand.example).</summary>
    [EmailAddress] public string? From { get; set; }

    /// <summary>The brand's name as fans know it: the sender's display name and the name mails and the unsubscribe page speak of.</summary>
    [MaxLength(100)] public string BrandName { get; set; } = "CampaignEngine";

    /// <summary>The brand's postal address, in every mail's footer (anti-spam laws ask for one).</summary>
    [MaxLength(300)] public string? PostalAddress { get; set; }

    /// <summary>SMTP connections kept open and used at once.</summary>
    [Range(1, 32)] public int Connections { get; set; } = 4;
}
