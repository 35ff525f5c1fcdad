using System.Text.RegularExpressions;

namespace CampaignEngine.Review;

/// <summary>
/// What makes a submission suspect. Each signal is a short code recorded on the submission's row,
/// listed by the review API, and (when the campaign holds suspect submissions) the reason it waits.
/// None of them proves fraud: a venue's Wi-Fi bursts too. They tell the marketer where to look.
/// </summary>
public static partial class SuspicionSignals
{
    /// <summary>The user agent names a headless browser, an automation tool or an HTTP library.</summary>
    public const string Headless = "headless";

    /// <summary>No user agent at all; every browser sends one.</summary>
    public const string NoUserAgent = "no-user-agent";

    /// <summary>The fan's network (/24, /64) had more accepted submissions in the window than the campaign's threshold.</summary>
    public const string NetworkBurst = "network-burst";

    /// <summary>The fan's device made more attempts within 10 minutes than the campaign's threshold.</summary>
    public const string DeviceBurst = "device-burst";

    /// <summary>The campaign asks for a proof-of-work challenge and the submission came without one (JavaScript off, or a script).</summary>
    public const string Unsolved = "unsolved-challenge";

    /// <summary>The fan's device sent a wrong, forged, expired or reused challenge within 10 minutes.</summary>
    public const string ChallengeFailed = "challenge-failed";

    public static readonly IReadOnlyList<string> All = [Headless, NoUserAgent, NetworkBurst, DeviceBurst, Unsolved, ChallengeFailed];

    /// <summary>What the request's user agent says about who sent it: nothing suspect, headless, or no agent at all.</summary>
    public static string? OfUserAgent(string? userAgent) =>
        string.IsNullOrWhiteSpace(userAgent) ? NoUserAgent : AutomationAgent().IsMatch(userAgent) ? Headless : null;

    // Headless browsers and drivers, and the HTTP libraries of the common scripting languages, as they name themselves.
    [GeneratedRegex(@"HeadlessChrome|PhantomJS|Puppeteer|Playwright|Selenium|WebDriver|SlimerJS|Nightmare|^curl/|^Wget/|python-requests|python-urllib|aiohttp|httpx|Go-http-client|okhttp|^Java/|Apache-HttpClient|libwww-perl|node-fetch|axios/|undici|Scrapy|PostmanRuntime|insomnia",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex AutomationAgent();

    /// <summary>
    /// The signals of one accepted submission, joined (null when none): its user agent, how many its
    /// network had accepted in the window (<paramref name="networkCount"/>, 0 when the per-network
    /// limit is off), how many attempts its device made lately (<paramref name="deviceAttempts"/>), and
    /// what became of the campaign's proof-of-work challenge.
    /// </summary>
    public static string? Of(string? userAgent, ReviewSettings review, int networkCount, int deviceAttempts, bool unsolved = false, bool challengeFailed = false)
    {
        var agent = OfUserAgent(userAgent);
        var networkBurst = networkCount > review.NetworkBurst;
        var deviceBurst = deviceAttempts > review.DeviceBurst;
        if (agent is null && !networkBurst && !deviceBurst && !unsolved && !challengeFailed) return null;
        var found = new List<string>(4);
        if (agent is not null) found.Add(agent);
        if (networkBurst) found.Add(NetworkBurst);
        if (deviceBurst) found.Add(DeviceBurst);
        if (unsolved) found.Add(Unsolved);
        if (challengeFailed) found.Add(ChallengeFailed);
        return Join(found);
    }

    /// <summary>The signals as stored and queued: comma-separated, in a fixed order; null when there are none.</summary>
    public static string? Join(IEnumerable<string> signals)
    {
        var present = signals.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return present.Count == 0 ? null : string.Join(',', present);
    }

    public static IReadOnlyList<string> Split(string? signals) =>
        string.IsNullOrEmpty(signals) ? [] : signals.Split(',');
}
