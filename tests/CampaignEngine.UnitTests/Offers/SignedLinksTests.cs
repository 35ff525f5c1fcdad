using CampaignEngine.Contacts;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CampaignEngine.UnitTests.Offers;

public sealed class SignedLinksTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    private SignedLinks Links(string secret = "a-contact-key-secret-of-32-or-more-chars") =>
        new(Options.Create(new ContactOptions { KeySecret = secret }), clock);

    [Fact]
    public void ATokenReadsBackItsPayloadUntilItExpiresAndThenSaysSoStillNamingIt()
    {
        var links = Links();
        var token = links.Create("unsubscribe", "summer|abc", TimeSpan.FromDays(60));

        Assert.Equal(new LinkCheck(LinkState.Valid, "summer|abc"), links.Read("unsubscribe", token));
        clock.Advance(TimeSpan.FromDays(60) - TimeSpan.FromSeconds(1));
        Assert.Equal(LinkState.Valid, links.Read("unsubscribe", token).State);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(new LinkCheck(LinkState.Expired, "summer|abc"), links.Read("unsubscribe", token));
    }

    [Fact]
    public void ATamperedTokenOrOneMadeForAnotherPurposeOrUnderAnotherSecretIsInvalid()
    {
        var links = Links();
        var token = links.Create("redeem", "summer|abc", TimeSpan.FromDays(1));
        var parts = token.Split('.');
        var otherPayload = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode("summer|abd"u8.ToArray());

        Assert.Equal(LinkState.Invalid, links.Read("unsubscribe", token).State);
        Assert.Equal(LinkState.Invalid, Links("another-contact-key-secret-of-32-chars!").Read("redeem", token).State);
        Assert.Equal(LinkState.Invalid, links.Read("redeem", $"{otherPayload}.{parts[1]}.{parts[2]}").State);
        Assert.Equal(LinkState.Invalid, links.Read("redeem", $"{parts[0]}.{long.Parse(parts[1]) + 86_400}.{parts[2]}").State);
        Assert.Equal(LinkState.Invalid, links.Read("redeem", $"{parts[0]}.{parts[1]}.{parts[2][..^1]}A").State);
        Assert.Equal(LinkState.Invalid, links.Read("redeem", "").State);
        Assert.Equal(LinkState.Invalid, links.Read("redeem", null).State);
        Assert.Equal(LinkState.Invalid, links.Read("redeem", "a.b.c").State);
        Assert.Equal(LinkState.Invalid, links.Read("redeem", "!!.1.!!").State);
    }

    [Fact]
    public void AContactPayloadNamesACampaignAndAKeyAndNothingElse()
    {
        var key = new string('a', 64);
        Assert.Equal(("summer", key), SignedLinks.ParseContact(SignedLinks.ContactPayload("summer", key)));
        Assert.Null(SignedLinks.ParseContact("summer|" + key + "|x"));
        Assert.Null(SignedLinks.ParseContact("Summer!|" + key));
        Assert.Null(SignedLinks.ParseContact("summer|not-a-key"));
        Assert.Null(SignedLinks.ParseContact(null));
    }
}
