using CampaignEngine.Kinds;

namespace CampaignEngine.Polls;

/// <summary>The poll's counters and how they sum into results. Pure, so the arithmetic is unit tested.</summary>
public static class PollTally
{
    /// <summary>Option ids are a-z, 0-9 and '-'; swapping '-' for '_' keeps them distinct and makes a legal property name.</summary>
    public static string OptionCounter(string optionId) => "o_" + optionId.Replace('-', '_');

    public static PollResults Sum(string slug, PollSettings poll, CounterTotals counters)
    {
        var counts = poll.Options.Select(o => counters[OptionCounter(o.Id)]).ToList();
        // Single choice: the total is the sum of the options shown, so the percentages always add up.
        // Multiple choice: every ballot counts once, and each option's share is of the ballots.
        var total = poll.IsMultipleChoice ? Math.Max(counters[Submissions.SubmissionKeys.TotalCounter], counts.DefaultIfEmpty().Max()) : counts.Sum();
        var options = poll.Options.Select((o, i) => new OptionResult(o.Id, o.Label, counts[i], Percent(counts[i], total))).ToList();
        return new PollResults(slug, total, options, counters.UpdatedAt);
    }

    /// <summary>Percent of the total with one decimal; 0 when nobody voted.</summary>
    public static double Percent(long votes, long total) =>
        total == 0 ? 0 : Math.Round(votes * 100.0 / total, 1, MidpointRounding.AwayFromZero);
}
