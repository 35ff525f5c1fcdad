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

/// <summary>The timer-trigger payload: the host's TimerInfo as an object (JObject.FromObject), or anything else.</summary>
public sealed class TimerPayloadTests
{
    private static TimerInvocation Read(string json) => CustomHandler.ReadTimerInvocation(JsonDocument.Parse(json).RootElement);

    [Fact]
    public void TheHostsTimerInfoIsRead()
    {
        var invocation = Read("""
            {"Data":{"timer":{"Schedule":{"AdjustForDST":true},
              "ScheduleStatus":{"Last":"2026-11-23T10:17:00+00:00","Next":"2026-11-23T11:17:00+00:00","LastUpdated":"2026-11-23T10:17:00+00:00"},
              "IsPastDue":true}},
             "Metadata":{"sys":{"MethodName":"ContactRetention","UtcNow":"2026-11-23T11:17:00.0012Z","RandGuid":"4e773554-f6b7-4ea2-b07d-4c5fd5aba741"}}}
            """);

        Assert.True(invocation.IsPastDue);
    }

    [Theory]
    [InlineData("""{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}},"Metadata":{}}""")]
    [InlineData("""{"Data":{"timer":"{\"IsPastDue\":false}"}}""")]
    [InlineData("""{"Data":{}}""")]
    [InlineData("""{}""")]
    public void AnyOtherShapeStillRuns(string json) => Assert.False(Read(json).IsPastDue);

    [Fact]
    public void ATimerInfoPassedAsAJsonStringIsReadToo() =>
        Assert.True(Read("""{"Data":{"timer":"{\"IsPastDue\":true}"}}""").IsPastDue);
}
