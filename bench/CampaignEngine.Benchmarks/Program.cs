using System.Diagnostics;
using System.Runtime.InteropServices;
using CampaignEngine.Benchmarks;

// ./bench.sh runs this after building the engine in Release. Usage:
//   CampaignEngine.Benchmarks <repo root> <engine dll> [--quick]
// --quick shortens every phase (a smoke test of the bench itself) and writes no docs.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: CampaignEngine.Benchmarks <repo root> <engine dll> [--quick]");
    return 2;
}
var repo = Path.GetFullPath(args[0]);
var dll = Path.GetFullPath(args[1]);
var quick = args.Contains("--quick");
// Ctrl-C or SIGTERM (bench.sh's trap): stop Azurite, the engine and wrk, then exit.
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupted);
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupted);

const int Threads = 2;
const int Headline = 64;
// BENCH_LEVELS / BENCH_SECONDS / BENCH_DUNKIN narrow a run while tuning (the docs are only written by full runs).
int[] levels = Environment.GetEnvironmentVariable("BENCH_LEVELS") is { Length: > 0 } only
    ? [.. only.Split(',').Select(int.Parse)]
    : [16, 32, 64, 128, 256];
var runSeconds = int.TryParse(Environment.GetEnvironmentVariable("BENCH_SECONDS"), out var seconds) ? seconds : quick ? 2 : 8;
var dunkin = long.TryParse(Environment.GetEnvironmentVariable("BENCH_DUNKIN"), out var submissions) ? submissions : quick ? 20_000L : 174_000L + 130_000L;
// Engine settings for the run; the figures are only comparable with the same settings.
var settings = new Dictionary<string, string>
{
    ["Benchmark__BareEndpoint"] = "true",
    // Results are normally cached for 1 s; a shorter cache makes the tally catch-up visible sooner.
    ["CampaignEngine__ResultsCacheDuration"] = "00:00:00.250",
};
foreach (var (key, value) in BenchSettings.FromEnvironment()) settings[key] = value;

