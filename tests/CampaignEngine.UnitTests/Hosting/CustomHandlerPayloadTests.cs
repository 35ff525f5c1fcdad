using System.Text.Json;
using CampaignEngine.Hosting;

namespace CampaignEngine.UnitTests.Hosting;

public sealed class CustomHandlerPayloadTests
{
    private static QueueInvocation Read(string json) => CustomHandler.ReadInvocation(JsonDocument.Parse(json).RootElement);

    [Fact]
    public void TheMessageTextAndMetadataAreRead()
    {
        var invocation = Read("""{"Data":{"message":"{\"items\":[]}"},"Metadata":{"DequeueCount":3,"Id":"abc","InsertionTime":"2026-11-23T10:00:00+00:00"}}""");

        Assert.Equal("""{"items":[]}""", invocation.MessageText);
        Assert.Equal(3, invocation.DequeueCount);
        Assert.Equal("abc", invocation.MessageId);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), invocation.InsertionTime);
    }

    [Fact]
    public void AMessageGivenAsAnObjectAndCountsGivenAsStringsAreAccepted()
    {
        var invocation = Read("""{"Data":{"message":{"items":[1]}},"Metadata":{"DequeueCount":"2"}}""");
        Assert.Equal("""{"items":[1]}""", invocation.MessageText);
        Assert.Equal(2, invocation.DequeueCount);
    }

    [Fact]
    public void AnEmptyDataSectionIsRefused() =>
        Assert.Throws<InvalidOperationException>(() => Read("""{"Data":{},"Metadata":{}}"""));
}
