using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CampaignEngine.Campaigns;
using CampaignEngine.Kinds;
using CampaignEngine.Media;

namespace CampaignEngine.ShareCards;

/// <summary>
/// A campaign's share cards (og:image), rendered once per change of what they show (title, brand,
/// images, and for results the standing to a whole percent) and kept in memory, so a shared link
/// that goes viral costs one render, not one per preview.
/// </summary>
public sealed class ShareCardService(MediaStore media, CampaignKinds kinds, ILogger<ShareCardService> logger)
{
    private const int MaxCards = 2_000;
    private readonly ConcurrentDictionary<string, Lazy<Task<byte[]>>> cards = new();

    public Task<byte[]> CampaignCardAsync(Campaign campaign, string host, CancellationToken ct) =>
        CardAsync(campaign, host, [], ct);

    public Task<byte[]> ResultsCardAsync(Campaign campaign, Availability availability, KindResults results, string host, CancellationToken ct) =>
        CardAsync(campaign, host, kinds.Get(campaign.Kind).Pages.CardStanding(campaign, availability, results)
            .Select(s => s with { Percent = Math.Round(s.Percent) }).ToList(), ct);

    /// <summary>
    /// The card of one item of a campaign (a contest's entry): its title over the campaign's, its own picture as the
    /// cover (none: the campaign's), so a fan who shares their entry shares a card of it.
    /// </summary>
    public Task<byte[]> ItemCardAsync(Campaign campaign, string itemId, string title, string? picturePath, string host, CancellationToken ct) =>
        CachedAsync(KeyOf(campaign, host, []) + "|" + itemId + "|" + title + "|" + picturePath, async () =>
        {
            var cover = await ImageAsync(picturePath ?? campaign.Brand.CoverPath);
            return Render(campaign, host, [], title, campaign.Title, await ImageAsync(campaign.Brand.LogoPath), cover);
        }, ct);

    private Task<byte[]> CardAsync(Campaign campaign, string host, IReadOnlyList<ShareCardStanding> standings, CancellationToken ct) =>
        CachedAsync(KeyOf(campaign, host, standings), () => RenderAsync(campaign, host, standings), ct);

    private async Task<byte[]> CachedAsync(string key, Func<Task<byte[]>> render, CancellationToken ct)
    {
        if (cards.Count > MaxCards) cards.Clear();
        var card = cards.GetOrAdd(key, _ => new Lazy<Task<byte[]>>(render));
        try
        {
            return await card.Value.WaitAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed render (a blob read that timed out) is not kept: the next preview tries again.
            cards.TryRemove(key, out _);
            throw;
        }
    }

    private async Task<byte[]> RenderAsync(Campaign campaign, string host, IReadOnlyList<ShareCardStanding> standings)
    {
        var logo = await ImageAsync(campaign.Brand.LogoPath);
        var cover = standings.Count == 0 ? await ImageAsync(campaign.Brand.CoverPath) : default;
        return Render(campaign, host, standings, campaign.Title, standings.Count == 0 ? campaign.Description : null, logo, cover);
    }

    private byte[] Render(Campaign campaign, string host, IReadOnlyList<ShareCardStanding> standings, string title, string? subtitle,
        ReadOnlyMemory<byte> logo, ReadOnlyMemory<byte> cover)
    {
        var png = ShareCardRenderer.Render(new ShareCardContent
        {
            Title = title,
            Subtitle = subtitle,
            Direction = Locales.IsRightToLeft(campaign.Locale) ? TextDirection.Rtl : TextDirection.Ltr,
            AccentColor = campaign.Brand.AccentColor ?? "#1f4fd1",
            Logo = logo,
            Cover = cover,
            Standings = standings,
            Footer = host,
        });
        logger.LogDebug("Rendered a share card for {Slug} ({Bytes} bytes)", campaign.Slug, png.Length);
        return png;
    }

    private async Task<ReadOnlyMemory<byte>> ImageAsync(string? path) =>
        path is not null && await media.GetImageAsync(path) is { } image ? image.Bytes : default;

    private static string KeyOf(Campaign campaign, string host, IReadOnlyList<ShareCardStanding> standings)
    {
        var text = new StringBuilder()
            .Append(campaign.Slug).Append('\n').Append(campaign.Title).Append('\n').Append(campaign.Description).Append('\n')
            .Append(campaign.Locale).Append('\n').Append(campaign.Brand.AccentColor).Append('\n').Append(campaign.Brand.LogoPath).Append('\n')
            .Append(campaign.Brand.CoverPath).Append('\n').Append(host);
        foreach (var s in standings) text.Append('\n').Append(s.Label).Append('=').Append(Math.Round(s.Percent));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
