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

    private async Task<byte[]> CardAsync(Campaign campaign, string host, IReadOnlyList<ShareCardStanding> standings, CancellationToken ct)
    {
        var key = KeyOf(campaign, host, standings);
        if (cards.Count > MaxCards) cards.Clear();
        var card = cards.GetOrAdd(key, _ => new Lazy<Task<byte[]>>(() => RenderAsync(campaign, host, standings)));
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
        var png = ShareCardRenderer.Render(new ShareCardContent
        {
            Title = campaign.Title,
            Subtitle = standings.Count == 0 ? campaign.Description : null,
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
