using CampaignEngine.Campaigns;
using CampaignEngine.Kinds;
using CampaignEngine.Pages.Localization;
using CampaignEngine.Pages.Rendering;
using CampaignEngine.Pages.Views;
using CampaignEngine.Submissions;

namespace CampaignEngine.Contests;

/// <summary>
/// The contest's pages inside the core's shell: the landing page (the entry form and the way to the gallery), the
/// standing, and the gallery and entry pages its own routes serve (<see cref="ContestPageEndpoints"/>).
/// </summary>
public sealed class ContestPages(FanPageViews shell, TimeProvider time) : IKindPages
{
    public const int GalleryPageSize = 24;
    public const int LeaderboardPageSize = 50;

    public string Campaign(Campaign campaign, Availability availability, FanLinks links, KindResults? results, FormState? form = null,
        IReadOnlyDictionary<string, Participation>? participation = null)
    {
        var contest = campaign.SettingsAs<ContestSettings>();
        var locale = shell.LocaleOf(campaign);
        var now = time.GetUtcNow();
        var entering = availability == Availability.Open && contest.EntryWindow.Contains(now);
        var entry = form?.Input as EntryRequest;
        var errors = form is null ? ContestErrors.None : ContestErrors.Of(locale, contest, form);
        var body = shell.Render("contest", locale, new()
        {
            ["campaign"] = new CampaignView(campaign.Title, campaign.Description),
            ["notice"] = shell.Notice(locale, campaign, availability),
            ["errors"] = errors,
            ["form"] = entering ? shell.Form(campaign, links, "entries", form?.Input) : null,
            ["entry"] = new { Title = entry?.Title ?? "", Caption = entry?.Caption ?? "" },
            ["limits"] = new { Title = contest.TitleMaxLength, Caption = contest.CaptionMaxLength },
            ["contact_fields"] = shell.ContactFields(locale, campaign, form?.Input, errors.Email, errors.Name, errors.Consent),
            ["photo"] = contest.EntryType == EntryType.Text ? null : new { Required = contest.EntryType == EntryType.Photo },
            ["moderated"] = contest.Moderation == ModerationMode.Pre,
            ["entries_note"] = availability == Availability.Open ? WindowNote(locale, contest.EntryWindow, now, "entries_not_open", "entries_closed") : null,
            ["voting_note"] = availability == Availability.Open ? WindowNote(locale, contest.VotingWindow, now, "voting_not_open", "voting_closed") : null,
            ["gallery"] = Gallery(links),
            ["links"] = new LinksView(links.Page, links.Results, links.QrSvg),
        });
        return shell.Layout(locale, body, shell.Head(campaign, locale, campaign.Title, links.Absolute.Page, links, "index, follow"));
    }

    public string Results(Campaign campaign, Availability availability, FanLinks links, KindResults results,
        IReadOnlyDictionary<string, Participation>? participation = null)
    {
        var locale = shell.LocaleOf(campaign);
        var title = locale.Format("results_title", campaign.Title);
        var body = shell.Render("contest-results", locale, new()
        {
            ["campaign"] = new CampaignView(campaign.Title, campaign.Description),
            ["notice"] = shell.Notice(locale, campaign, availability),
            ["results_list"] = Summary(locale, results),
            ["gallery"] = Gallery(links) + "?sort=votes",
            ["leaderboard"] = links.Page + "/leaderboard",
            ["share_links"] = shell.Share(locale, locale["share_heading"], links.Absolute.Page, locale.Format("share_text", campaign.Title)),
        });
        return shell.Layout(locale, body, shell.Head(campaign, locale, title, links.Absolute.Results, links, "index, follow", resultsCard: true));
    }

    public RawHtml Summary(PageLocale locale, KindResults results)
    {
        var contest = (ContestResults)results;
        return shell.Render("contest-totals", locale, new()
        {
            ["totals"] = locale.Format("totals", locale.Count("entries", contest.Entries), locale.Count("votes", contest.Votes)),
            ["updated"] = locale.Format("last_updated", locale.DateTime(contest.UpdatedAt)),
        });
    }

    public IReadOnlyList<ShareCards.ShareCardStanding> CardStanding(Campaign campaign, Availability availability, KindResults results) => [];

