using CampaignEngine.Offers;

namespace CampaignEngine.UnitTests.Offers;

public sealed class StaffPinTests
{
    [Fact]
    public void APinIsKeptSaltedAndOnlyItsOwnDigitsMatch()
    {
        var first = StaffPin.Hash("4321");
        var second = StaffPin.Hash("4321");

        Assert.NotEqual(first, second);
        Assert.DoesNotContain("4321", first);
        Assert.True(StaffPin.Matches(first, "4321"));
        Assert.True(StaffPin.Matches(second, "4321"));
        Assert.False(StaffPin.Matches(first, "4322"));
        Assert.False(StaffPin.Matches(first, ""));
        Assert.False(StaffPin.Matches(first, null));
        Assert.False(StaffPin.Matches(null, "4321"));
        Assert.False(StaffPin.Matches("plain$4321", "4321"));
    }

    [Theory]
    [InlineData("1234", true)]
    [InlineData("123456789012", true)]
    [InlineData("123", false)]
    [InlineData("1234567890123", false)]
    [InlineData("12a4", false)]
    [InlineData("١٢٣٤", false)]
    public void APinIsFourToTwelveAsciiDigits(string pin, bool ok) => Assert.Equal(ok, StaffPin.IsWellFormed(pin));
}
