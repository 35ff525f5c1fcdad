using CampaignEngine.Pages.Rendering;

namespace CampaignEngine.Pages.Views;

// What the templates see. Scriban shows members snake_case: InputId is input_id.
// Numbers and dates arrive already formatted for the page's locale.

public sealed record PageHead(
    string Lang,
    string Dir,
    string Title,
    string? Description,
    string? CanonicalUrl,
    string? OgTitle,
    string? OgImage,
    string? OgImageAlt,
    string OgLocale,
    string Robots,
    PageBrand? Brand = null,
    string TwitterCard = "summary",
    bool Live = false,
    string? Challenge = null,
    string? CaptchaScript = null)
{
    /// <summary>The proof-of-work solver, on pages that carry a <see cref="Challenge"/> address.</summary>
    public RawHtml? Solver => Challenge is null ? null : FairPlay.Challenges.ChallengeScript.Html;
}

/// <summary>A campaign's brand on its pages: the accent as one CSS rule, its images and its links.</summary>
public sealed record PageBrand(string? Style, string? LogoUrl, string? CoverUrl, string? RulesUrl, string? PrivacyUrl)
{
    public bool HasLinks => RulesUrl is not null || PrivacyUrl is not null;
}

public sealed record CampaignView(string Title, string? Description);

public sealed record NoticeView(string Title, string Text);

public sealed record LinksView(string Page, string Results, string QrSvg);

public sealed record LinkView(string Href, string Text, bool Primary = false, bool External = false);

public sealed record OptionView(string Id, string InputId, string Label, bool Checked, string? ImageUrl = null);

/// <summary>A fan form: where it posts, the contact fields as typed, the token it carries (null: none) and the CAPTCHA widget (null: none).</summary>
public sealed record FormView(string Action, string Email, string Name, bool Consent, string? Token, RawHtml? Captcha = null);

/// <summary>The contact fieldset; <c>Purpose</c> says, in required mode, what the details are for and when they go.</summary>
public sealed record ContactView(bool Required, string Hint, string? Purpose, string ConsentText);

public sealed record ErrorItem(string Target, string Message);

public sealed record ErrorsView(string? OptionId, string? Email, string? Name, string? Consent)
{
    public static readonly ErrorsView None = new(null, null, null, null);

    public bool Any => Items.Count > 0;

    /// <summary>The errors in form order, each pointing at the element to jump to.</summary>
    public IReadOnlyList<ErrorItem> Items { get; } = new (string Target, string? Message)[]
        {
            ("options", OptionId), ("email", Email), ("name", Name), ("consent", Consent),
        }
        .Where(e => e.Message is not null)
        .Select(e => new ErrorItem(e.Target, e.Message!))
        .ToList();
}

public sealed record ResultRow(string Label, string Votes, string Percent, string BarWidth, bool Leading, bool Mine = false);

/// <summary><see cref="Review"/>: how many wait for review or were discarded, when any did.</summary>
public sealed record ResultsView(IReadOnlyList<ResultRow> Options, string Total, string Updated, bool Empty, string? Review = null);

public sealed record ShareView(string Heading, IReadOnlyList<LinkView> Links);

public sealed record MessageView(string Title, string Text, string? Detail);
