using CampaignEngine.Pages.Localization;

namespace CampaignEngine.Pages.Views;

/// <summary>Plain share links (no scripts, no tracking pixels): each network's documented share URL.</summary>
public static class ShareLinks
{
    public static ShareView For(PageLocale locale, string heading, string url, string text)
    {
        var u = Uri.EscapeDataString(url);
        var t = Uri.EscapeDataString(text);
        return new ShareView(heading,
        [
            new LinkView($"https://twitter.com/intent/tweet?text={t}&url={u}", "X", External: true),
            new LinkView($"https://www.facebook.com/sharer/sharer.php?u={u}", "Facebook", External: true),
            new LinkView($"https://wa.me/?text={Uri.EscapeDataString(text + " " + url)}", "WhatsApp", External: true),
            new LinkView($"https://t.me/share/url?url={u}&text={t}", "Telegram", External: true),
            new LinkView($"mailto:?subject={t}&body={u}", locale["share_email"]),
        ]);
    }
}