    /// <summary>One page of the gallery in one order; <paramref name="page"/> is 1-based and already within range.</summary>
    /// <param name="seed">The visitor's shuffle (<see cref="GallerySort.Random"/> only).</param>
    /// <param name="votedOut">Whether this fan's own cookie says their votes for an entry are used up: its button gives way to a note.</param>
    public string GalleryPage(Campaign campaign, Availability availability, FanLinks links, ContestBoard board, GallerySort sort, int page, uint seed = 0,
        Func<string, bool>? votedOut = null)
    {
        var contest = campaign.SettingsAs<ContestSettings>();
        var locale = shell.LocaleOf(campaign);
        var now = time.GetUtcNow();
        var voting = availability == Availability.Open && contest.VotingWindow.Contains(now);
        IEnumerable<BoardEntry> ordered = sort switch
        {
            GallerySort.Newest => board.Newest,
            GallerySort.Random => board.Shuffled(seed),
            _ => board.ByVotes,
        };
        var pages = Math.Max(1, (board.ByVotes.Count + GalleryPageSize - 1) / GalleryPageSize);
        var gallery = Gallery(links);
        var order = $"sort={GallerySorts.Name(sort)}" + (sort == GallerySort.Random ? "&seed=" + GallerySorts.SeedText(seed) : "");
        string PageHref(int n) => $"{gallery}?{order}" + (n > 1 ? $"&page={n}" : "");
        var body = shell.Render("contest-gallery", locale, new()
        {
            ["campaign"] = new CampaignView(campaign.Title, campaign.Description),
            ["voting_note"] = availability == Availability.Open ? WindowNote(locale, contest.VotingWindow, now, "voting_not_open", "voting_closed") : null,
            ["sorts"] = GallerySorts.All.Select(s => new { Text = locale[GallerySorts.TextKey(s)], Href = $"{gallery}?sort={GallerySorts.Name(s)}", Current = s == sort }).ToList(),
            ["entries"] = ordered.Skip((page - 1) * GalleryPageSize).Take(GalleryPageSize)
                .Select(b => EntryView(locale, links, b, voting && votedOut is not null && votedOut(b.Entry.Id))).ToList(),
            // Without contact fields a vote is one button; a contest that asks for contact details votes from the entry page.
            ["vote_form"] = voting && campaign.Contact.Mode == ContactMode.Off ? shell.Form(campaign, links, "entry-votes", null) : null,
            ["voting_open"] = voting,
            ["pages"] = pages == 1 ? null : new
            {
                Text = locale.Format("page_of", locale.Number(page), locale.Number(pages)),
                Previous = page > 1 ? PageHref(page - 1) : null,
                Next = page < pages ? PageHref(page + 1) : null,
            },
            ["links"] = new LinksView(links.Page, links.Results, links.QrSvg),
        });
        // A shuffle is one visitor's: search engines get the gallery itself.
        var canonical = links.Absolute.Page + "/gallery" + (sort == GallerySort.Random || sort == GallerySort.Votes && page == 1
            ? ""
            : $"?sort={GallerySorts.Name(sort)}" + (page > 1 ? $"&page={page}" : ""));
        return shell.Layout(locale, body, shell.Head(campaign, locale, locale.Format("gallery_title", campaign.Title), canonical, links, "index, follow"));
    }

    /// <summary>The leaderboard: the gallery's entries by votes, rank and count only, <see cref="LeaderboardPageSize"/> a page.</summary>
    public string LeaderboardPage(Campaign campaign, FanLinks links, ContestBoard board, int page)
    {
        var locale = shell.LocaleOf(campaign);
        var pages = Math.Max(1, (board.ByVotes.Count + LeaderboardPageSize - 1) / LeaderboardPageSize);
        var leaderboard = links.Page + "/leaderboard";
        string PageHref(int n) => n > 1 ? $"{leaderboard}?page={n}" : leaderboard;
        var body = shell.Render("contest-leaderboard", locale, new()
        {
            ["campaign"] = new CampaignView(campaign.Title, campaign.Description),
            ["entries"] = board.ByVotes.Skip((page - 1) * LeaderboardPageSize).Take(LeaderboardPageSize).Select(b => EntryView(locale, links, b)).ToList(),
            ["pages"] = pages == 1 ? null : new
            {
                Text = locale.Format("page_of", locale.Number(page), locale.Number(pages)),
                Previous = page > 1 ? PageHref(page - 1) : null,
                Next = page < pages ? PageHref(page + 1) : null,
            },
            ["updated"] = locale.Format("last_updated", locale.DateTime(board.AsOf)),
            ["gallery"] = Gallery(links) + "?sort=votes",
        });
        var canonical = links.Absolute.Page + "/leaderboard" + (page > 1 ? $"?page={page}" : "");
        return shell.Layout(locale, body, shell.Head(campaign, locale, locale.Format("leaderboard_title", campaign.Title), canonical, links, "index, follow"));
    }

