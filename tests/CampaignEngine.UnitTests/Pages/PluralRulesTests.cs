using CampaignEngine.Pages.Localization;

namespace CampaignEngine.UnitTests.Pages;

public sealed class PluralRulesTests
{
    [Theory]
    [InlineData(0, "zero")]
    [InlineData(1, "one")]
    [InlineData(2, "two")]
    [InlineData(3, "few")]
    [InlineData(10, "few")]
    [InlineData(11, "many")]
    [InlineData(99, "many")]
    [InlineData(100, "other")]
    [InlineData(101, "other")]
    [InlineData(102, "other")]
    [InlineData(103, "few")]
    [InlineData(111, "many")]
    [InlineData(1000, "other")]
    public void ArabicUsesAllSixCategories(long n, string category) => Assert.Equal(category, PluralRules.Category("ar", n));

    [Theory]
    [InlineData("fr", 0, "one")]
    [InlineData("fr", 1, "one")]
    [InlineData("fr", 2, "other")]
    [InlineData("fr", 1_000_000, "many")]
    [InlineData("fr", 3_000_000, "many")]
    [InlineData("fr", 1_000_001, "other")]
    [InlineData("es", 0, "other")]
    [InlineData("es", 1, "one")]
    [InlineData("es", 1_000_000, "many")]
    [InlineData("es", 1_500_000, "other")]
    [InlineData("es", 100_000, "other")]
    [InlineData("de", 0, "other")]
    [InlineData("de", 1, "one")]
    [InlineData("de", 1_000_000, "other")]
    public void FrenchZeroIsSingularAndMillionsAreManyInFrenchAndSpanish(string locale, long n, string category) =>
        Assert.Equal(category, PluralRules.Category(locale, n));

    [Theory]
    [MemberData(nameof(PageStringsTests.Locales), MemberType = typeof(PageStringsTests))]
    public void TheDeclaredCategoriesAreExactlyTheOnesTheRulesReach(string locale)
    {
        var reached = Enumerable.Range(0, 1001).Select(n => (long)n)
            .Concat([1_000_000, 2_000_000, 1_000_001, 1_000_000_000])
            .Select(n => PluralRules.Category(locale, n))
            .ToHashSet();

        Assert.True(reached.SetEquals(PluralRules.Categories(locale)), $"{locale}: {string.Join(",", reached)}");
        Assert.All(PluralRules.Categories(locale), c => Assert.Contains(c, PluralRules.AllCategories));
    }
}
