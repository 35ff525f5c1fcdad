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
var stallSeconds = int.TryParse(Environment.GetEnvironmentVariable("BENCH_STALL_SECONDS"), out var stall) ? stall : quick ? 4 : 75;
// BENCH_PHASES=pow,stall runs only those phases (cold, raw, bare, levels, accept, limits, forms, pow,
// pow-returning, stall, survey, offers, dunkin) and prints each phase's figures but no summary; the docs are only written by full runs.
var phases = Environment.GetEnvironmentVariable("BENCH_PHASES") is { Length: > 0 } chosen ? chosen.Split(',').ToHashSet() : null;
bool Wants(string phase) => phases is null || phases.Contains(phase);
// BENCH_DUNKIN=entries,votes sizes the Dunkin' contest (130,000 entries and 174,000 votes by default).
var dunkinSizes = Environment.GetEnvironmentVariable("BENCH_DUNKIN") is { Length: > 0 } sizes ? sizes.Split(',').Select(long.Parse).ToArray() : null;
var dunkinEntries = dunkinSizes?[0] ?? (quick ? 4_000L : 130_000L);
var dunkinVotes = dunkinSizes?[1] ?? (quick ? 6_000L : 174_000L);
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
    if (Wants("cold"))
    {
        Step("Cold start as a Functions custom handler (Azurite in memory, free ports; queue and table services in separate processes)");
        using var coldStorage = await Azurite.StartSplitAsync(repo);
        results.ColdStarts.AddRange(await ColdStart.MeasureAsync(dll, coldStorage.ConnectionString, quick ? 2 : 5));
        Console.WriteLine($"  {string.Join(", ", results.ColdStarts.Select(t => $"{t.TotalMilliseconds:0} ms"))}");
    }

    if (Wants("raw"))
    {
        Step("Raw enqueue: one message per vote, 32 in flight (its own fresh Azurite)");
        // Its own instance: the thousands of messages it leaves behind must not slow the engine's Azurite.
        using var raw = await Azurite.StartAsync(repo);
        results.RawEnqueuePerSecond = await RawEnqueue.MessagesPerSecondAsync(raw.ConnectionString, TimeSpan.FromSeconds(quick ? 2 : 5));
        Console.WriteLine($"  {results.RawEnqueuePerSecond:N0} messages/s");
    }

    // Each phase gets fresh Azurite processes (in memory, queue and table apart) and a freshly started
    // engine, so no phase pays for what an earlier one left in the emulator. Two Azurite costs that
    // Azure Storage does not have make this matter: a table is one in-memory collection whose sorted
    // indexes make every insert cost time in proportion to the rows already stored, and the queue
    // service's garbage collection of deleted messages' bodies, every 60 s, stops it answering
    // anything for many seconds once tens of thousands of messages have come and gone. A level
    // (warm-up, load, tally) ends well inside the first 60 s; the Dunkin' spike is long enough to
    // meet that collection, and its figures include it.
    long peakKib = 0;
    // A fresh process runs unoptimised code at first and recompiles hot methods in the background;
    // the pause after the warm-up lets those compilations finish before anything is measured.
    var warmUpSeconds = quick ? 1 : 3;
    Task SettleAsync() => Task.Delay(TimeSpan.FromSeconds(quick ? 0.5 : 3));

    async Task<Phase> StartPhaseAsync(string prefix, IReadOnlyDictionary<string, string> engineSettings, bool warmUp)
    {
        var storage = await Azurite.StartSplitAsync(repo);
        var started = Engine.Start(dll, storage.ConnectionString, prefix, engineSettings);
        await started.WaitHealthyAsync(Stopwatch.StartNew(), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));
        var load = new Wrk(Path.Combine(repo, "bench", "wrk"), started.BaseUrl, Threads);
        if (warmUp) await WarmUpAsync(started, load);
        return new Phase(started, load, storage);
    }

    // JIT and connection pools; not reported. The votes must be tallied, by this engine or another.
    async Task WarmUpAsync(Engine engine, Wrk load)
    {
        var warm = await engine.CreatePollAsync("warmup", 4);
        var warmRun = await load.VotesForAsync(Headline, warmUpSeconds, warm, 4);
        await Tally.WaitAsync(engine, warm, warmRun, TimeSpan.FromSeconds(120));
        await SettleAsync();
    }

    void Stop(Engine stopped)
    {
        peakKib = Math.Max(peakKib, stopped.PeakWorkingSetKib());
        stopped.Dispose();
    }

    void End(Phase phase)
    {
        Stop(phase.Engine);
        phase.Storage.Dispose();
    }

    async Task<VoteRun> VotesAsync(Phase phase, string slug, int connections, Func<Task<WrkResult>> load, TimeSpan tallyDeadline, Func<Task<long>>? counted = null)
    {
        var meter = new CpuMeter(phase.Engine.Pid, phase.Storage.Pids);
        using var depth = new QueueDepth(phase.Engine);
        var run = await load();
        var cpu = meter.Stop();
        var tally = await Tally.WaitAsync(run, tallyDeadline, counted ?? (() => phase.Engine.TotalVotesAsync(slug)));
        var vote = new VoteRun(connections, run, tally, cpu, await depth.StopAsync());
        Console.WriteLine($"  c={connections,-4} {Summary.Votes(vote)}");
        return vote;
    }

    async Task<PlainRun> PlainAsync(Phase phase, int connections, string method, string path, string? body = null)
    {
        var meter = new CpuMeter(phase.Engine.Pid, phase.Storage.Pids);
        var run = await phase.Wrk.PlainAsync(connections, runSeconds, method, path, body);
        var plain = new PlainRun(connections, run, meter.Stop());
        Console.WriteLine($"  c={connections,-4} {Summary.Plain(plain)}");
        return plain;
    }

    if (Wants("bare"))
    {
        Step($"Bare 202 endpoint (no storage), {runSeconds} s per level");
        var bare = await StartPhaseAsync("bench", settings, warmUp: false);
        await bare.Wrk.PlainAsync(Headline, 2, "POST", "/bench/accept", """{"optionId":"o1"}""");
        foreach (var c in levels) results.Bare.Add(await PlainAsync(bare, c, "POST", "/bench/accept", """{"optionId":"o1"}"""));
        End(bare);
    }

    if (Wants("levels")) Step($"Votes from distinct voters, {runSeconds} s per level (each on fresh Azurite and engine processes, after a 3 s warm-up), then wait for the exact tally");
    foreach (var c in Wants("levels") ? levels : [])
    {
        var level = await StartPhaseAsync("bench", settings, warmUp: true);
        var slug = await level.Engine.CreatePollAsync($"bench-c{c}", 4);
        results.Votes.Add(await VotesAsync(level, slug, c, () => level.Wrk.VotesForAsync(c, runSeconds, slug, 4), TimeSpan.FromSeconds(180)));
        if (c == Headline)
        {
            Step($"Results page GET /c/{{slug}}/results of the poll just tallied");
            results.ResultsPage = await PlainAsync(level, Headline, "GET", $"/c/{slug}/results");
        }
        End(level);
    }

    // What the accept side can do when the tally runs elsewhere, as under the Functions host, where
    // HTTP and queue functions scale on separate instances: listener off during the load, then a
    // tally-only engine (no HTTP traffic) drains the backlog.
    var acceptSettings = new Dictionary<string, string>(settings)
    {
        ["QueueListener__Enabled"] = "false",
        // Nothing drains during this run, so the backlog rule would only measure itself.
        ["GroupCommit__BacklogMessages"] = "0",
        // Nor does its outbox drain here: the tally-only engine drains it with the queue.
        ["Timers__Enabled"] = "false",
    };

    async Task<VoteRun> AcceptSideAsync(IReadOnlyDictionary<string, string> engineSettings, bool forwarded, bool form = false, object? protection = null)
    {
        var acceptOnly = await StartPhaseAsync("bench", engineSettings, warmUp: false);
        // Its warm-up votes stay queued (nothing tallies here); the tally-only engine counts them too.
        var acceptWarm = await acceptOnly.Engine.CreatePollAsync("warmup", 4, protection);
        await acceptOnly.Wrk.VotesForAsync(Headline, warmUpSeconds, acceptWarm, 4, forwarded, form);
        await SettleAsync();
        var split = await acceptOnly.Engine.CreatePollAsync("bench-accept-only", 4, protection);
        return await MeasureAcceptSideAsync(acceptOnly, split, () => acceptOnly.Wrk.VotesForAsync(Headline, runSeconds, split, 4, forwarded, form));
    }

    // A new engine process beside the phase's, on the same storage: how long its first gallery page takes.
    async Task<TimeSpan> ColdGalleryAsync(Phase phase, string slug, bool snapshots)
    {
        var cold = Engine.Start(dll, phase.Storage.ConnectionString, "bench", new Dictionary<string, string>(settings) { ["Contests__BoardSnapshots"] = snapshots ? "true" : "false" });
        try
        {
            await cold.WaitHealthyAsync(Stopwatch.StartNew(), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));
            return await cold.FirstGalleryPageAsync(slug);
        }
        finally
        {
            Stop(cold);
        }
    }

    // The load on an accept-only engine, its CPU, then a tally-only engine (no HTTP traffic) draining what it accepted.
    async Task<VoteRun> MeasureAcceptSideAsync(Phase phase, string slug, Func<Task<WrkResult>> votes, Func<Task<long>>? counted = null)
    {
        var meter = new CpuMeter(phase.Engine.Pid, phase.Storage.Pids);
        // Nothing drains during the load, so the depth at its end is the number of messages the votes took.
        var depth = new QueueDepth(phase.Engine);
        var load = await votes();
        var cpu = meter.Stop();
        var messages = await depth.StopAsync();
        depth.Dispose();
        var tallier = Engine.Start(dll, phase.Storage.ConnectionString, "bench", settings);
        var tally = await Tally.WaitAsync(load, TimeSpan.FromSeconds(180), counted ?? (() => phase.Engine.TotalVotesAsync(slug)));
        var run = new VoteRun(Headline, load, tally, cpu, messages);
        Stop(tallier);
        End(phase);
        Console.WriteLine($"  c={Headline,-4} {Summary.Votes(run)}");
        return run;
    }

    if (Wants("accept"))
    {
        Step($"Accept side alone ({Headline} connections, queue listener off), then a tally-only engine drains it");
        results.AcceptOnly = await AcceptSideAsync(acceptSettings, forwarded: false);
    }

    // The same with the campaign's network limits counting every vote: each vote comes with its own
    // X-Forwarded-For address (trusted from loopback), so every vote is hashed, counted per address
    // and per network, and the sync runs. Its plain run is the same load on a poll whose limits are
    // off, so wrk does the same work on both sides (a new address per vote costs the load generator
    // too) and only the limits differ. The per-IP rate limiter is off for both, as loopback (the
    // plain run) is exempt from it.
    var limitedSettings = new Dictionary<string, string>(acceptSettings) { ["RateLimits__Enabled"] = "false" };
    var limitsOff = new { perAddress = (object?)null, perNetwork = (object?)null };
    if (Wants("limits") || Wants("forms"))
    {
        Step($"Accept side alone, every vote from its own forwarded address, network limits off (the plain run the next ones compare with)");
        results.AcceptOnlyForwarded = await AcceptSideAsync(limitedSettings, forwarded: true, protection: limitsOff);
    }
    if (Wants("limits"))
    {
        Step($"Accept side alone, network limits on (the default limits; every vote from its own forwarded address)");
        results.AcceptOnlyLimited = await AcceptSideAsync(limitedSettings, forwarded: true);
    }

    // And as browsers post the fan page's form: the body is a form, the cross-site check reads
    // Sec-Fetch-Site, and the answer is a 303 to the thank-you page. First with the limits off (the
    // form path's own cost against JSON), then on (the limits on the form path).
    if (Wants("forms"))
    {
        Step($"Accept side alone, form posts (cross-site check on every vote), network limits off");
        results.AcceptOnlyFormsNoLimits = await AcceptSideAsync(limitedSettings, forwarded: true, form: true, protection: limitsOff);
        Step($"Accept side alone, form posts (cross-site check on every vote), network limits on");
        results.AcceptOnlyForms = await AcceptSideAsync(limitedSettings, forwarded: true, form: true);
    }

    // Proof of work on: every vote comes with its own device cookie and a challenge issued to it,
    // solved before the run (as a fan's browser solves it before the fan votes), so the run
    // measures the engine checking it: the signature, one SHA-256, the single-use insert. The
    // difficulty is low because checking costs the same at any difficulty; the votes come from
    // loopback, exempt from the network limits, so the challenge is what differs from the plain run.
    if (Wants("pow"))
    {
        Step($"Accept side alone, proof of work on (every vote with its own solved challenge and device)");
        results.AcceptOnlyChallenged = await ChallengedAcceptSideAsync(returning: false);
    }
    if (Wants("pow-returning"))
    {
        Step($"Accept side alone, proof of work on, returning devices (each vote with its device's second challenge)");
        results.AcceptOnlyChallengedReturning = await ChallengedAcceptSideAsync(returning: true);
    }

    async Task<VoteRun> ChallengedAcceptSideAsync(bool returning)
    {
        var protection = new { proofOfWork = new { difficulty = 4 } };
        var perThread = quick ? 1_000 : 25_000;
        // Returning devices' votes travel as small messages (each its own single-use insert first), so the backlog
        // rule stays on as in production: past its deep threshold groups linger for company, and the tally-only
        // engine drains fewer, fuller messages. The first-challenge run keeps the plain accept side's settings.
        var phaseSettings = new Dictionary<string, string>(acceptSettings);
        if (returning) phaseSettings.Remove("GroupCommit__BacklogMessages");
        var phase = await StartPhaseAsync("bench", phaseSettings, warmUp: false);
        var pool = Path.Combine(Path.GetTempPath(), $"ce-bench-pow-{Environment.ProcessId}");
        var warm = await phase.Engine.CreatePollAsync("warmup-pow", 4, protection);
        await ChallengePool.WriteAsync(phase.Engine.Http.BaseAddress!, warm, 1_000, Threads, pool + "-warm", returning);
        await phase.Wrk.VotesWithChallengesAsync(Headline, warm, 4, 1_000, pool + "-warm", TimeSpan.FromSeconds(120));
        var slug = await phase.Engine.CreatePollAsync("bench-accept-pow", 4, protection);
        await ChallengePool.WriteAsync(phase.Engine.Http.BaseAddress!, slug, perThread, Threads, pool, returning);
        await SettleAsync();
        try
        {
            return await MeasureAcceptSideAsync(phase, slug, () => phase.Wrk.VotesWithChallengesAsync(Headline, slug, 4, perThread, pool, TimeSpan.FromSeconds(180)));
        }
        finally
        {
            foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(pool) + "*")) File.Delete(file);
        }
    }

    // Azurite's queue service stops answering while it collects deleted messages' bodies, once a
    // minute; a run this long meets it. The same load with the outbox off and on shows what a fan
    // waits for when one storage service pauses.
    // The third run splits the engine as the Functions host does (HTTP on one instance, the queue and the
    // outbox drain on another): the pause then meets a table service the accept side does not share with
    // an in-process tally, though the two processes still share this machine's cores.
    foreach (var (outboxOn, split) in Wants("stall") ? new[] { (false, false), (true, false), (true, true) } : [])
    {
        var label = (outboxOn ? "outbox on" : "outbox off") + (split ? ", tally in its own process" : "");
        Step($"Through the queue's pause: {Headline} connections, tally {(split ? "in its own process" : "in-process")}, {stallSeconds} s, outbox {(outboxOn ? "on" : "off")}");
        var stallSettings = new Dictionary<string, string>(split ? acceptSettings : settings);
        // Here the tally does drain, so the backlog rule (fuller messages while the queue is behind) is back on.
        if (split) stallSettings.Remove("GroupCommit__BacklogMessages");
        if (!outboxOn) stallSettings["Outbox__AnswerWithin"] = "00:00:00";
        var phase = await StartPhaseAsync("bench", stallSettings, warmUp: !split);
        Engine? tallier = null;
        if (split)
        {
            // The accept engine tallies nothing, so its warm-up waits for the tally-only engine.
            tallier = Engine.Start(dll, phase.Storage.ConnectionString, "bench", settings);
            await tallier.WaitHealthyAsync(Stopwatch.StartNew(), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));
            await WarmUpAsync(phase.Engine, phase.Wrk);
        }
        var stallSlug = await phase.Engine.CreatePollAsync(outboxOn ? split ? "bench-stall-split" : "bench-stall-outbox" : "bench-stall-queue", 4);
        var run = await VotesAsync(phase, stallSlug, Headline, () => phase.Wrk.VotesForAsync(Headline, stallSeconds, stallSlug, 4), TimeSpan.FromSeconds(180));
        var writes = await phase.Engine.OutboxWritesAsync();
        results.Stall.Add(new StallRun(label, outboxOn, run, writes, split));
        Console.WriteLine($"  {label}: {writes:N0} groups took the outbox");
        foreach (var line in await phase.Engine.SendTimingsAsync()) Console.WriteLine($"    {line}");
        if (tallier is not null) Stop(tallier);
        End(phase);
    }

    // A 10-question survey answered by distinct fans: with the tally in the same process, then the HTTP side alone with
    // a tally-only engine draining it. Exact means every question's aggregate counts every response accepted.
    if (Wants("survey"))
    {
        Step($"Survey: complete 10-question responses from distinct fans, {Headline} connections, {runSeconds} s, tally in-process");
        var surveyed = await StartPhaseAsync("bench", settings, warmUp: true);
        var surveySlug = await surveyed.Engine.CreateSurveyAsync("bench-survey");
        results.Survey = await VotesAsync(surveyed, surveySlug, Headline, () => surveyed.Wrk.SurveyResponsesForAsync(Headline, runSeconds, surveySlug),
            TimeSpan.FromSeconds(180), () => surveyed.Engine.SurveyCountedAsync(surveySlug));
        End(surveyed);

        Step($"Survey: the HTTP side alone ({Headline} connections, queue listener off), then a tally-only engine drains it");
        var acceptOnly = await StartPhaseAsync("bench", acceptSettings, warmUp: false);
        var warmSurvey = await acceptOnly.Engine.CreateSurveyAsync("warmup-survey");
        await acceptOnly.Wrk.SurveyResponsesForAsync(Headline, warmUpSeconds, warmSurvey);
        await SettleAsync();
        var acceptSlug = await acceptOnly.Engine.CreateSurveyAsync("bench-survey-accept");
        results.SurveyAcceptOnly = await MeasureAcceptSideAsync(acceptOnly, acceptSlug, () => acceptOnly.Wrk.SurveyResponsesForAsync(Headline, runSeconds, acceptSlug),
            () => acceptOnly.Engine.SurveyCountedAsync(acceptSlug));
    }

    // The close-time send of a follow-up offer: every consented contact of a closed campaign gets one code and one mail.
    if (Wants("offers"))
    {
        var offerContacts = int.TryParse(Environment.GetEnvironmentVariable("BENCH_OFFER_CONTACTS"), out var n) ? n : quick ? 2_000 : 100_000;
        Step($"Close-time offer: {offerContacts:N0} consented contacts of one closed campaign, one code and one mail each, to a local maildev (fresh Azurite and engine)");
        using var mail = await MailDev.StartAsync(repo);
        var offerSettings = new Dictionary<string, string>(settings);
        foreach (var (key, value) in mail.EngineSettings) offerSettings[key] = value;
        var sending = await StartPhaseAsync("bench", offerSettings, warmUp: false);
        results.OfferSend = await OfferSend.RunAsync(sending.Engine, sending.Storage.ConnectionString, "bench", "bench-offer", offerContacts,
            () => sending.Engine.PeakWorkingSetKib());
        End(sending);
    }

    if (Wants("dunkin"))
    {
        Step($"Dunkin': {dunkinEntries:N0} text entries from distinct participants, then {dunkinVotes:N0} votes on them from distinct voters, on one contest (fresh Azurite and engine)");
        var spike = await StartPhaseAsync("bench", settings, warmUp: true);
        var dunkinSlug = await spike.Engine.CreateContestAsync("bench-dunkin");
        results.Dunkin = await Dunkin.RunAsync(spike.Engine, spike.Wrk, spike.Storage.Pids, Headline, Threads, dunkinEntries, dunkinVotes, dunkinSlug);

        Step($"Gallery GET /c/{{slug}}/gallery?sort=votes with {dunkinEntries:N0} entries: the first page, then page 500");
        results.Gallery = await PlainAsync(spike, Headline, "GET", $"/c/{dunkinSlug}/gallery?sort=votes");
        results.GalleryDeep = await PlainAsync(spike, Headline, "GET", $"/c/{dunkinSlug}/gallery?sort=votes&page=500");

        Step("A second instance starting cold on that contest: its first gallery page, reading the board whole, then from the board's snapshot");
        var whole = await ColdGalleryAsync(spike, dunkinSlug, snapshots: false);
        var fromSnapshot = await ColdGalleryAsync(spike, dunkinSlug, snapshots: true);
        results.BoardColdStart = new BoardColdStart(whole, fromSnapshot);
        Console.WriteLine($"  first gallery page {whole.TotalSeconds:0.0} s reading the board whole, {fromSnapshot.TotalSeconds:0.0} s from its snapshot");
        End(spike);
    }
    results.PeakWorkingSetKib = peakKib;
    Console.WriteLine($"  engine peak working set (VmHWM, the largest of the engine processes): {results.PeakWorkingSetKib / 1024.0:N0} MiB");
}
finally
{
    Children.StopAll();
}

results.Duration = total.Elapsed;
if (phases is not null)
{
    Console.WriteLine($"Ran {string.Join(", ", phases)} only in {results.Duration.TotalSeconds:0} s; no summary, no docs.");
    return 0;
}
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

/// <summary>One bench phase: an engine, its load generator and the Azurite processes it runs against.</summary>
internal sealed record Phase(Engine Engine, Wrk Wrk, Azurite Storage);