    /// <param name="votedOut">This fan's votes for the entry are used up (their own cookie says so): no vote button, a note instead.</param>
    public string EntryPage(Campaign campaign, Availability availability, FanLinks links, BoardEntry entry, bool votedOut = false)
    {
        var contest = campaign.SettingsAs<ContestSettings>();
        var locale = shell.LocaleOf(campaign);
        var now = time.GetUtcNow();
        var voting = availability == Availability.Open && contest.VotingWindow.Contains(now);
        var url = links.Absolute.Page + "/entries/" + entry.Entry.Id;
        var body = shell.Render("contest-entry", locale, new()
        {
            ["entry"] = EntryView(locale, links, entry),
            ["form"] = voting && !votedOut ? shell.Form(campaign, links, "entry-votes", null) : null,
            ["voted"] = votedOut ? new NoticeView(locale["you_voted_title"], locale["you_voted_entry"]) : null,
            ["flag_form"] = availability == Availability.Open ? shell.Form(campaign, links, "entry-flags", null) : null,
            ["reasons"] = ContestFlag.Reasons.Select(r => new { Value = r, Text = locale[$"flag_{r}_reason"] }).ToList(),
            ["contact_fields"] = shell.ContactFields(locale, campaign, null, null, null, null),
            ["voting_note"] = availability == Availability.Open ? WindowNote(locale, contest.VotingWindow, now, "voting_not_open", "voting_closed") : null,
            ["gallery"] = Gallery(links),
            ["share_links"] = shell.Share(locale, locale["share_entry_heading"], url, locale.Format("share_entry_text", entry.Entry.Title, campaign.Title)),
        });
        // Shared, the entry's own card: its title and photo rather than the contest's.
        var head = shell.Head(campaign, locale, entry.Entry.Title + " · " + campaign.Title, url, links, "index, follow") with { OgImage = url + "/card.png" };
        return shell.Layout(locale, body, head);
    }

    /// <summary>What placed a winner, beyond its votes: the jury's score, or the blend and its two parts.</summary>
    private static string? ScoreLine(PageLocale locale, string basis, Winner winner) => basis switch
    {
        "jury" => locale.Format("winners_jury_score", locale.Decimal(winner.JuryScore ?? 0), locale.Number(10)),
        "blend" => locale.Format("winners_blend_score", locale.Decimal(winner.Score), locale.Number(10), locale.Decimal(winner.PublicScore ?? 0),
            locale.Decimal(winner.JuryScore ?? 0)),
        _ => null,
    };

    /// <summary>The public winners page; <paramref name="winners"/> null: not computed yet.</summary>
    public string WinnersPage(Campaign campaign, FanLinks links, WinnerList? winners)
    {
        var locale = shell.LocaleOf(campaign);
        var url = links.Absolute.Page + "/winners";
        var body = shell.Render("contest-winners", locale, new()
        {
            ["campaign"] = new CampaignView(campaign.Title, campaign.Description),
            ["winners"] = (winners?.Winners ?? []).Select(w => new
            {
                Rank = locale.Format("rank", locale.Number(w.Rank)),
                w.Title,
                w.Caption,
                Votes = locale.Count("votes", w.Votes),
                Score = ScoreLine(locale, winners!.Basis, w),
            }).ToList(),
            ["computed"] = winners is null ? null : locale.Format("winners_computed", locale.DateTime(winners.ComputedAt)),
            ["gallery"] = Gallery(links) + "?sort=votes",
            ["share_links"] = winners is null ? null : shell.Share(locale, locale["share_winners_heading"], url, locale.Format("share_winners_text", campaign.Title)),
        });
        return shell.Layout(locale, body, shell.Head(campaign, locale, locale.Format("winners_title", campaign.Title), url, links, "index, follow"));
    }

    private static object EntryView(PageLocale locale, FanLinks links, BoardEntry b, bool voted = false) => new
    {
        Voted = voted,
        b.Entry.Id,
        b.Entry.Title,
        b.Entry.Caption,
        b.Entry.Featured,
        Href = links.Page + "/entries/" + b.Entry.Id,
        Votes = locale.Count("votes", b.Votes),
        Rank = locale.Format("rank", locale.Number(b.Rank)),
        VoteLabel = locale.Format("vote_for", b.Entry.Title),
        Photo = b.Entry.Photo is { Ready: true } photo ? PhotoView.Of(links.Page + "/entries/" + b.Entry.Id + "/photo", photo) : null,
    };

