using CampaignEngine.Media;
using CsCheck;

namespace CampaignEngine.UnitTests.Media;

public sealed class MediaPathsTests
{
    private static SanitizedImage Image(byte[] bytes, string contentType = SanitizedImage.Jpeg) => new(bytes, contentType, 1, 1);

    [Fact]
    public void APathIsTheFolderThenAHashOfTheBytesThenTheExtension()
    {
        var path = MediaPaths.For("summer-poll/logo", Image("abc"u8.ToArray(), SanitizedImage.Png));

        // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        Assert.Equal("summer-poll/logo/ba7816bf8f01cfea4141.png", path);
        Assert.True(MediaPaths.IsValid(path));
    }

    [Fact]
    public void DifferentBytesGiveDifferentPathsAndTheSameBytesTheSamePath() =>
        Gen.Select(Gen.Byte.Array[1, 64], Gen.Byte.Array[1, 64]).Sample((a, b) =>
        {
            Assert.Equal(a.AsSpan().SequenceEqual(b), MediaPaths.For("c", Image(a)) == MediaPaths.For("c", Image(b)));
            Assert.True(MediaPaths.IsValid(MediaPaths.For("c", Image(a))));
        });

    [Theory]
    [InlineData("")]
    [InlineData("Summer")]
    [InlineData("../etc")]
    [InlineData("a//b")]
    [InlineData("a/")]
    [InlineData("-a")]
    [InlineData("a b")]
    [InlineData("a?b")]
    public void AFolderOutsideTheSafeAlphabetIsRefused(string folder) =>
        Assert.Throws<ArgumentException>(() => MediaPaths.For(folder, Image([1])));

    [Theory]
    [InlineData("summer/0123456789abcdef0123.jpg", true)]
    [InlineData("summer/logo/0123456789abcdef0123.png", true)]
    [InlineData("summer/0123456789abcdef0123.gif", false)]
    [InlineData("summer/0123456789ABCDEF0123.jpg", false)]
    [InlineData("0123456789abcdef0123.jpg", false)]
    [InlineData("summer/../0123456789abcdef0123.jpg", false)]
    [InlineData("summer/0123456789abcdef0123.jpg?x=1", false)]
    [InlineData(null, false)]
    public void OnlyPathsOfTheImageShapeAreValid(string? path, bool valid) => Assert.Equal(valid, MediaPaths.IsValid(path));
}
