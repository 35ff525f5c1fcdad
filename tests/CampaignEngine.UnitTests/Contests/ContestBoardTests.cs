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

    private static ContestBoard Many(int count) =>
        new("c", Start, Enumerable.Range(0, count).Select(i => Entry(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)))[..16], i)),
            new Dictionary<string, long>());

    [Fact]
    public void AShuffleIsTheSameForTheSameSeedAndAnotherForAnother()
    {
        var board = Many(200);

        var one = board.Shuffled(7).Select(b => b.Entry.Id).ToList();

        Assert.Equal(one, board.Shuffled(7).Select(b => b.Entry.Id));
        Assert.Equal(board.ByVotes.Select(b => b.Entry.Id).Order(), one.Order());
        Assert.NotEqual(one, board.Shuffled(8).Select(b => b.Entry.Id));
        Assert.NotEqual(board.ByVotes.Select(b => b.Entry.Id), one);
    }

    [Fact]
    public void AnEntryAddedToTheBoardTakesItsPlaceInAShuffleWithoutMovingTheOthersRelativeOrder()
    {
        var before = Many(100);
        var after = Many(101);

        var shuffled = after.Shuffled(42).Select(b => b.Entry.Id).ToList();

        Assert.Equal(before.Shuffled(42).Select(b => b.Entry.Id), shuffled.Where(id => before.Find(id) is not null));
    }

    [Fact]
    public void EveryEntryIsEquallyLikelyToOpenAShuffle()
    {
        // Over 4,000 seeds, each of 8 entries should come first about 500 times.
        var board = Many(8);
        var firsts = Enumerable.Range(0, 4000).Select(seed => board.Shuffled((uint)seed).First().Entry.Id).CountBy(id => id).ToList();

        Assert.Equal(8, firsts.Count);
        Assert.All(firsts, f => Assert.InRange(f.Value, 400, 600));
    }
}
