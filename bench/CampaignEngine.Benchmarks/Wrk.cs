using System.Diagnostics;
using System.Globalization;

namespace CampaignEngine.Benchmarks;

/// <summary>What one wrk run measured; counts come from the Lua scripts' <c>BENCH</c> line.</summary>
public sealed record WrkResult(
    long Sent, long Accepted, long Refused, long Requests, long Non2xx, long SocketErrors, long Timeouts,
    double P50Ms, double P90Ms, double P99Ms, double MaxMs, TimeSpan Elapsed, bool AllAnswered,
    DateTimeOffset StartedAt, DateTimeOffset LastAnswerAt)
{
    public double AcceptedPerSecond => Accepted / Elapsed.TotalSeconds;
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;
}

/// <summary>Runs wrk (apt's 4.1.0) as a child process with one of the Lua scripts in bench/wrk.</summary>
public sealed class Wrk(string scripts, string url, int threads)
{
    public static string Version()
    {
        var start = new ProcessStartInfo("wrk", ["-v"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return text.Split('\n')[0].Split(" Copyright")[0].Trim();
    }

    /// <summary>A fixed request for <paramref name="seconds"/> (bare 202 endpoint, results page).</summary>
    public Task<WrkResult> PlainAsync(int connections, int seconds, string method, string path, string? body = null) =>
        RunAsync("plain.lua", connections, TimeSpan.FromSeconds(seconds), waitForThreads: false,
            body is null ? [method, path] : [method, path, body]);

    /// <summary>
    /// Distinct-voter votes for about <paramref name="seconds"/>; every vote sent gets its answer. With
    /// <paramref name="forwarded"/> each vote carries its own X-Forwarded-For address, so network limits count it.
    /// </summary>
    /// <summary>
    /// Distinct-voter votes for about <paramref name="seconds"/>: JSON, or <paramref name="form"/> posts as a
    /// browser sends the engine's own form (the cross-site check runs on each), each from its own forwarded
    /// address when <paramref name="forwarded"/>.
    /// </summary>
    public Task<WrkResult> VotesForAsync(int connections, int seconds, string slug, int options, bool forwarded = false, bool form = false) =>
        RunAsync("votes.lua", connections, TimeSpan.FromSeconds(seconds + 60), waitForThreads: true,
            [slug, options.ToString(), "seconds", seconds.ToString(), string.Join(",", new[] { forwarded ? "xff" : "", form ? "form" : "" }.Where(f => f.Length > 0))]);

    /// <summary>Exactly <paramref name="votes"/> distinct-voter votes (split evenly over the threads).</summary>
    public Task<WrkResult> VotesCountAsync(int connections, long votes, string slug, int options, TimeSpan limit)
    {
        if (votes % threads != 0) throw new ArgumentException($"{votes} does not split evenly over {threads} threads");
        return RunAsync("votes.lua", connections, limit, waitForThreads: true,
            [slug, options.ToString(), "count", (votes / threads).ToString()]);
    }

    /// <summary>Each thread sends the solved challenges of its pool file once (see <see cref="ChallengePool"/>).</summary>
    public Task<WrkResult> VotesWithChallengesAsync(int connections, string slug, int options, int perThread, string poolPrefix, TimeSpan limit) =>
        RunAsync("votes.lua", connections, limit, waitForThreads: true,
            [slug, options.ToString(), "count", perThread.ToString(), "pow", poolPrefix]);

    /// <summary>Complete responses to the bench survey for about <paramref name="seconds"/>, each from a new device.</summary>
    public Task<WrkResult> SurveyResponsesForAsync(int connections, int seconds, string slug) =>
        RunAsync("votes.lua", connections, TimeSpan.FromSeconds(seconds + 60), waitForThreads: true, [slug, "4", "seconds", seconds.ToString(), "survey"]);

    /// <summary>Exactly <paramref name="entries"/> contest entries, each from a new participant, each title its own.</summary>
    public Task<WrkResult> EntriesAsync(int connections, long entries, string slug, TimeSpan limit)
    {
        if (entries % threads != 0) throw new ArgumentException($"{entries} does not split evenly over {threads} threads");
        return RunAsync("votes.lua", connections, limit, waitForThreads: true, [slug, "1", "count", (entries / threads).ToString(), "entries"]);
    }

    /// <summary>Each thread sends one vote per line of its file of entry ids (<c>{poolPrefix}-{thread}.txt</c>), each from a new device.</summary>
    public Task<WrkResult> EntryVotesAsync(int connections, string slug, int perThread, string poolPrefix, TimeSpan limit) =>
        RunAsync("votes.lua", connections, limit, waitForThreads: true, [slug, "1", "count", perThread.ToString(), "entryvotes", poolPrefix]);

    private async Task<WrkResult> RunAsync(string script, int connections, TimeSpan duration, bool waitForThreads, string[] scriptArgs)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-t", threads.ToString(), "-c", connections.ToString(), "-d", $"{(int)Math.Ceiling(duration.TotalSeconds)}s",
                     "--timeout", "30s", "-s", Path.Combine(scripts, script), url, "--" })
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var arg in scriptArgs) start.ArgumentList.Add(arg);

        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var process = Children.Start(start);
        var done = 0;
        var ready = 0;
        var readyAt = TimeSpan.Zero;
        TimeSpan? allDone = null;
        string? bench = null;
        var stderr = process.StandardError.ReadToEndAsync();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("THREAD_DONE", StringComparison.Ordinal) && ++done == threads && waitForThreads)
            {
                // Every vote has its answer: the load is over. wrk itself sleeps out its -d, so wake it.
                allDone = clock.Elapsed;
                Children.Signal(process, "INT");
            }
            else if (line.StartsWith("THREAD_READY", StringComparison.Ordinal) && ++ready == threads)
            {
                // The script's setup (votes.lua builds its requests first) is not part of the run.
                readyAt = clock.Elapsed;
            }
            else if (line.StartsWith("BENCH ", StringComparison.Ordinal))
            {
                bench = line;
            }
        }
        await process.WaitForExitAsync();
        var elapsed = (allDone ?? clock.Elapsed) - readyAt;
        Children.Stop(process, TimeSpan.Zero);
        if (bench is null) throw new InvalidOperationException($"wrk printed no BENCH line: {await stderr}");

        var f = bench[6..].Split(' ').Select(p => p.Split('=')).ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
        return new WrkResult(
            (long)f["sent"], (long)f["accepted"], (long)f["refused"], (long)f["requests"], (long)f["non2xx"],
            (long)(f["connect"] + f["read"] + f["write"]), (long)f["timeout"],
            f["p50"] / 1000, f["p90"] / 1000, f["p99"] / 1000, f["max"] / 1000,
            elapsed, AllAnswered: !waitForThreads || allDone is not null, startedAt + readyAt, startedAt + readyAt + elapsed);
    }
}
