namespace CampaignEngine.Benchmarks;

public sealed record Target(string Name, string Goal, string Measured, bool Met, string Margin);

/// <summary>The issue's targets, judged against one run's figures.</summary>
public static class Targets
{
    public static List<Target> Judge(BenchResults r)
    {
        var h = r.Headline;
        var votes = h.Load.AcceptedPerSecond;
        var bare = r.HeadlineBare.Load.RequestsPerSecond;
        var list = new List<Target>
        {
            AtLeast($"accepted votes/s at {r.HeadlineConnections} connections", votes, 10_000, "votes/s"),
            AtMost("p99 latency of a vote", h.Load.P99Ms, 50, "ms"),
            AtLeast("share of the bare-202 ceiling", votes / bare * 100, 25, "%"),
            AtLeast("multiple of the raw one-message-per-vote enqueue rate", votes / r.RawEnqueuePerSecond, 10, "×"),
        };
        if (r.Dunkin is { } d)
        {
            var lag = d.Tally.AfterLastAccept.TotalSeconds;
            list.Add(d.Tally.Exact
                ? AtMost("Dunkin': seconds from last accept to exact tally", lag, 60, "s")
                : new Target("Dunkin': seconds from last accept to exact tally", "≤ 60 s",
                    $"{d.Tally.Tallied:N0} tallied, {d.Load.Accepted:N0} receipts of {r.DunkinSubmissions:N0} submissions, {lag:N0} s after the last accept", false,
                    d.Load.AllAnswered
                        ? "the tally did not reach the receipts within the run's deadline"
                        : $"the accepts did not finish within the run's time limit ({d.Load.Sent:N0} of {r.DunkinSubmissions:N0} sent; the few votes in flight when wrk was stopped are counted but have no receipt)"));
        }
        if (r.Stall.FirstOrDefault(x => x.OutboxOn && !x.Split) is { } stalled)
        {
            var name = $"p99 through the queue's pause ({r.HeadlineConnections} connections, tally in-process, outbox on)";
            list.Add(stalled.Run.Tally.Exact
                ? AtMost(name, stalled.Run.Load.P99Ms, 100, "ms")
                : new Target(name, "≤ 100 ms, counts exact", $"NOT exact ({stalled.Run.Tally.Tallied:N0} of {stalled.Run.Tally.Receipts:N0})", false, "a count was lost"));
        }
        // Both against the same load on a poll with its limits off, so the ratio measures the engine, not wrk.
        if (r.AcceptOnlyForwarded is { } plain && r.AcceptOnlyLimited is { } limited)
        {
            list.Add(AtLeast("accept side with network limits on, share of the same load with them off", limited.Load.AcceptedPerSecond / plain.Load.AcceptedPerSecond * 100, 90, "%"));
        }
        if (r.AcceptOnlyForwarded is { } plainJson && r.AcceptOnlyForms is { } forms)
        {
            // Issue 10's budget for the network limits and the cross-site check together. The base is JSON
            // with the limits off, so a form body and a 303 count against the budget too: the strict reading.
            list.Add(AtLeast("form posts with the cross-site check and network limits, share of JSON with the limits off", forms.Load.AcceptedPerSecond / plainJson.Load.AcceptedPerSecond * 100, 90, "%"));
        }
        if (r.AcceptOnly is { } plainRate && r.AcceptOnlyChallenged is { } challenged)
        {
            list.Add(AtLeast("accept side checking a solved challenge per vote, share of the plain accept side", challenged.Load.AcceptedPerSecond / plainRate.Load.AcceptedPerSecond * 100, 80, "%"));
        }
        if (r.ResultsPage is { } page) list.Add(AtLeast("results page requests/s", page.Load.RequestsPerSecond, 5_000, "req/s"));
        list.Add(AtMost("engine peak working set (VmHWM)", r.PeakWorkingSetKib * 1024 / 1e6, 400, "MB"));
        return list;
    }

    private static Target AtLeast(string name, double value, double goal, string unit) =>
        new(name, $"≥ {Format(goal)} {unit}", $"{Format(value)} {unit}", value >= goal,
            value >= goal ? $"{value / goal:0.00}× the target" : $"by {(1 - value / goal) * 100:0}% ({Format(goal - value)} {unit} short)");

    private static Target AtMost(string name, double value, double goal, string unit) =>
        new(name, $"≤ {Format(goal)} {unit}", $"{Format(value)} {unit}", value <= goal,
            value <= goal ? $"{(1 - value / goal) * 100:0}% under" : $"by {(value / goal - 1) * 100:0}% ({Format(value - goal)} {unit} over)");

    public static string Format(double value) => Math.Abs(value) >= 100 ? value.ToString("N0") : value.ToString("0.0#");
}
