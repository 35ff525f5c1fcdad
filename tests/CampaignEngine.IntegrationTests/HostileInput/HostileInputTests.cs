using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.IntegrationTests.Pages;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace CampaignEngine.IntegrationTests.HostileInput;

/// <summary>
/// The hostile-input corpus (<c>HostileInput/corpus</c>) replayed against every route the app maps, with
/// the admin key and without: no answer is a 5xx or shows a stack trace, no log entry of warning level
/// or above carries an exception, and a refused request stores nothing.
/// </summary>
/// <remarks>
/// Each route gets a live poll of its own, so what is stored can be put down to a route: afterwards a
/// campaign may have changed only if a request for it succeeded, a new campaign exists only for a 201
/// naming it, a campaign's queued votes are exactly its 202s, a blob exists only for a successful upload.
/// That lets the requests run several at a time; refused requests that only ever meet refusals on
/// their route (most of them) are thus shown to have stored nothing at all.
/// </remarks>
public sealed partial class HostileInputTests(HostileFixture fixture, ITestOutputHelper output) : IClassFixture<HostileFixture>, IDisposable
{
    /// <summary>The bodies also sent without the admin key, and to routes that declare no body.</summary>
    private static readonly string[] SampleBodies = ["truncated JSON", "duplicate keys", "over the body limit", "form: 2,000 fields", "xml"];

    /// <summary>The Accept headers also tried on writes (all of them are tried on reads).</summary>
    private static readonly string?[] SampleAccepts = [null, "text/html", "text/plain", "image/png", "garbage", "application/json;q=0"];

    private readonly HttpClient client = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = fixture.Host.BaseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    private EngineHost Host => fixture.Host;

    public void Dispose() => client.Dispose();

    [Fact]
    public async Task EveryRouteTakesEveryHostileBodyWithoutFailingOrStoring()
    {
        var routes = fixture.Routes().Where(r => !r.IsRead).ToList();
        var slugs = await CampaignsForAsync(routes);
        var probes = new List<Probe>();
        foreach (var route in routes)
        {
            var slug = slugs[route];
            // A route that declares no body still gets a few, in case it reads one anyway.
            foreach (var body in route.TakesBody ? HostileCorpus.Bodies : HostileCorpus.Bodies.Where(b => SampleBodies.Contains(b.Name)))
                probes.Add(new Probe(route, slug, $"body '{body.Name}'", Admin: true, r => r.Content = body.Content(slug)));
            if (!route.IsAdmin) continue;
            foreach (var body in HostileCorpus.Bodies.Where(b => SampleBodies.Contains(b.Name)))
                probes.Add(new Probe(route, slug, $"body '{body.Name}' without the key", Admin: false, r => r.Content = body.Content(slug)));
        }

        await ReplayAsync(probes);
    }

    [Fact]
    public async Task EveryRouteAnswersEveryAcceptHeaderWithoutFailing()
    {
        var routes = fixture.Routes();
        output.WriteLine($"{routes.Count} routes: {string.Join(", ", routes)}");
        var slugs = await CampaignsForAsync(routes);
        var probes = new List<Probe>();
        foreach (var route in routes)
        {
            foreach (var accept in route.IsRead ? HostileCorpus.Accepts : SampleAccepts)
            {
                // Without the key only the admin routes answer differently (401).
                foreach (var admin in route.IsAdmin ? [true, false] : new[] { true })
                {
                    probes.Add(new Probe(route, slugs[route], $"Accept '{accept}'{(admin ? "" : " without the key")}", admin, r =>
                    {
                        if (accept is not null) r.Headers.TryAddWithoutValidation("Accept", accept);
                    }));
                }
            }
        }

        await ReplayAsync(probes);
    }

    [Fact]
    public async Task ForgedCookiesAreHarmlessOnEveryRoute()
    {
        var routes = fixture.Routes();
        var slugs = await CampaignsForAsync(routes);
        var probes = routes.SelectMany(route => HostileCorpus.Cookies.Select(cookie => new Probe(route, slugs[route], $"Cookie '{cookie}'", Admin: true, r =>
        {
            r.Headers.TryAddWithoutValidation("Cookie", cookie.Replace("{slug}", slugs[route], StringComparison.Ordinal));
            // A vote with a forged device may be counted (as a new device), but must not fail.
            if (route.IsVote) r.Content = JsonContent.Create(new { optionId = "choc" });
        }))).ToList();

        await ReplayAsync(probes);
    }

