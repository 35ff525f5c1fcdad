using System.Globalization;
using System.Text;

namespace CampaignEngine.Benchmarks;

/// <summary>
/// docs/benchmarks.svg, drawn by hand: throughput (votes/s and the bare-202 line, left axis) and
/// vote p99 latency (right axis) across the connection levels.
/// </summary>
public static class Chart
{
    private const int Width = 760, Height = 420, Left = 80, Right = 80, Top = 50, Bottom = 60;

    public static string Svg(BenchResults r)
    {
        var levels = r.Votes.Select(v => v.Connections).ToList();
        var maxRate = Nice(Math.Max(r.Bare.Max(b => b.Load.RequestsPerSecond), r.Votes.Max(v => v.Load.AcceptedPerSecond)));
        var maxP99 = Nice(r.Votes.Max(v => v.Load.P99Ms));
        double X(int i) => Left + (Width - Left - Right) * (levels.Count == 1 ? 0.5 : i / (double)(levels.Count - 1));
        double YRate(double v) => Height - Bottom - (Height - Top - Bottom) * v / maxRate;
        double YMs(double v) => Height - Bottom - (Height - Top - Bottom) * v / maxP99;

        var s = new StringBuilder();
        s.AppendLine(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">"));
        s.AppendLine("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        s.AppendLine(Invariant($"<text x=\"{Width / 2}\" y=\"24\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">CampaignEngine on {r.Machine.Cores} cores: throughput and p99 by connections</text>"));
        for (var t = 0; t <= 5; t++)
        {
            var rate = maxRate * t / 5;
            var y = YRate(rate);
            s.AppendLine(Invariant($"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\" stroke=\"#e4e4e4\"/>"));
            s.AppendLine(Invariant($"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{rate:N0}</text>"));
            s.AppendLine(Invariant($"<text x=\"{Width - Right + 6}\" y=\"{y + 4:0.#}\">{maxP99 * t / 5:0.#} ms</text>"));
        }
        for (var i = 0; i < levels.Count; i++)
        {
            s.AppendLine(Invariant($"<text x=\"{X(i):0.#}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\">{levels[i]}</text>"));
        }
        s.AppendLine(Invariant($"<text x=\"{Width / 2}\" y=\"{Height - 18}\" text-anchor=\"middle\">connections (wrk, {r.Threads} threads, loopback)</text>"));
        s.AppendLine(Invariant($"<text x=\"18\" y=\"{Height / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 18 {Height / 2})\">requests/s</text>"));
        s.AppendLine(Invariant($"<text x=\"{Width - 14}\" y=\"{Height / 2}\" text-anchor=\"middle\" transform=\"rotate(90 {Width - 14} {Height / 2})\">vote p99 latency</text>"));

        Line(s, levels, i => X(i), i => YRate(r.Bare.Single(b => b.Connections == levels[i]).Load.RequestsPerSecond), "#999999", "6 4");
        Line(s, levels, i => X(i), i => YRate(r.Votes[i].Load.AcceptedPerSecond), "#1f6fd1", null);
        Line(s, levels, i => X(i), i => YMs(r.Votes[i].Load.P99Ms), "#d1451f", "2 3");
        var target = YRate(10_000);
        if (10_000 <= maxRate)
        {
            s.AppendLine(Invariant($"<line x1=\"{Left}\" y1=\"{target:0.#}\" x2=\"{Width - Right}\" y2=\"{target:0.#}\" stroke=\"#1f6fd1\" stroke-opacity=\"0.35\" stroke-dasharray=\"1 3\"/>"));
            s.AppendLine(Invariant($"<text x=\"{Left + 4}\" y=\"{target - 4:0.#}\" fill=\"#1f6fd1\" fill-opacity=\"0.7\">target 10,000 votes/s</text>"));
        }

        Legend(s, 0, "#999999", "6 4", "bare 202 (no storage), req/s");
        Legend(s, 1, "#1f6fd1", null, "accepted votes/s (distinct voters)");
        Legend(s, 2, "#d1451f", "2 3", "vote p99 latency (right axis)");
        s.AppendLine("</svg>");
        return s.ToString();
    }

    private static void Line(StringBuilder s, List<int> levels, Func<int, double> x, Func<int, double> y, string colour, string? dash)
    {
        var points = string.Join(" ", Enumerable.Range(0, levels.Count).Select(i => Invariant($"{x(i):0.#},{y(i):0.#}")));
        s.AppendLine($"<polyline points=\"{points}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\"{(dash is null ? "" : $" stroke-dasharray=\"{dash}\"")}/>");
        foreach (var i in Enumerable.Range(0, levels.Count))
        {
            s.AppendLine(Invariant($"<circle cx=\"{x(i):0.#}\" cy=\"{y(i):0.#}\" r=\"3.5\" fill=\"{colour}\"/>"));
        }
    }

    private static void Legend(StringBuilder s, int row, string colour, string? dash, string label)
    {
        var y = Top + 8 + row * 18;
        s.AppendLine(Invariant($"<line x1=\"{Left + 14}\" y1=\"{y}\" x2=\"{Left + 44}\" y2=\"{y}\" stroke=\"{colour}\" stroke-width=\"2.5\"{(dash is null ? "" : $" stroke-dasharray=\"{dash}\"")}/>"));
        s.AppendLine(Invariant($"<text x=\"{Left + 50}\" y=\"{y + 4}\">{label}</text>"));
    }

    /// <summary>A round axis maximum at or above the value (1, 2 or 5 times a power of ten).</summary>
    private static double Nice(double value)
    {
        if (value <= 0) return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1.0, 2.0, 5.0, 10.0 })
        {
            if (value <= step * power) return step * power;
        }
        return 10 * power;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
