using System.ComponentModel.DataAnnotations;

namespace CampaignEngine.Contests;

/// <summary>Engine-wide contest settings (bound from <c>Contests</c>).</summary>
public sealed class ContestOptions
{
    public const string Section = "Contests";

    /// <summary>
    /// How old the board (entries and their votes) may get before a request reads what changed since; longer when the
    /// last read took more than a fifth of this (see ContestBoards).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")] public TimeSpan BoardRefresh { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the board is read whole rather than by what changed, in case a change slipped past the overlap.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")] public TimeSpan FullRead { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How often an instance whose board changed writes it to its snapshot blob (and after every full read), so an
    /// instance starting cold reads only what changed since.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")] public TimeSpan BoardSnapshot { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether boards start from and write snapshots at all (they need blob storage either way).</summary>
    public bool BoardSnapshots { get; set; } = true;

    /// <summary>How often an instance adds the page views it counted to the stored totals (see ContestViews).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")] public TimeSpan ViewsFlush { get; set; } = TimeSpan.FromSeconds(15);
}