    /// <summary>A photo's rendition URLs for a page, with the thumbnail's size worked out from the display size.</summary>
    private sealed record PhotoView(string? Display, string? DisplayWebp, string? Thumbnail, string? ThumbnailWebp, int Width, int Height,
        int ThumbWidth, int ThumbHeight)
    {
        public static PhotoView Of(string under, EntryPhoto photo)
        {
            // The same fit the thumbnail was made with, so the attributes are its size to the pixel.
            var (thumbWidth, thumbHeight) = Media.ImageGeometry.FitWithin(Math.Max(1, photo.Width), Math.Max(1, photo.Height), EntryPhotos.ThumbnailEdge);
            return new(EntryPhotoResponse.Url(under, photo.Display), EntryPhotoResponse.Url(under, photo.DisplayWebP),
                EntryPhotoResponse.Url(under, photo.Thumbnail), EntryPhotoResponse.Url(under, photo.ThumbnailWebP), photo.Width, photo.Height,
                thumbWidth, thumbHeight);
        }
    }

    private static string Gallery(FanLinks links) => links.Page + "/gallery";

    private static string? WindowNote(PageLocale locale, TimeWindow window, DateTimeOffset now, string notOpenKey, string closedKey) =>
        window.OpensAt is { } opens && now < opens ? locale.Format(notOpenKey, locale.DateTime(opens))
        : window.ClosesAt is { } closes && now >= closes ? locale[closedKey]
        : null;
}

public enum GallerySort
{
    Votes,
    Newest,

    /// <summary>A shuffle of the visitor's own, kept through the pages by its seed in the link.</summary>
    Random,
}

public static class GallerySorts
{
    public static IReadOnlyList<GallerySort> All { get; } = [GallerySort.Votes, GallerySort.Newest, GallerySort.Random];

    public static string Name(GallerySort sort) => sort switch
    {
        GallerySort.Newest => "newest",
        GallerySort.Random => "random",
        _ => "votes",
    };

    public static GallerySort? Parse(string? name) => name switch
    {
        null or "" or "votes" => GallerySort.Votes,
        "newest" => GallerySort.Newest,
        "random" => GallerySort.Random,
        _ => null,
    };

    public static string TextKey(GallerySort sort) => "sort_" + Name(sort);

    /// <summary>A seed as the link carries it: 8 lowercase hex digits.</summary>
    public static string SeedText(uint seed) => seed.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);

    public static uint? ParseSeed(string? text) =>
        text is { Length: 8 } && text.All(char.IsAsciiHexDigitLower)
        && uint.TryParse(text, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var seed)
            ? seed
            : null;
}

/// <summary>A refused entry or vote form's errors, in form order, each pointing at its field.</summary>
public sealed record ContestErrors(
    string? Window, string? Entry, string? Title, string? Caption, string? Email, string? Name, string? Consent, string? Photo = null)
{
    public static readonly ContestErrors None = new(null, null, null, null, null, null, null);

    public bool Any => Items.Count > 0;

    public IReadOnlyList<ErrorItem> Items => new (string Target, string? Message)[]
        {
            ("title", Window), ("title", Entry), ("title", Title), ("caption", Caption), ("photo", Photo), ("email", Email), ("name", Name), ("consent", Consent),
        }
        .Where(e => e.Message is not null)
        .Select(e => new ErrorItem(e.Target, e.Message!))
        .ToList();

    public static ContestErrors Of(PageLocale locale, ContestSettings contest, FormState form)
    {
        var fields = form.Errors ?? new Dictionary<string, string[]>();
        var input = form.Input as EntryRequest;
        var contact = FanPageViews.ContactErrors(locale, form, null);
        string? title = null;
        if (fields.ContainsKey("title"))
        {
            title = string.IsNullOrWhiteSpace(input?.Title) ? locale["error_title_missing"] : locale.Format("error_title_too_long", locale.Number(contest.TitleMaxLength));
        }
        return new ContestErrors(
            fields.ContainsKey(ContestEnter.WindowField) ? locale["error_window"] : null,
            fields.ContainsKey("entryId") ? locale["error_entry_not_visible"] : null,
            title,
            fields.ContainsKey("caption") ? locale.Format("error_caption_too_long", locale.Number(contest.CaptionMaxLength)) : null,
            contact.Email, contact.Name, contact.Consent,
            fields.TryGetValue(EntryPhotos.Field, out var photo) && photo.Length > 0 ? locale[EntryPhotos.LocaleKeyOf(photo[0])] : null);
    }
}
