using CampaignEngine.Campaigns;
using CsCheck;

namespace CampaignEngine.UnitTests.Campaigns;

public sealed class SlugTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("summer-flavour-2026")]
    [InlineData("a1-b2")]
    public void ValidSlugsAreAccepted(string slug) => Assert.True(Slug.IsValid(slug));

    [Theory]
    [InlineData(null)]
    [InlineData("ab")]
    [InlineData("-abc")]
    [InlineData("abc-")]
    [InlineData("a--b")]
    [InlineData("Abc")]
    [InlineData("ab_c")]
    [InlineData("ab/c")]
    [InlineData("ab#c")]
    [InlineData("ab c")]
    [InlineData("שלום")]
    [InlineData("abc\n")]
    public void DisallowedSlugsAreRefused(string? slug) => Assert.False(Slug.IsValid(slug));

    [Fact]
    public void SixtyFiveCharactersIsTooLong() => Assert.False(Slug.IsValid(new string('a', 65)));

    [Theory]
    [InlineData("Which flavour next?", "which-flavour-next")]
    [InlineData("  Crème Brûlée!!  ", "creme-brulee")]
    [InlineData("Łódź & Kraków 2026", "lodz-krakow-2026")]
    [InlineData("Ćevapi ili pljeskavica", "cevapi-ili-pljeskavica")]
    public void TitlesBecomeReadableSlugs(string title, string expected) => Assert.Equal(expected, Slug.FromTitle(title));

    [Theory]
    [InlineData("איזה טעם הבא?")]
    [InlineData("کدام طعم؟")]
    [InlineData("!!")]
    public void TitlesWithoutLatinLettersGiveNoSlug(string title) => Assert.Null(Slug.FromTitle(title));

    [Fact]
    public void AnyGeneratedSlugIsValidEvenWithASuffix()
    {
        Gen.String.Sample(title =>
        {
            var slug = Slug.FromTitle(title);
            return slug is null || (Slug.IsValid(slug) && Slug.IsValid(Slug.WithSuffix(slug, "a1b2c3")));
        }, iter: 2000);
    }
}
