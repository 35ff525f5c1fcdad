namespace CampaignEngine.Contests;

/// <summary>
/// One entry on the board: the entry, its votes, its rank among the visible entries (ties share a rank), the fans'
/// flags, and whether they have hidden it (as many flags since a moderator last approved it as the contest's threshold).
/// </summary>
public sealed record BoardEntry(Entry Entry, long Votes, int Rank, long Flags = 0, bool FlaggedOut = false)
{
    public bool Visible => Entry.Visible && !FlaggedOut;
}

/// <summary>
/// A contest's entries and their votes as of one refresh, immutable: the gallery's orders, the leaderboard and the
/// vote check read it without storage. Exact once the queue has drained and the board has refreshed after it.
/// </summary>
public sealed class ContestBoard
{
    private readonly IReadOnlyDictionary<string, BoardEntry> byId;

    public ContestBoard(string slug, DateTimeOffset asOf, IEnumerable<Entry> entries, IReadOnlyDictionary<string, long> votes,
        IReadOnlyDictionary<string, long>? flags = null, int flagThreshold = int.MaxValue)
    {
        Slug = slug;
        AsOf = asOf;
        FlagThreshold = flagThreshold;
        var all = entries.Select(e =>
        {
            var flagged = flags?.GetValueOrDefault(e.Id) ?? 0;
            return new BoardEntry(e, votes.GetValueOrDefault(e.Id), 0, flagged, flagged - e.FlagsSeen >= flagThreshold);
        }).ToList();
        var visible = all.Where(x => x.Visible)
            .OrderByDescending(x => x.Votes).ThenBy(x => x.Entry.SubmittedAt).ThenBy(x => x.Entry.Id, StringComparer.Ordinal)
            .ToList();
        var ranked = new List<BoardEntry>(visible.Count);
        for (var i = 0; i < visible.Count; i++)
        {
            var rank = i > 0 && visible[i].Votes == visible[i - 1].Votes ? ranked[i - 1].Rank : i + 1;
            ranked.Add(visible[i] with { Rank = rank });
        }
        ByVotes = ranked;
        Newest = ranked.OrderByDescending(b => b.Entry.SubmittedAt).ThenBy(b => b.Entry.Id, StringComparer.Ordinal).ToList();
        var lookup = ranked.ToDictionary(b => b.Entry.Id, StringComparer.Ordinal);
        foreach (var hidden in all.Where(x => !x.Visible)) lookup[hidden.Entry.Id] = hidden;
        byId = lookup;
        FlaggedOut = all.Where(x => x.FlaggedOut && x.Entry.Visible).OrderBy(x => x.Entry.SubmittedAt).ToList();
        ByStatus = all.GroupBy(x => x.Entry.Status).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Votes = all.Sum(x => x.Votes);
        Flags = all.Sum(x => x.Flags);
    }

    private ContestBoard(ContestBoard board, DateTimeOffset asOf)
    {
        Slug = board.Slug;
        AsOf = asOf;
        byId = board.byId;
        ByVotes = board.ByVotes;
        Newest = board.Newest;
        ByStatus = board.ByStatus;
        Votes = board.Votes;
        Flags = board.Flags;
        FlaggedOut = board.FlaggedOut;
        FlagThreshold = board.FlagThreshold;
    }

    /// <summary>The same board, read again at <paramref name="asOf"/> with nothing changed.</summary>
    public ContestBoard At(DateTimeOffset asOf) => new(this, asOf);

    public string Slug { get; }

    public DateTimeOffset AsOf { get; }

    /// <summary>The visible (approved) entries, most votes first; ties by who entered first.</summary>
    public IReadOnlyList<BoardEntry> ByVotes { get; }

    /// <summary>The visible entries, newest first.</summary>
    public IReadOnlyList<BoardEntry> Newest { get; }

    public IReadOnlyDictionary<string, int> ByStatus { get; }

    /// <summary>Votes on every entry, visible or not.</summary>
    public long Votes { get; }

    /// <summary>Fans' flags on every entry.</summary>
    public long Flags { get; }

    /// <summary>Approved entries the fans' flags have hidden until a moderator looks at them again, oldest first.</summary>
    public IReadOnlyList<BoardEntry> FlaggedOut { get; }

    public int FlagThreshold { get; }

    public int Count => byId.Count;

    public BoardEntry? Find(string id) => byId.GetValueOrDefault(id);

    /// <summary>
    /// The visible entries in an order of their own for each seed: the same seed gives the same order (a visitor paging
    /// through keeps theirs), and an entry approved meanwhile takes its place without reshuffling the rest. Lazily
    /// ordered, so taking one page sorts only as far as that page.
    /// </summary>
    public IEnumerable<BoardEntry> Shuffled(uint seed) =>
        ByVotes.OrderBy(b => ShuffleKey(b.Entry.Id, seed)).ThenBy(b => b.Entry.Id, StringComparer.Ordinal);

    /// <summary>A bijective mix (SplitMix64's finalizer) of the id's leading 64 bits with the seed: uniform, and cheap enough for 130,000 entries.</summary>
    public static ulong ShuffleKey(string entryId, uint seed)
    {
        var x = (ulong.TryParse(entryId.AsSpan(0, Math.Min(16, entryId.Length)), System.Globalization.NumberStyles.HexNumber,
            System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : (ulong)entryId.GetHashCode()) ^ (seed * 0x9E3779B97F4A7C15UL);
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
