using MimeKit;

namespace CampaignEngine.Mail;

/// <summary>The headers mail clients show an "Unsubscribe" button for: RFC 2369's link and RFC 8058's one-click POST to it.</summary>
public static class ListUnsubscribe
{
    public const string OneClickBody = "List-Unsubscribe=One-Click";

    public static void Add(MimeMessage message, string httpsUrl)
    {
        message.Headers.Replace("List-Unsubscribe", $"<{httpsUrl}>");
        message.Headers.Replace("List-Unsubscribe-Post", OneClickBody);
    }
}
