using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using CampaignEngine.Pages;
using CampaignEngine.Submissions;

namespace CampaignEngine.Contests;

/// <summary>The contest's own fan pages: the gallery (<c>/c/{slug}/gallery</c>) and each entry's page.</summary>
public static class ContestPageEndpoints
{
    /// <summary>Shared by every fan and renewed with the board: a short public lifetime.</summary>
    private const string Shared = "public, max-age=2";

    public static IEndpointRouteBuilder MapContestPages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/c/{slug}").WithTags("Fan pages").RequireRateLimiting(RateLimits.FanReads);
        group.MapGet("/gallery", GalleryAsync)
            .WithSummary("A contest's gallery of approved entries, most votes first, newest or in a random order of the visitor's own, 24 a page (no JavaScript needed)")
            .Produces(StatusCodes.Status200OK, contentType: "text/html");
        group.MapGet("/leaderboard", LeaderboardAsync)
            .WithSummary("A contest's leaderboard: the gallery's entries by votes, 50 a page")
            .Produces(StatusCodes.Status200OK, contentType: "text/html");
        group.MapGet("/winners", WinnersAsync)
            .WithSummary("A contest's winners, once the marketer has computed them")
            .Produces(StatusCodes.Status200OK, contentType: "text/html");
        group.MapGet("/entries/{entryId}", EntryAsync)
            .WithSummary("One entry of a contest, with its vote button and share links")
            .Produces(StatusCodes.Status200OK, contentType: "text/html");
        return app;
    }

    private static async Task<IResult> GalleryAsync(
        string slug, string? sort, string? page, string? seed, HttpContext http, FanPages pages, ContestPages contest, ContestBoards boards,
        ContestVote vote, VoterCookies cookies, VoterLedger ledger, ContestViews views, TimeProvider time, CancellationToken ct)
    {
        if (await ContestAsync(slug, pages, ct) is not { } found) return pages.Missing(http, slug);
        var (campaign, availability) = found;
        if (availability == Availability.Archived) return pages.Gone(http, campaign);
        var order = GallerySorts.Parse(sort);
        var board = await boards.GetAsync(campaign, ct);
        var last = Math.Max(1, (board.ByVotes.Count + ContestPages.GalleryPageSize - 1) / ContestPages.GalleryPageSize);
        // An unknown order or a page past the end is an old or edited link: the first page says more than an error.
        var number = int.TryParse(page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 1;
        if (order is null || number < 1 || number > last) return TypedResults.Redirect($"/c/{slug}/gallery");
        var shuffle = GallerySorts.ParseSeed(seed);
        if (order == GallerySort.Random && shuffle is null)
        {
            // A shuffle of this visitor's own, from the first page; the redirect is theirs alone, never cached.
            http.Response.Headers.CacheControl = "no-store";
            var fresh = GallerySorts.SeedText(BitConverter.ToUInt32(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)));
            return TypedResults.Redirect($"/c/{slug}/gallery?sort=random&seed={fresh}" + (number > 1 ? $"&page={number}" : ""));
        }
        var links = availability == Availability.Open ? pages.FormLinks(http, campaign) : pages.Links(http, campaign);
        // A fan who has voted sees where they stand on each entry: a page of their own, never shared.
        var returning = HasVoted(http.Request, campaign, vote);
        var counted = returning ? await CountedVotesAsync(http.Request, campaign, vote, cookies, ledger, time, ct) : null;
        var allowance = vote.AllowanceOf(campaign).PerParticipant;
        var html = contest.GalleryPage(campaign, availability, links, board, order.Value, number, shuffle ?? 0,
            returning ? id => counted!.GetValueOrDefault(id) >= allowance || VotedOut(http.Request, campaign, id, vote, cookies, time) : null);
        views.Count(slug);
        return new HtmlPage(StatusCodes.Status200OK, _ => Task.FromResult(html), returning ? "private, no-store" : Shared, policy: FanPolicy.For(campaign),
            variesByCookie: true);
    }

    private static async Task<IResult> EntryAsync(
        string slug, string entryId, HttpContext http, FanPages pages, ContestPages contest, ContestBoards boards, ContestVote vote,
        VoterCookies cookies, ContestViews views, TimeProvider time, CancellationToken ct)
    {
        if (await ContestAsync(slug, pages, ct) is not { } found) return pages.Missing(http, slug);
        var (campaign, availability) = found;
        if (availability == Availability.Archived) return pages.Gone(http, campaign);
        if (!EntryKeys.IsId(entryId) || await boards.FindAsync(campaign, entryId, ct) is not { Visible: true } entry)
        {
            return pages.NotFound(http);
        }
        var links = availability == Availability.Open ? pages.FormLinks(http, campaign) : pages.Links(http, campaign);
        var votedOut = VotedOut(http.Request, campaign, entryId, vote, cookies, time);
        views.Count(slug);
        var html = contest.EntryPage(campaign, availability, links, entry, votedOut);
        // A fan who has used their votes for it sees a page of their own, never shared.
        return new HtmlPage(StatusCodes.Status200OK, _ => Task.FromResult(html), votedOut ? "private, no-store" : Shared, policy: FanPolicy.For(campaign),
            variesByCookie: true);
    }

    /// <summary>
    /// This device's counted votes per entry in the current period, from its rows in the votes table (the ledger cookie
    /// remembers only the last entry voted for; that one may not be counted yet, and the cookie covers it).
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, int>> CountedVotesAsync(
        HttpRequest request, Campaign campaign, ContestVote vote, VoterCookies cookies, VoterLedger ledger, TimeProvider time, CancellationToken ct)
    {
        if (cookies.ReadDevice(request) is not { } device) return new Dictionary<string, int>();
        var participant = cookies.VoterKey(campaign.Slug, device);
        var partition = SubmissionKeys.Partition(campaign.Slug, SubmissionKeys.ShardOf(participant, campaign.Shards));
        var prefix = vote.AllowanceOf(campaign).ItemPeriodPrefix(time.GetUtcNow(), CampaignTime.Zone(campaign.TimeZone));
        return await ledger.GetCountedPerItemAsync(partition, vote.Code, participant, prefix, ct);
    }

    private static bool HasVoted(HttpRequest request, Campaign campaign, ContestVote vote) =>
        request.Cookies.ContainsKey(VoterCookies.LedgerCookie(campaign.Slug, vote.Code));

    /// <summary>Whether this device's own ledger cookie says its votes for the entry in this period are used up.</summary>
    private static bool VotedOut(HttpRequest request, Campaign campaign, string entryId, ContestVote vote, VoterCookies cookies, TimeProvider time)
    {
        if (!HasVoted(request, campaign, vote) || cookies.ReadDevice(request) is not { } device) return false;
        var rule = vote.AllowanceOf(campaign);
        var period = rule.PeriodKey(time.GetUtcNow(), CampaignTime.Zone(campaign.TimeZone), entryId);
        return cookies.ReadLedger(request, campaign.Slug, vote.Code, device, period) is { } used && used.Used >= rule.PerParticipant;
    }

    private static async Task<IResult> LeaderboardAsync(
        string slug, string? page, HttpContext http, FanPages pages, ContestPages contest, ContestBoards boards, CancellationToken ct)
    {
        if (await ContestAsync(slug, pages, ct) is not { } found) return pages.Missing(http, slug);
        var (campaign, availability) = found;
        if (availability == Availability.Archived) return pages.Gone(http, campaign);
        var board = await boards.GetAsync(campaign, ct);
        var last = Math.Max(1, (board.ByVotes.Count + ContestPages.LeaderboardPageSize - 1) / ContestPages.LeaderboardPageSize);
        var number = int.TryParse(page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 1;
        if (number < 1 || number > last) return TypedResults.Redirect($"/c/{slug}/leaderboard");
        var html = contest.LeaderboardPage(campaign, pages.Links(http, campaign), board, number);
        return new HtmlPage(StatusCodes.Status200OK, _ => Task.FromResult(html), Shared, policy: FanPolicy.For(campaign));
    }

    private static async Task<IResult> WinnersAsync(string slug, HttpContext http, FanPages pages, ContestPages contest, ContestWinners winners, CancellationToken ct)
    {
        if (await ContestAsync(slug, pages, ct) is not { } found) return pages.Missing(http, slug);
        if (found.Availability == Availability.Archived) return pages.Gone(http, found.Campaign);
        var html = contest.WinnersPage(found.Campaign, pages.Links(http, found.Campaign), await winners.GetAsync(slug, ct));
        return new HtmlPage(StatusCodes.Status200OK, _ => Task.FromResult(html), "public, max-age=30", policy: FanPolicy.For(found.Campaign));
    }

    private static async Task<(Campaign Campaign, Availability Availability)?> ContestAsync(string slug, FanPages pages, CancellationToken ct) =>
        await pages.VisibleAsync(slug, ct) is { Campaign.Kind: "contest" } found ? found : null;
}
