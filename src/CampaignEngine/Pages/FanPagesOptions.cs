namespace CampaignEngine.Pages;

/// <summary>Settings of the fan pages, bound from the <c>FanPages</c> configuration section.</summary>
public sealed class FanPagesOptions
{
    public const string Section = "FanPages";

    /// <summary>The brand's own site (absolute http or https URL); error pages link to it when set.</summary>
    public string? HomeUrl { get; set; }

    internal string? SafeHomeUrl =>
        Uri.TryCreate(HomeUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? uri.AbsoluteUri : null;
}
