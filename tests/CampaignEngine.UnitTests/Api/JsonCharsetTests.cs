using CampaignEngine.Api;

namespace CampaignEngine.UnitTests.Api;

public sealed class JsonCharsetTests
{
    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json;charset=\"utf-8\"")]
    [InlineData("application/merge-patch+json; charset=utf8")]
    public void Utf8OrNoCharsetIsAccepted(string contentType) => Assert.True(JsonBody.IsUtf8(contentType));

    [Theory]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=windows-1252")]
    [InlineData("application/json; charset=")]
    public void AnyOtherCharsetIsRefused(string contentType) => Assert.False(JsonBody.IsUtf8(contentType));
}
