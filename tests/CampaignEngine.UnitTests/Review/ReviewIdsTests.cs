using CampaignEngine.Campaigns;
using CampaignEngine.Review;
using CampaignEngine.Submissions;
using CampaignEngine.UnitTests.Pages;

namespace CampaignEngine.UnitTests.Review;

public sealed class ReviewIdsTests
{
    private static readonly Campaign Poll = PageFixtures.Poll() with { Slug = "spring", Shards = 16 };

    [Fact]
    public void AnIdNamesItsShardPartitionAndRow()
    {
        var rowKey = SubmissionKeys.Row("v", "ab12cd34", "c", 1);
        var id = ReviewIds.Of(SubmissionKeys.Partition("spring", 7), rowKey);

        Assert.Equal("007|v|ab12cd34|c|001", id);
        Assert.Equal((SubmissionKeys.Partition("spring", 7), rowKey), ReviewIds.Parse(Poll, id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("nonsense")]
    [InlineData("016|v|ab|c|001")] // past the campaign's 16 shards
    [InlineData("-1|v|ab|c|001")]
    [InlineData("000|tally")] // the counter row is no submission
    [InlineData("000|v|ab|c")]
    [InlineData("000|v|a/b|c|001")]
    [InlineData("000|")]
    public void AnythingElseNamesNothing(string id) => Assert.Null(ReviewIds.Parse(Poll, id));
}
