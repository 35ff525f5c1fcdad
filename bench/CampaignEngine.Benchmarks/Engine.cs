using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CampaignEngine.Benchmarks;

/// <summary>The engine's Release build as its own process, configured by environment variables.</summary>
public sealed class Engine : IDisposable
{
    public const string AdminKey = "bench-admin-key-not-a-secret";

    /// <summary>The engine's contact key secret, so the bench can seed contact rows under the keys the engine computes.</summary>
    public const string ContactKeySecret = "bench-contact-key-secret-bench-contact-key";
    private readonly Process process;

    private Engine(Process process, int port)
    {
        this.process = process;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        // The first read of a big contest's board waits for every entry row; on Azurite that is a scan of the table per page.
        SlowHttp = new HttpClient { BaseAddress = Http.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        SlowHttp.DefaultRequestHeaders.Authorization = Http.DefaultRequestHeaders.Authorization;
    }

    public int Port { get; }
    public int Pid => process.Id;
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public HttpClient Http { get; }
    private HttpClient SlowHttp { get; }

    /// <summary>
    /// Starts the engine dll. Standalone unless <paramref name="customHandler"/>, in which case it
    /// gets FUNCTIONS_CUSTOMHANDLER_PORT as under the Azure Functions host.
    /// </summary>
    public static Engine Start(string dll, string storage, string prefix, IReadOnlyDictionary<string, string> settings, bool customHandler = false)
    {
        var port = Children.FreePort();
        var dir = Path.GetDirectoryName(dll)!;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        // The build folder as content root, so a developer's local.settings.json in the repo is not read.
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(dir);
        var env = start.Environment;
        env["CampaignStorage"] = storage;
        env["Storage__Prefix"] = prefix;
        env["CampaignEngine__AdminApiKey"] = AdminKey;
        env["CampaignEngine__CookieSecret"] = "bench-cookie-secret-bench-cookie-secret";
        env["Contacts__KeySecret"] = ContactKeySecret;
        env["DOTNET_ENVIRONMENT"] = env["ASPNETCORE_ENVIRONMENT"] = "Production";
        if (customHandler)
        {
            env["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString();
            env.Remove("ASPNETCORE_URLS");
        }
        else
        {
            env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        }
        foreach (var (key, value) in settings) env[key] = value;

        var process = Children.Start(start);
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new Engine(process, port);
    }

    // Only warnings and errors are echoed (the header line and the message line after it, and for an error the
    // exception's line too), so a broken run explains itself without flooding the summary.
    private static int echoNext;

    private static void Log(string? line)
    {
        if (line is null) return;
        var header = line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal)
                     || line.StartsWith("crit:", StringComparison.Ordinal) || line.StartsWith("Unhandled", StringComparison.Ordinal);
        if (header || echoNext > 0) Console.Error.WriteLine("  engine " + line.Trim());
        echoNext = header ? (line.StartsWith("warn:", StringComparison.Ordinal) ? 1 : 2) : Math.Max(0, echoNext - 1);
    }

    /// <summary>Polls GET /healthz until it answers 200; returns the time since <paramref name="since"/>.</summary>
    public async Task<TimeSpan> WaitHealthyAsync(Stopwatch since, TimeSpan timeout, TimeSpan pollEvery)
    {
        using var probe = new HttpClient { BaseAddress = Http.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            try
            {
                using var response = await probe.GetAsync("/healthz");
                if (response.IsSuccessStatusCode) return since.Elapsed;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (process.HasExited) throw new InvalidOperationException($"The engine exited with code {process.ExitCode}");
            if (since.Elapsed > timeout) throw new TimeoutException("The engine did not become healthy");
            await Task.Delay(pollEvery);
        }
    }

    /// <summary>Creates and publishes a poll with options o1..oN; returns its slug.</summary>
    public async Task<string> CreatePollAsync(string slug, int options, object? protection = null, object? contact = null)
    {
        var body = new Dictionary<string, object>
        {
            ["slug"] = slug,
            ["kind"] = "poll",
            ["title"] = $"Benchmark {slug}",
            ["options"] = Enumerable.Range(1, options).Select(i => new { label = $"Option {i}" }).ToArray(),
        };
        if (protection is not null) body["protection"] = protection;
        if (contact is not null) body["contact"] = contact;
        using var created = await Http.PostAsJsonAsync("/api/campaigns", body);
        if (!created.IsSuccessStatusCode) throw new InvalidOperationException($"Creating {slug}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var ids = json.RootElement.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("id").GetString()).ToList();
        if (!ids.SequenceEqual(Enumerable.Range(1, options).Select(i => $"o{i}")))
        {
            throw new InvalidOperationException($"Expected option ids o1..o{options}, got {string.Join(",", ids)}");
        }
        using var published = await Http.PostAsync($"/api/campaigns/{slug}/publish", null);
        published.EnsureSuccessStatusCode();
        return slug;
    }

    /// <summary>Creates and publishes a contest of text entries, a photo optional, visible at once (post-moderation); returns its slug.</summary>
    public async Task<string> CreateContestAsync(string slug)
    {
        var body = new
        {
            slug,
            kind = "contest",
            title = $"Benchmark {slug}",
            contest = new { moderation = "post", entriesPerParticipant = 1, entryType = "both" },
        };
        using var created = await Http.PostAsJsonAsync("/api/campaigns", body);
        if (!created.IsSuccessStatusCode) throw new InvalidOperationException($"Creating {slug}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        using var published = await Http.PostAsync($"/api/campaigns/{slug}/publish", null);
        published.EnsureSuccessStatusCode();
        return slug;
    }

    /// <summary>
    /// Creates and publishes the bench's survey: ten questions of eight types on one page (what votes.lua's "survey" mode
    /// answers); returns its slug.
    /// </summary>
    public async Task<string> CreateSurveyAsync(string slug)
    {
        var options = (string[] ids) => ids.Select(id => new { id, label = id }).ToArray();
        var body = new
        {
            slug,
            kind = "survey",
            title = $"Benchmark {slug}",
            survey = new
            {
                pages = new[]
                {
                    new
                    {
                        questions = new object[]
                        {
                            new { id = "dish", type = "single", text = "Which dish?", required = true, options = options(["gazpacho", "ceviche", "tapas", "paella"]) },
                            new { id = "tags", type = "multiple", text = "What should it be?", options = options(["veggie", "spicy", "cold", "sweet"]) },
                            new { id = "size", type = "dropdown", text = "Portion", options = options(["small", "medium", "large"]) },
                            new { id = "stars", type = "rating", text = "Rate the menu" },
                            new { id = "nps", type = "nps", text = "Recommend us?" },
                            new { id = "grid", type = "matrix", text = "Rate", rows = options(["taste", "price"]), columns = options(["bad", "ok", "good"]) },
                            new { id = "order", type = "ranking", text = "Order", options = options(["soup", "salad", "dessert", "main"]) },
                            new { id = "visits", type = "number", text = "Visits", min = 0, max = 365 },
                            new { id = "idea", type = "shortText", text = "An idea" },
                            new { id = "agree", type = "consent", text = "I agree to the rules" },
                        },
                    },
                },
            },
        };
        using var created = await Http.PostAsJsonAsync("/api/campaigns", body);
        if (!created.IsSuccessStatusCode) throw new InvalidOperationException($"Creating {slug}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        using var published = await Http.PostAsync($"/api/campaigns/{slug}/publish", null);
        published.EnsureSuccessStatusCode();
        return slug;
    }

    /// <summary>
    /// The least of a survey's responses and of each question's answered count: it reaches the receipts only once every
    /// question's aggregate counts every response (each bench response answers every question).
    /// </summary>
    public async Task<long> SurveyCountedAsync(string slug)
    {
        using var response = await Http.GetAsync($"/api/campaigns/{slug}/results");
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var questions = json.RootElement.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("answered").GetInt64());
        return Math.Min(json.RootElement.GetProperty("responses").GetInt64(), questions.DefaultIfEmpty(0).Min());
    }

    /// <summary>A contest's counters from its results: entries and votes counted.</summary>
    public async Task<(long Entries, long Votes)> ContestTotalsAsync(string slug)
    {
        using var response = await Http.GetAsync($"/api/campaigns/{slug}/results");
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (json.RootElement.GetProperty("entries").GetInt64(), json.RootElement.GetProperty("votes").GetInt64());
    }

    /// <summary>
    /// Every approved entry of a contest with its votes, from the leaderboard a page of 1,000 at a time (the board in
    /// the engine's memory). The marketer's entries.csv reads the entries table instead, which on Azurite costs a
    /// scan of the whole table per page (over 100 s for 130,000 entries).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>> EntryVotesAsync(string slug)
    {
        var votes = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var offset = 0; ; offset += 1000)
        {
            using var json = JsonDocument.Parse(await SlowHttp.GetStringAsync($"/api/campaigns/{slug}/leaderboard?limit=1000&offset={offset}"));
            var items = json.RootElement.GetProperty("items");
            foreach (var item in items.EnumerateArray()) votes[item.GetProperty("id").GetString()!] = item.GetProperty("votes").GetInt64();
            if (items.GetArrayLength() < 1000) return votes;
        }
    }

    /// <summary>How long the first gallery page (most votes) takes: on an instance just started, the board's first read.</summary>
    public async Task<TimeSpan> FirstGalleryPageAsync(string slug)
    {
        var clock = Stopwatch.StartNew();
        using var response = await SlowHttp.GetAsync($"/c/{slug}/gallery?sort=votes");
        response.EnsureSuccessStatusCode();
        return clock.Elapsed;
    }

    /// <summary>Entry photos the engine has re-encoded since it started (the bench endpoint).</summary>
    public async Task<long> ImagesProcessedAsync()
    {
        using var json = JsonDocument.Parse(await Http.GetStringAsync("/bench/images"));
        return json.RootElement.GetProperty("processed").GetInt64();
    }

    /// <summary>Groups of votes the engine wrote to its outbox since it started (the bench endpoint).</summary>
    public async Task<long> OutboxWritesAsync()
    {
        using var json = JsonDocument.Parse(await Http.GetStringAsync("/bench/outbox"));
        return json.RootElement.GetProperty("votes").GetInt64();
    }

    /// <summary>The vote queue's send, outbox-insert and answer durations, one line each: "≤5 ms: n, …, max m".</summary>
    public async Task<IReadOnlyList<string>> SendTimingsAsync()
    {
        using var json = JsonDocument.Parse(await Http.GetStringAsync("/bench/outbox"));
        var timings = json.RootElement.GetProperty("timings");
        return new[] { "queueSends", "outboxInserts", "answered", "requests" }.Select(name =>
        {
            var snapshot = name == "requests" ? json.RootElement.GetProperty(name) : timings.GetProperty(name);
            var bounds = snapshot.GetProperty("boundsMs").EnumerateArray().Select(b => b.GetInt32()).ToArray();
            var counts = snapshot.GetProperty("counts").EnumerateArray().Select(c => c.GetInt64()).ToArray();
            var total = Math.Max(1, counts.Sum());
            var cells = counts.Select((count, i) => $"{(i < bounds.Length ? $"≤{bounds[i]}" : $">{bounds[^1]}")} {count:N0} ({100.0 * count / total:0.##}%)");
            return $"{name}: {string.Join(", ", cells)}; max {snapshot.GetProperty("maxMs").GetDouble():N0} ms";
        }).ToList();
    }

    public async Task<long> TotalVotesAsync(string slug)
    {
        using var response = await Http.GetAsync($"/api/campaigns/{slug}/results");
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("totalVotes").GetInt64();
    }

    /// <summary>Peak resident set (VmHWM) of the engine process, in KiB.</summary>
    public long PeakWorkingSetKib()
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0]);
            }
        }
        return 0;
    }

    public void Dispose()
    {
        Http.Dispose();
        SlowHttp.Dispose();
        Children.Stop(process, TimeSpan.FromSeconds(10));
    }
}
