using CampaignEngine.FairPlay.Challenges;
using CampaignEngine.Submissions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CampaignEngine.UnitTests.FairPlay.Challenges;

public sealed class ChallengeTokensTests
{
    private const string Device = "AAAAAAAAAAAAAAAAAAAAAA";
    private const string OtherDevice = "BBBBBBBBBBBBBBBBBBBBBB";
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-06-01T12:00:00Z"));

    private ChallengeTokens Tokens(string secret = "secret-one") => new(
        new VoterCookies(Options.Create(new EngineOptions { CookieSecret = secret }), NullLogger<VoterCookies>.Instance), time,
        Options.Create(new ChallengeOptions()));

    private static ChallengeState Check(ChallengeTokens tokens, string slug, string device, string? token) => tokens.Check(slug, device, token, out _);

    [Fact]
    public void AChallengeIsValidForItsCampaignAndDeviceAndSaysWhatItAsks()
    {
        var tokens = Tokens();
        var issued = tokens.Issue("summer", Device, 16);

        Assert.Equal(ChallengeState.Valid, tokens.Check("summer", Device, issued.Token, out var read));
        Assert.Equal(16, read!.Difficulty);
        Assert.Equal(issued.Id, read.Id);
        Assert.Equal(time.GetUtcNow().AddMinutes(10), read.ExpiresAt);
        Assert.True(issued.Token.Length <= ChallengeTokens.MaxLength);
    }

    [Fact]
    public void AnotherDevicesOrAnotherCampaignsChallengeIsInvalid()
    {
        var tokens = Tokens();
        var issued = tokens.Issue("summer", Device, 16).Token;

        Assert.Equal(ChallengeState.Invalid, Check(tokens, "summer", OtherDevice, issued));
        Assert.Equal(ChallengeState.Invalid, Check(tokens, "winter", Device, issued));
        Assert.Equal(ChallengeState.Invalid, Check(Tokens("secret-two"), "summer", Device, issued));
    }

    [Fact]
    public void AChallengeIssuedWithItsDeviceSaysSoAndTheMarkCannotBeAddedOrRemoved()
    {
        var tokens = Tokens();
        var fresh = tokens.Issue("summer", Device, 16, newDevice: true).Token;
        var known = tokens.Issue("summer", Device, 16).Token;

        Assert.Equal(ChallengeState.Valid, tokens.Check("summer", Device, fresh, out var read));
        Assert.True(read!.NewDevice);
        Assert.Equal(16, read.Difficulty);
        Assert.Equal(ChallengeState.Valid, tokens.Check("summer", Device, known, out read));
        Assert.False(read!.NewDevice);

        static string Edit(string token, Func<string, string> difficulty)
        {
            var parts = token.Split('.');
            parts[2] = difficulty(parts[2]);
            return string.Join('.', parts);
        }
        Assert.Equal(ChallengeState.Invalid, Check(tokens, "summer", Device, Edit(known, d => d + "n")));
        Assert.Equal(ChallengeState.Invalid, Check(tokens, "summer", Device, Edit(fresh, d => d.TrimEnd('n'))));
        Assert.Equal(ChallengeState.Invalid, Check(tokens, "summer", Device, Edit(fresh, d => d + "n")));
    }

    [Fact]
    public void EachChallengeIsNew() =>
        Assert.NotEqual(Tokens().Issue("summer", Device, 16).Id, Tokens().Issue("summer", Device, 16).Id);

    [Fact]
    public void AChallengeIsValidForItsLifetimeAndExpiredAfter()
    {
        var tokens = Tokens();
        var issued = tokens.Issue("summer", Device, 16).Token;

        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(ChallengeState.Valid, Check(tokens, "summer", Device, issued));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(ChallengeState.Expired, Check(tokens, "summer", Device, issued));
    }

    [Fact]
    public void AChallengeFromAnInstanceSecondsAheadIsValidButNotOneFromTheFuture()
    {
        var tokens = Tokens();
        Assert.Equal(ChallengeState.Valid, Check(tokens, "summer", Device, tokens.Issue("summer", Device, 16, time.GetUtcNow().AddSeconds(30)).Token));
        Assert.Equal(ChallengeState.Expired, Check(tokens, "summer", Device, tokens.Issue("summer", Device, 16, time.GetUtcNow().AddHours(1)).Token));
    }

    [Fact]
    public void ALoweredDifficultyOrAnyOtherEditBreaksTheSignature()
    {
        var tokens = Tokens();
        var issued = tokens.Issue("summer", Device, 16).Token;
        var parts = issued.Split('.');

        Assert.Equal(ChallengeState.Invalid, Check(tokens, "summer", Device, string.Join('.', parts[0], parts[1], "1", parts[3])));
        Assert.Equal(ChallengeState.Invalid, Check(tokens, "summer", Device, string.Join('.', parts[0], (long.Parse(parts[1]) + 600).ToString(), parts[2], parts[3])));
        Assert.Equal(ChallengeState.Invalid, Check(tokens, "summer", Device, string.Join('.', "C" + parts[0][1..], parts[1], parts[2], parts[3])));
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("a.b.c.d")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA.1.16.!!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA.-1.16.AAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA.99999999999999999999.16.AAAA")]
    public void AMalformedChallengeIsInvalid(string token) => Assert.Equal(ChallengeState.Invalid, Check(Tokens(), "summer", Device, token));

    [Fact]
    public void NoChallengeIsMissing() => Assert.Equal(ChallengeState.Missing, Check(Tokens(), "summer", Device, null));
}
