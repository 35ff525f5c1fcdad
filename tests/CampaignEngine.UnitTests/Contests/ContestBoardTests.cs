using CampaignEngine.Contests;

namespace CampaignEngine.UnitTests.Contests;

public sealed class ContestBoardTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static Entry Entry(string id, int minute, string status = EntryStatus.Approved) =>
        new(id, "Entry " + id, null, status, false, Start.AddMinutes(minute), null, null, Start);

    [Fact]
    public void VisibleEntriesRankByVotesTiesShareARankAndTheEarlierEntryComesFirst()
    {
        var board = new ContestBoard("c", Start, [Entry("a", 1), Entry("b", 2), Entry("c", 0), Entry("d", 3)],
            new Dictionary<string, long> { ["a"] = 5, ["b"] = 9, ["c"] = 5 });

        Assert.Equal(["b", "c", "a", "d"], board.ByVotes.Select(e => e.Entry.Id));
        Assert.Equal([1, 2, 2, 4], board.ByVotes.Select(e => e.Rank));
        Assert.Equal(["d", "b", "a", "c"], board.Newest.Select(e => e.Entry.Id));
    }

    [Fact]
    public void EntriesThatAreNotApprovedAreFoundButNeitherShownNorRanked()
    {
        var board = new ContestBoard("c", Start, [Entry("a", 1), Entry("p", 2, EntryStatus.Pending), Entry("r", 3, EntryStatus.Rejected)],
            new Dictionary<string, long> { ["a"] = 1, ["r"] = 4 });

        Assert.Equal(["a"], board.ByVotes.Select(e => e.Entry.Id));
        Assert.Equal((0, 4L), (board.Find("r")!.Rank, board.Find("r")!.Votes));
        Assert.Null(board.Find("x"));
        Assert.Equal(5, board.Votes);
        Assert.Equal(new Dictionary<string, int> { ["approved"] = 1, ["pending"] = 1, ["rejected"] = 1 }, board.ByStatus);
    }

    [Fact]
    public void FlagsSinceTheLastApprovalHideAnEntryAtTheThreshold()
    {
        var cleared = Entry("b", 2) with { FlagsSeen = 3 };
        var board = new ContestBoard("c", Start, [Entry("a", 1), cleared, Entry("d", 3)], new Dictionary<string, long> { ["a"] = 7 },
            new Dictionary<string, long> { ["a"] = 3, ["b"] = 5, ["d"] = 2 }, flagThreshold: 3);

        // a: 3 flags, hidden; b: 2 since its approval, shown; d: 2, shown.
        Assert.Equal(["a"], board.FlaggedOut.Select(e => e.Entry.Id));
        Assert.Equal(["b", "d"], board.ByVotes.Select(e => e.Entry.Id));
        Assert.False(board.Find("a")!.Visible);
        Assert.Equal((7L, 3L), (board.Find("a")!.Votes, board.Find("a")!.Flags));
        Assert.Equal(10, board.Flags);
    }

    [Fact]
    public void ReadAgainWithNothingChangedOnlyItsAgeIsNew()
    {
        var board = new ContestBoard("c", Start, [Entry("a", 1)], new Dictionary<string, long> { ["a"] = 2 });
        var later = board.At(Start.AddSeconds(5));

        Assert.Equal(Start.AddSeconds(5), later.AsOf);
        Assert.Same(board.ByVotes, later.ByVotes);
    }
}
