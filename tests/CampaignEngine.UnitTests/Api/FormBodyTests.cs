using CampaignEngine.Api;

namespace CampaignEngine.UnitTests.Api;

public sealed class FormBodyTests
{
    [Theory]
    [InlineData("Form value count limit 256 exceeded.", 413, "fields")]
    [InlineData("Form key length limit 256 exceeded.", 400, "name")]
    [InlineData("Form value length limit 16384 exceeded.", 413, "16 KiB")]
    [InlineData("Multipart body length limit 65536 exceeded.", 413, "too large")]
    [InlineData("Missing content-type boundary.", 400, "could not be read")]
    [InlineData("Multipart boundary length limit 70 exceeded.", 400, "could not be read")]
    public void EachFormLimitIsNamedInTheRefusal(string message, int status, string says)
    {
        var refusal = FormBody.Describe(message);

        Assert.Equal(status, refusal.StatusCode);
        Assert.Contains(says, refusal.Detail);
    }
}
