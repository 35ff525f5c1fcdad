namespace CampaignEngine.ShareCards;

public enum TextDirection
{
    Ltr,
    Rtl,
}

/// <summary>One row of a results card: a label and its share of the votes (0–100).</summary>
public sealed record ShareCardStanding(string Label, double Percent);

/// <summary>What a share card shows. Images are bytes from <see cref="Media.ImageSanitizer"/>; an empty one is left out.</summary>
public sealed record ShareCardContent
{
    public required string Title { get; init; }

    public string? Subtitle { get; init; }

    /// <summary>The card's reading direction: RTL puts the logo, the text and the bars' origin on the right.</summary>
    public TextDirection Direction { get; init; } = TextDirection.Ltr;

    /// <summary>#rrggbb; bars and the bottom strip are drawn in it.</summary>
    public string AccentColor { get; init; } = "#2563eb";

    public ReadOnlyMemory<byte> Logo { get; init; }

    public ReadOnlyMemory<byte> Cover { get; init; }

    /// <summary>Results: up to <see cref="ShareCardRenderer.MaxStandings"/> rows are drawn, in the given order.</summary>
    public IReadOnlyList<ShareCardStanding> Standings { get; init; } = [];

    /// <summary>A short line at the bottom, e.g. the host name.</summary>
    public string? Footer { get; init; }
}
