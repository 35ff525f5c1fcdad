using CampaignEngine.Api;

namespace CampaignEngine.Pages.Views;

/// <summary>
/// A campaign's addresses as pages use them: absolute for sharing, Open Graph and QR codes,
/// root-relative paths for navigation (so a page works whichever host name it was opened on).
/// <paramref name="FormToken"/> is the signed token the page's forms carry (<see cref="Submissions.FormTokens"/>);
/// null on pages that show no form.
/// </summary>
public sealed record FanLinks(CampaignLinks Absolute, string? FormToken = null)
{
    public string Page => PathOf(Absolute.Page);
    public string Results => PathOf(Absolute.Results);
    public string QrSvg => PathOf(Absolute.QrSvg);
    public string Thanks => Page + "/thanks";

    /// <summary>Where the page's script fetches this device's proof-of-work challenge.</summary>
    public string Challenge => Page + "/challenge";

    /// <summary>A campaign image's address; the file name changes whenever the image does.</summary>
    public string Media(string path) => Page + "/media/" + path[(path.LastIndexOf('/') + 1)..];

    private static string PathOf(string absolute) => new Uri(absolute).AbsolutePath;
}
