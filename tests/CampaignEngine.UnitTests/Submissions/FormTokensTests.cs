using CampaignEngine.Submissions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CampaignEngine.UnitTests.Submissions;

public sealed class FormTokensTests
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-06-01T12:00:00Z"));

    private FormTokens Tokens(string secret = "secret-one") =>
        new(new VoterCookies(Options.Create(new EngineOptions { CookieSecret = secret }), NullLogger<VoterCookies>.Instance), time);

    [Fact]
    public void ATokenIssuedForACampaignIsValidForIt()
    {
        var tokens = Tokens();
        Assert.Equal(FormTokenState.Valid, tokens.Check("summer", tokens.Issue("summer")));
    }

    [Fact]
    public void ATokenIsValidForItsLifetimeAndExpiredAfter()
    {
        var tokens = Tokens();
        var token = tokens.Issue("summer");

        time.Advance(FormTokens.Lifetime);
        Assert.Equal(FormTokenState.Valid, tokens.Check("summer", token));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(FormTokenState.Expired, tokens.Check("summer", token));
    }

    [Fact]
    public void ATokenFromAnInstanceAMinuteAheadIsValidButNotOneFromTomorrow()
    {
        var tokens = Tokens();
        Assert.Equal(FormTokenState.Valid, tokens.Check("summer", tokens.Issue("summer", time.GetUtcNow().AddMinutes(1))));
        Assert.Equal(FormTokenState.Expired, tokens.Check("summer", tokens.Issue("summer", time.GetUtcNow().AddDays(1))));
    }

    [Fact]
    public void AnotherCampaignsTokenIsInvalid()
    {
        var tokens = Tokens();
        Assert.Equal(FormTokenState.Invalid, tokens.Check("winter", tokens.Issue("summer")));
    }

    [Fact]
    public void ATokenSignedUnderAnotherKeyIsInvalid() =>
        Assert.Equal(FormTokenState.Invalid, Tokens("secret-one").Check("summer", Tokens("secret-two").Issue("summer")));

    [Fact]
    public void ATamperedTokenIsInvalid()
    {
        var tokens = Tokens();
        var token = tokens.Issue("summer");
        var dot = token.IndexOf('.');
        var issued = long.Parse(token[..dot]);

        // A later issue time under the old signature, and a flipped signature character.
        Assert.Equal(FormTokenState.Invalid, tokens.Check("summer", $"{issued + 3600}{token[dot..]}"));
        var flipped = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');
        Assert.Equal(FormTokenState.Invalid, tokens.Check("summer", flipped));
    }

    [Theory]
    [InlineData(null, FormTokenState.Missing)]
    [InlineData("", FormTokenState.Missing)]
    [InlineData("garbage", FormTokenState.Invalid)]
    [InlineData(".abc", FormTokenState.Invalid)]
    [InlineData("-5.abc", FormTokenState.Invalid)]
    [InlineData("99999999999999999999.abc", FormTokenState.Invalid)]
    [InlineData("1780315200.!!!", FormTokenState.Invalid)]
    [InlineData("1780315200.", FormTokenState.Invalid)]
    public void AMissingOrMalformedTokenIsNeverValid(string? token, FormTokenState expected) =>
        Assert.Equal(expected, Tokens().Check("summer", token));

    [Fact]
    public void AnOldTokenWithAForgedSignatureIsInvalidNotExpired()
    {
        var tokens = Tokens();
        var old = tokens.Issue("summer", time.GetUtcNow().AddDays(-3));
        Assert.Equal(FormTokenState.Expired, tokens.Check("summer", old));
        Assert.Equal(FormTokenState.Invalid, tokens.Check("summer", old[..^2] + "xx"));
    }

    [Fact]
    public void ASharedPagesGenerationChangesEveryRenewalPeriod()
    {
        var tokens = Tokens();
        var first = tokens.Generation();
        time.Advance(FormTokens.RenewEvery);
        Assert.Equal(first + 1, tokens.Generation());
        Assert.True(FormTokens.RenewEvery < FormTokens.Lifetime / 2, "a served token should have most of its life left");
    }
}