var total = Stopwatch.StartNew();
var results = new BenchResults
{
    Machine = Machine.Describe(repo),
    Date = DateTimeOffset.UtcNow,
    EngineSettings = settings,
    HeadlineConnections = Headline,
    Threads = Threads,
    RunSeconds = runSeconds,
    LoadBefore = Machine.LoadAverage(),
};
try
{
    Step("Azurite (in memory, free ports; queue and table services in separate processes)");
    using var azurite = await Azurite.StartSplitAsync(repo);

    Step("Cold start as a Functions custom handler");
    results.ColdStarts.AddRange(await ColdStart.MeasureAsync(dll, azurite.ConnectionString, quick ? 2 : 5));
    Console.WriteLine($"  {string.Join(", ", results.ColdStarts.Select(t => $"{t.TotalMilliseconds:0} ms"))}");

    Step("Raw enqueue: one message per vote, 32 in flight (its own fresh Azurite)");
    // Its own instance: the thousands of messages it leaves behind must not slow the engine's Azurite.
    using (var raw = await Azurite.StartAsync(repo))
    {
        results.RawEnqueuePerSecond = await RawEnqueue.MessagesPerSecondAsync(raw.ConnectionString, TimeSpan.FromSeconds(quick ? 2 : 5));
    }
    Console.WriteLine($"  {results.RawEnqueuePerSecond:N0} messages/s");

    Step("Engine (Release, standalone)");
    var engine = Engine.Start(dll, azurite.ConnectionString, "bench", settings);
    await engine.WaitHealthyAsync(Stopwatch.StartNew(), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));
    var wrk = new Wrk(Path.Combine(repo, "bench", "wrk"), engine.BaseUrl, Threads);

    async Task<VoteRun> VotesAsync(string slug, int connections, Func<Task<WrkResult>> load, TimeSpan tallyDeadline)
    {
        var meter = new CpuMeter(engine.Pid, azurite.Pids);
        using var depth = new QueueDepth(engine);
        var run = await load();
        var cpu = meter.Stop();
        var tally = await Tally.WaitAsync(engine, slug, run, tallyDeadline);
        var vote = new VoteRun(connections, run, tally, cpu, await depth.StopAsync());
        Console.WriteLine($"  c={connections,-4} {Summary.Votes(vote)}");
        return vote;
    }

    async Task<PlainRun> PlainAsync(int connections, string method, string path, string? body = null)
    {
        var meter = new CpuMeter(engine.Pid, azurite.Pids);
        var run = await wrk.PlainAsync(connections, runSeconds, method, path, body);
        var plain = new PlainRun(connections, run, meter.Stop());
        Console.WriteLine($"  c={connections,-4} {Summary.Plain(plain)}");
        return plain;
    }

    Step("Warm-up (JIT, connection pools; not reported)");
    var warm = await engine.CreatePollAsync("bench-warmup", 4);
    await VotesAsync(warm, Headline, () => wrk.VotesForAsync(Headline, quick ? 1 : 3, warm, 4), TimeSpan.FromSeconds(120));
    await wrk.PlainAsync(Headline, 1, "POST", "/bench/accept", """{"optionId":"o1"}""");

    Step($"Bare 202 endpoint (no storage), {runSeconds} s per level");
    foreach (var c in levels) results.Bare.Add(await PlainAsync(c, "POST", "/bench/accept", """{"optionId":"o1"}"""));

    Step($"Votes from distinct voters, {runSeconds} s per level, then wait for the exact tally");
    foreach (var c in levels)
    {
        var slug = await engine.CreatePollAsync($"bench-c{c}", 4);
        results.Votes.Add(await VotesAsync(slug, c, () => wrk.VotesForAsync(c, runSeconds, slug, 4), TimeSpan.FromSeconds(180)));
    }

    // What the accept side can do when the tally runs elsewhere, as under the Functions host, where
    // HTTP and queue functions scale on separate instances: listener off during the load, then a
    // tally-only engine (no HTTP traffic) drains the backlog.
    results.PeakWorkingSetKib = engine.PeakWorkingSetKib();
    engine.Dispose();
    Step($"Accept side alone ({Headline} connections, queue listener off), then a tally-only engine drains it");
    var acceptOnly = Engine.Start(dll, azurite.ConnectionString, "bench", new Dictionary<string, string>(settings)
    {
        ["QueueListener__Enabled"] = "false",
        // Nothing drains during this run, so the backlog rule would only measure itself.
        ["GroupCommit__BacklogMessages"] = "0",
    });
    await acceptOnly.WaitHealthyAsync(Stopwatch.StartNew(), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));
    var split = await acceptOnly.CreatePollAsync("bench-accept-only", 4);
    var splitMeter = new CpuMeter(acceptOnly.Pid, azurite.Pids);
    var splitLoad = await new Wrk(Path.Combine(repo, "bench", "wrk"), acceptOnly.BaseUrl, Threads).VotesForAsync(Headline, runSeconds, split, 4);
    var splitCpu = splitMeter.Stop();
    using (var tallier = Engine.Start(dll, azurite.ConnectionString, "bench", settings))
    {
        var splitTally = await Tally.WaitAsync(acceptOnly, split, splitLoad, TimeSpan.FromSeconds(180));
        results.AcceptOnly = new VoteRun(Headline, splitLoad, splitTally, splitCpu, 0);
        results.PeakWorkingSetKib = Math.Max(results.PeakWorkingSetKib, Math.Max(acceptOnly.PeakWorkingSetKib(), tallier.PeakWorkingSetKib()));
    }
    acceptOnly.Dispose();
    Console.WriteLine($"  c={Headline,-4} {Summary.Votes(results.AcceptOnly)}");

    // The spike gets a freshly started engine (same storage, same settings), so its figures do not
    // depend on what the sweep left in the process (caches, the in-memory claim set of recent votes).
    Step("Engine restarted for the spike");
    engine = Engine.Start(dll, azurite.ConnectionString, "bench", settings);
    await engine.WaitHealthyAsync(Stopwatch.StartNew(), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));
    wrk = new Wrk(Path.Combine(repo, "bench", "wrk"), engine.BaseUrl, Threads);

    Step($"Dunkin': {dunkin:N0} submissions from distinct voters to one campaign");
    var dunkinSlug = await engine.CreatePollAsync("bench-dunkin", 4);
    results.DunkinSubmissions = dunkin;
    results.Dunkin = await VotesAsync(dunkinSlug, Headline,
        () => wrk.VotesCountAsync(Headline, dunkin, dunkinSlug, 4, TimeSpan.FromMinutes(5)), TimeSpan.FromSeconds(150));

    Step("Results page GET /c/{slug}/results");
    results.ResultsPage = await PlainAsync(Headline, "GET", $"/c/{dunkinSlug}/results");

    results.PeakWorkingSetKib = Math.Max(results.PeakWorkingSetKib, engine.PeakWorkingSetKib());
    engine.Dispose();
    Console.WriteLine($"  engine peak working set (VmHWM, the larger of the two processes): {results.PeakWorkingSetKib / 1024.0:N0} MiB");
}
finally
{
    Children.StopAll();
}

results.Duration = total.Elapsed;
Console.WriteLine();
Console.WriteLine(Summary.Table(results));
if (!quick)
{
    var docs = Path.Combine(repo, "docs");
    File.WriteAllText(Path.Combine(docs, "benchmarks.svg"), Chart.Svg(results));
    File.WriteAllText(Path.Combine(docs, "benchmarks.md"), Report.Markdown(results, Path.Combine(repo, "bench", "analysis.md")));
    Console.WriteLine("Wrote docs/benchmarks.md and docs/benchmarks.svg");
}
return 0;

static void Interrupted(PosixSignalContext context)
{
    Console.Error.WriteLine($"Interrupted ({context.Signal}); stopping what the bench started");
    Children.KillAll();
    Environment.Exit(130);
}

static void Step(string title) => Console.WriteLine($"== {title}");
