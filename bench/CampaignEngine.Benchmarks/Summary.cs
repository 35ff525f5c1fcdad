using System.Text;

namespace CampaignEngine.Benchmarks;

/// <summary>The lines printed to the console while and after the bench runs.</summary>
public static class Summary
{
    public static string Votes(VoteRun v) =>
        $"{v.Load.AcceptedPerSecond,8:N0} votes/s  p50 {v.Load.P50Ms,6:0.0} ms  p99 {v.Load.P99Ms,7:0.0} ms  " +
        $"receipts {v.Load.Accepted:N0} (refused {v.Load.Refused:N0}, socket errors {v.Load.SocketErrors}){(v.Load.AllAnswered ? "" : " NOT ALL ANSWERED")}  " +
        $"tally {(v.Tally.Exact ? "exact" : $"NOT exact ({v.Tally.Tallied:N0})")} {v.Tally.AfterLastAccept.TotalSeconds:0.0} s after last accept, " +
        $"{v.Tally.TalliedPerSecond:N0} tallied/s  queue max {v.MaxQueueDepth:N0} msgs  cpu engine {v.Cpu.Engine:0.00} azurite {v.Cpu.Azurite:0.00} machine {v.Cpu.Machine:0.00}";

    public static string Plain(PlainRun p) =>
        $"{p.Load.RequestsPerSecond,8:N0} req/s    p50 {p.Load.P50Ms,6:0.0} ms  p99 {p.Load.P99Ms,7:0.0} ms  non-2xx {p.Load.Non2xx}  socket errors {p.Load.SocketErrors}" +
        $"  cpu engine {p.Cpu.Engine:0.00} machine {p.Cpu.Machine:0.00}";

    public static string Table(BenchResults r)
    {
        var s = new StringBuilder();
        var h = r.Headline;
        var cold = r.ColdStarts.Select(t => t.TotalMilliseconds).Order().ToList();
        s.AppendLine($"CampaignEngine benchmark — {r.Machine.Cores} cores, {r.Machine.Cpu}, {r.Date:yyyy-MM-dd HH:mm} UTC, load average before {r.LoadBefore:0.00}");
        s.AppendLine($"  accepted votes/s (c={r.HeadlineConnections}, distinct voters)  {h.Load.AcceptedPerSecond:N0}   p50 {h.Load.P50Ms:0.0} ms   p99 {h.Load.P99Ms:0.0} ms");
        s.AppendLine($"  bare 202 ceiling (c={r.HeadlineConnections})                     {r.HeadlineBare.Load.RequestsPerSecond:N0} req/s   p99 {r.HeadlineBare.Load.P99Ms:0.0} ms");
        s.AppendLine($"  raw enqueue, 1 message per vote, 32 in flight        {r.RawEnqueuePerSecond:N0} messages/s");
        s.AppendLine($"  tally exact after last accept (c={r.HeadlineConnections})            {h.Tally.AfterLastAccept.TotalSeconds:0.0} s ({(h.Tally.Exact ? "exact" : "NOT exact")}), {h.Tally.TalliedPerSecond:N0} votes tallied/s");
        if (r.AcceptOnly is { } a) s.AppendLine($"  accept side alone (c={r.HeadlineConnections}, queue listener off)       {a.Load.AcceptedPerSecond:N0} votes/s   p99 {a.Load.P99Ms:0.0} ms");
        if (r.AcceptOnlyForwarded is { } x) s.AppendLine($"  accept side alone, forwarded, network limits off    {x.Load.AcceptedPerSecond:N0} votes/s   p99 {x.Load.P99Ms:0.0} ms");
        if (r.AcceptOnlyLimited is { } l) s.AppendLine($"  accept side alone, network limits on                 {l.Load.AcceptedPerSecond:N0} votes/s   p99 {l.Load.P99Ms:0.0} ms");
        if (r.AcceptOnlyChallenged is { } pw) s.AppendLine($"  accept side alone, proof of work on                 {pw.Load.AcceptedPerSecond:N0} votes/s   p99 {pw.Load.P99Ms:0.0} ms");
        if (r.AcceptOnlyChallengedReturning is { } pr) s.AppendLine($"  accept side alone, proof of work, returning devices  {pr.Load.AcceptedPerSecond:N0} votes/s   p99 {pr.Load.P99Ms:0.0} ms");
        if (r.AcceptOnlyFormsNoLimits is { } fo) s.AppendLine($"  accept side alone, form posts, limits off           {fo.Load.AcceptedPerSecond:N0} votes/s   p99 {fo.Load.P99Ms:0.0} ms");
        if (r.AcceptOnlyForms is { } f) s.AppendLine($"  accept side alone, form posts, cross-site + limits   {f.Load.AcceptedPerSecond:N0} votes/s   p99 {f.Load.P99Ms:0.0} ms");
        if (r.Dunkin is { } d)
        {
            s.AppendLine($"  Dunkin' {d.EntriesSent:N0} entries                            {d.Entries.AcceptedPerSecond:N0} accepted/s, p99 {d.Entries.P99Ms:0.0} ms, counted {(d.EntriesCounted.Exact ? "exact" : "NOT exact")} {d.EntriesCounted.AfterLastAccept.TotalSeconds:0.0} s after last accept");
            s.AppendLine($"  Dunkin' {d.Votes.Sent:N0} votes on them                       {d.Votes.AcceptedPerSecond:N0} accepted/s, p99 {d.Votes.P99Ms:0.0} ms, counted {(d.VotesCounted.Exact ? "exact" : "NOT exact")} {d.VotesCounted.AfterLastAccept.TotalSeconds:0.0} s, " +
                         $"every entry {(d.Board.Exact ? "exact" : "NOT exact")} {d.Board.AfterLastAccept.TotalSeconds:0.0} s after last accept");
        }
        if (r.OfferSend is { } o) s.AppendLine($"  close-time offer to {o.Contacts:N0} contacts            {o.Sent:N0} mails in {o.Elapsed.TotalSeconds:0} s ({o.MailsPerSecond:N0}/s), {(o.Exact ? "one code each" : "NOT one code each")}, engine peak {o.PeakMib:N0} MiB");
        if (r.Gallery is { } g) s.AppendLine($"  gallery GET /c/{{slug}}/gallery?sort=votes            {g.Load.RequestsPerSecond:N0} req/s   p99 {g.Load.P99Ms:0.0} ms");
        if (r.ResultsPage is { } page) s.AppendLine($"  results page GET /c/{{slug}}/results                  {page.Load.RequestsPerSecond:N0} req/s   p99 {page.Load.P99Ms:0.0} ms");
        s.AppendLine($"  engine peak working set (VmHWM)                      {r.PeakWorkingSetKib / 1024.0:N0} MiB");
        if (cold.Count > 0) s.AppendLine($"  cold start as custom handler (to first /healthz 200)  median {cold[cold.Count / 2]:0} ms, max {cold[^1]:0} ms ({cold.Count} runs)");
        s.AppendLine();
        s.AppendLine("Targets:");
        foreach (var t in Targets.Judge(r))
        {
            s.AppendLine($"  [{(t.Met ? "met" : "MISSED")}] {t.Name}: {t.Measured} (goal {t.Goal}) — {(t.Met ? "met" : "missed")} {t.Margin}");
        }
        s.AppendLine($"Bench took {r.Duration.TotalSeconds:0} s.");
        return s.ToString();
    }
}
