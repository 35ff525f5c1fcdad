using System.Security.Cryptography;
using System.Text;
using CampaignEngine.FairPlay.Challenges;
using CsCheck;

namespace CampaignEngine.UnitTests.FairPlay.Challenges;

public sealed class ProofOfWorkTests
{
    [Theory]
    [InlineData(new byte[] { 0xff, 0 }, 0)]
    [InlineData(new byte[] { 0x7f, 0 }, 1)]
    [InlineData(new byte[] { 0x01, 0 }, 7)]
    [InlineData(new byte[] { 0, 0x80 }, 8)]
    [InlineData(new byte[] { 0, 0, 0x10 }, 19)]
    [InlineData(new byte[] { 0, 0 }, 16)]
    public void LeadingZeroBitsCountsFromTheFirstByteHighBitFirst(byte[] hash, int bits) =>
        Assert.Equal(bits, ProofOfWork.LeadingZeroBits(hash));

    [Fact]
    public void ASolvedNonceGivesTheHashItsZeroBitsAndAnyOtherChallengeDoesNot()
    {
        var nonce = ProofOfWork.Solve("challenge-text", 12);

        var hash = SHA256.HashData(Encoding.ASCII.GetBytes("challenge-text" + nonce));
        Assert.True(ProofOfWork.LeadingZeroBits(hash) >= 12);
        Assert.True(ProofOfWork.IsSolved("challenge-text", nonce, 12));
        Assert.True(ProofOfWork.IsSolved("challenge-text", nonce, 1));
        Assert.False(ProofOfWork.IsSolved("challenge-texT", nonce, 12) && ProofOfWork.IsSolved("challenge-texu", nonce, 12));
    }

    [Fact]
    public void ANonceThatFallsShortOfTheDifficultyIsNotASolution()
    {
        // The first nonce that reaches 8 bits but not 20 (one always exists long before 20 is met).
        var nonce = Enumerable.Range(0, 100_000).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .First(n => ProofOfWork.IsSolved("abc", n, 8) && !ProofOfWork.IsSolved("abc", n, 20));

        Assert.False(ProofOfWork.IsSolved("abc", nonce, 20));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12 3")]
    [InlineData("１２")]
    [InlineData("a/b")]
    [InlineData("123456789012345678901234567890123")]
    public void OnlyShortUrlSafeNoncesAreTaken(string nonce)
    {
        Assert.False(ProofOfWork.IsNonce(nonce));
        Assert.False(ProofOfWork.IsSolved("abc", nonce, 0));
    }

    [Fact]
    public void ANonChallengeTextIsNeverSolved()
    {
        Assert.False(ProofOfWork.IsSolved("café", "1", 0));
        Assert.False(ProofOfWork.IsSolved(new string('a', ChallengeTokens.MaxLength + 1), "1", 0));
    }

    [Fact]
    public void EveryHashHasAsManyLeadingZeroBitsAsItsBinaryTextShows() =>
        Gen.Byte.Array[32].Sample(hash =>
        {
            var text = string.Concat(hash.Select(b => Convert.ToString(b, 2).PadLeft(8, '0')));
            return ProofOfWork.LeadingZeroBits(hash) == text.TakeWhile(c => c == '0').Count();
        });
}