    [Fact]
    public async Task ForgedHostsAreRefusedOnEveryRouteBeforeAnythingHappens()
    {
        var routes = fixture.Routes();
        var slugs = await CampaignsForAsync(routes);
        var before = await fixture.StateAsync();
        var problems = new ConcurrentQueue<string>();

        await Parallel.ForEachAsync(routes.SelectMany(route => HostileCorpus.Hosts.Select(host => (route, host))), Parallelism, async (probe, _) =>
        {
            var (route, host) = probe;
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.PathFor(slugs[route]));
            request.Headers.Host = host;
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Host.AdminKey);
            if (!route.IsRead) request.Content = JsonContent.Create(new { optionId = "choc", kind = "poll", title = "Forged" });
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.BadRequest) problems.Enqueue($"{route} with Host '{host}': {(int)response.StatusCode}, not 400");
            if (body.Contains(host, StringComparison.OrdinalIgnoreCase)) problems.Enqueue($"{route} with Host '{host}': the answer repeats the host");
        });

        if (!before.SameAs(await fixture.StateAsync())) problems.Enqueue("storage changed");
        if ((await fixture.DrainQueuesAsync()).Count > 0) problems.Enqueue("something was queued");
        Report(problems.ToList(), routes.Count * HostileCorpus.Hosts.Count);
    }

    [Fact]
    public async Task AddressesThatDoNotExistAreAnsweredNotFailed()
    {
        var slug = (await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("paths"))).Slug;
        var probes = new List<Probe>();
        foreach (var path in HostileCorpus.Paths.Select(p => p.Replace("{slug}", slug, StringComparison.Ordinal)))
        {
            foreach (var method in new[] { "GET", "POST" })
            {
                foreach (var accept in new[] { "text/html", "image/png", "*/*" })
                {
                    probes.Add(new Probe(method, path, slug, $"{method} {path} with Accept '{accept}'", Admin: true,
                        r => r.Headers.TryAddWithoutValidation("Accept", accept)));
                }
            }
        }

        await ReplayAsync(probes);
    }

    [Fact]
    public async Task HostilePayloadsInEveryTextFieldAreKeptAsTextAndShownEscaped()
    {
        var problems = new List<string>();
        foreach (var payload in HostileCorpus.Payloads)
        {
            var slug = $"xss-{Guid.NewGuid():N}"[..20];
            // Text overrides may not hold braces (they are placeholders); every other text field takes anything.
            var text = payload.Replace("{", "(", StringComparison.Ordinal).Replace("}", ")", StringComparison.Ordinal);
            var created = await Host.Admin.PostAsJsonAsync("/api/campaigns", new PollBuilder().WithSlug(slug)
                .WithTitle(payload).WithDescription(payload)
                .WithOptionIds(("choc", payload), ("van", payload + " 2"))
                .WithContact("optional", payload)
                .With("texts", new[] { "vote_button", "choose_option", "contact_heading", "email_label", "name_label", "thanks_title", "results_heading", "view_results" }
                    .ToDictionary(key => key, _ => text))
                .With("thanks", new { message = payload })
                .Build());
            if (created.StatusCode != HttpStatusCode.Created)
            {
                problems.Add($"'{payload}' in every text field: {(int)created.StatusCode} {Trim(await created.Content.ReadAsStringAsync())}");
                continue;
            }
            (await Host.Admin.PostAsync($"/api/campaigns/{slug}/publish", null)).EnsureSuccessStatusCode();

            // Where URLs and origins go, the same payload is refused and creates nothing.
            var urls = await Host.Admin.PostAsJsonAsync("/api/campaigns", new PollBuilder().WithSlug(slug + "-u")
                .With("brand", new { rulesUrl = payload, privacyUrl = payload }).With("thanks", new { redirectUrl = payload }).With("embedOrigins", new[] { payload })
                .Build());
            if (urls.StatusCode != HttpStatusCode.BadRequest) problems.Add($"'{payload}' as URLs: {(int)urls.StatusCode}, not 400");

            using var fan = Host.CreateClient();
            var pages = new List<Html.Page>
            {
                await fan.GetPageAsync($"/c/{slug}"),
                await fan.GetPageAsync($"/c/{slug}/results"),
                await fan.GetPageAsync($"/c/{slug}/thanks?receipt={Uri.EscapeDataString(payload)}"),
                // A refused form shows the fan's own input again.
                await fan.PostFormAsync($"/c/{slug}/votes", ("optionId", payload), ("email", payload), ("name", payload), ("consent", payload)),
                await fan.PostFormAsync($"/c/{slug}/votes", ("optionId", "choc"), ("email", payload), ("name", payload), ("consent", "yes")),
            };
            foreach (var page in pages)
            {
                var where = $"'{payload}' on {page.Response.RequestMessage!.Method} {page.Response.RequestMessage.RequestUri!.PathAndQuery}";
                if ((int)page.Response.StatusCode >= 500) problems.Add($"{where}: {(int)page.Response.StatusCode}");
                try
                {
                    Html.AssertNoActiveContent(page.Document);
                }
                catch (Xunit.Sdk.XunitException ex)
                {
                    problems.Add($"{where}: {ex.Message}");
                }
                if (payload.Contains('<', StringComparison.Ordinal) && page.Source.Contains(payload, StringComparison.Ordinal)) problems.Add($"{where}: shown unescaped");
            }
            if (pages[0].Document.QuerySelector("h1")?.TextContent.Contains(payload.Trim(), StringComparison.Ordinal) != true)
                problems.Add($"'{payload}': the page's heading does not show it as text");

            var before = await fixture.StateAsync();
            var vote = await fan.PostAsJsonAsync($"/c/{slug}/votes", new { optionId = payload, email = payload, name = payload });
            if (vote.StatusCode != HttpStatusCode.BadRequest) problems.Add($"'{payload}' in a JSON vote: {(int)vote.StatusCode}, not 400");
            if (!before.SameAs(await fixture.StateAsync())) problems.Add($"'{payload}' in a JSON vote: refused, yet storage changed");
            foreach (var image in new[] { $"/c/{slug}/card.png", $"/c/{slug}/results/card.png", $"/c/{slug}/qr.svg" })
            {
                using var answer = await fan.GetAsync(image);
                if (answer.StatusCode != HttpStatusCode.OK) problems.Add($"'{payload}' on {image}: {(int)answer.StatusCode}");
            }
        }

        // Every vote above was refused (no such option, or no valid email), so none may be queued.
        if ((await fixture.DrainQueuesAsync()).Count > 0) problems.Add("a refused vote or contact was queued");
        Report(problems, HostileCorpus.Payloads.Count);
    }

    private static ParallelOptions Parallelism => new() { MaxDegreeOfParallelism = 6 };

    /// <summary>A request of the corpus: where it goes, for which campaign, what is odd about it, whether it carries the admin key.</summary>
    private sealed record Probe(string Method, string Path, string Slug, string Case, bool Admin, Action<HttpRequestMessage> Shape, bool IsVote = false)
    {
        public Probe(Route route, string slug, string @case, bool Admin, Action<HttpRequestMessage> shape)
            : this(route.Method, route.PathFor(slug), slug, $"{route} with {@case}", Admin, shape, route.IsVote)
        {
        }

        public HttpRequestMessage Build(string adminKey)
        {
            var request = new HttpRequestMessage(new HttpMethod(Method), new Uri(Path, UriKind.Relative));
            if (Admin) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
            Shape(request);
            return request;
        }
    }

    private sealed record Answer(Probe Probe, int Status, string? Location);

    /// <summary>Sends the probes six at a time, checks each answer, then accounts for everything storage holds that it did not before.</summary>
    private async Task ReplayAsync(IReadOnlyList<Probe> probes)
    {
        var clock = Stopwatch.StartNew();
        var before = await fixture.StateAsync();
        var problems = new ConcurrentQueue<string>();
        var answers = new ConcurrentBag<Answer>();
        await Parallel.ForEachAsync(probes, Parallelism, async (probe, _) => answers.Add(await SendAsync(probe, problems)));

        var after = await fixture.StateAsync();
        var succeeded = answers.Where(a => a.Status is >= 200 and < 400).ToList();
        foreach (var (slug, etag) in before.Campaigns.Where(c => !after.Campaigns.TryGetValue(c.Key, out var now) || now != c.Value))
            if (!succeeded.Any(a => a.Probe.Slug == slug)) problems.Enqueue($"campaign {slug} changed, yet every request for it was refused");
        foreach (var slug in after.Campaigns.Keys.Except(before.Campaigns.Keys))
            if (!succeeded.Any(a => a.Status == 201 && a.Location?.EndsWith("/" + slug, StringComparison.Ordinal) == true))
                problems.Enqueue($"campaign {slug} was created, yet no request was answered 201 for it");
        foreach (var blob in after.Blobs.Except(before.Blobs))
            if (!succeeded.Any(a => a.Probe.Method == "PUT" && blob.StartsWith(a.Probe.Slug + "/", StringComparison.Ordinal)))
                problems.Enqueue($"blob {blob} was stored, yet no upload for its campaign succeeded");
        if (after.VoteRows != before.VoteRows || after.ContactRows != before.ContactRows) problems.Enqueue("vote or contact rows were written with the tally off");
        foreach (var (queueAndSlug, items) in await fixture.DrainQueuesAsync())
        {
            var slug = queueAndSlug[(queueAndSlug.IndexOf(':', StringComparison.Ordinal) + 1)..];
            var accepted = answers.Count(a => a.Probe.IsVote && a.Probe.Slug == slug && a.Status == 202);
            if (queueAndSlug.Contains("-poison", StringComparison.Ordinal)) problems.Enqueue($"{items} item(s) on {queueAndSlug}");
            else if (queueAndSlug.Contains("votes", StringComparison.Ordinal) ? items != accepted : items > accepted)
                problems.Enqueue($"{items} item(s) queued on {queueAndSlug} for {accepted} accepted vote(s)");
        }

        output.WriteLine($"{probes.Count} requests in {clock.Elapsed.TotalSeconds:0.0} s; {succeeded.Count} succeeded; "
                         + string.Join(", ", answers.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}")));
        Report(problems.ToList(), probes.Count);
    }

    /// <summary>Sends one request; a 5xx, a stack trace or (from the app) an error without a body is a problem.</summary>
    private async Task<Answer> SendAsync(Probe probe, ConcurrentQueue<string> problems)
    {
        using var request = probe.Build(Host.AdminKey);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var where = $"{probe.Case} ({request.RequestUri})";
        var status = (int)response.StatusCode;
        if (status >= 500) problems.Enqueue($"{where}: {status} {Trim(body)}");
        if (status >= 400 && StackTrace().IsMatch(body)) problems.Enqueue($"{where}: a stack trace in the answer: {Trim(body)}");
        // Kestrel refuses some requests itself (a NUL in the path) before the app sees them, with an
        // empty 400; every answer the app writes carries nosniff, and a body.
        var fromApp = response.Headers.Contains("X-Content-Type-Options");
        if (status >= 400 && body.Length == 0 && request.Method != HttpMethod.Head && (fromApp || status != 400))
            problems.Enqueue($"{where}: {status} with an empty body");
        return new Answer(probe, status, response.Headers.Location?.OriginalString);
    }

    /// <summary>Fails with every problem found, after the engine's log was checked for exceptions too.</summary>
    private void Report(List<string> problems, int requests)
    {
        foreach (var entry in fixture.Logs.Entries.Where(e => e.Level >= LogLevel.Warning))
        {
            output.WriteLine(entry.ToString());
            if (entry.Exception is not null || StackTrace().IsMatch(entry.Message)) problems.Add($"logged with an exception: {Trim(entry.ToString())}");
        }
        fixture.Logs.Clear();
        Assert.True(problems.Count == 0, $"{problems.Count} problem(s) in {requests} requests:\n" + string.Join("\n", problems.Take(60)));
    }

    /// <summary>A fresh live poll per route, so what one route does to its campaign (close it, say) leaves the others as they were.</summary>
    private async Task<Dictionary<Route, string>> CampaignsForAsync(IReadOnlyList<Route> routes)
    {
        var slugs = new ConcurrentDictionary<Route, string>();
        await Parallel.ForEachAsync(routes, Parallelism, async (route, _) =>
            slugs[route] = (await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("hostile").WithContact("optional"))).Slug);
        return new Dictionary<Route, string>(slugs);
    }

    private static string Trim(string text) => text.Length > 300 ? text[..300] + "…" : text;

    /// <summary>What a .NET stack trace or exception dump looks like in text.</summary>
    [GeneratedRegex(@"\bat [\w.`<>\[\]]+\.[\w`<>]+\(|\.cs:line \d+|\b\w+Exception\b")]
    private static partial Regex StackTrace();
}
