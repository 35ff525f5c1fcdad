using System.ComponentModel.DataAnnotations;
using System.Text;
using CampaignEngine.Contacts;
using CsCheck;
using Microsoft.Extensions.Options;

namespace CampaignEngine.UnitTests.Contacts;

/// <summary>Contact keys: HMAC-SHA256 of the normalised email with <c>Contacts:KeySecret</c>.</summary>
public sealed class ContactKeysTests
{
    private const string Secret = "unit-test-contact-key-secret-0123456789";

    private static ContactKeys Keys(string secret = Secret) => new(Options.Create(new ContactOptions { KeySecret = secret }));

    [Fact]
    public void TheKeyIsHmacSha256AsLowerCaseHex() =>
        // RFC 4231, test case 2.
        Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            ContactKeys.Compute("Jefe"u8, "what do ya want for nothing?"));

    [Fact]
    public void TheSameNormalisedEmailAlwaysHasTheSameKey() =>
        Assert.Equal(Keys().Of(ContactRules.Normalize(" A@B.com ")!), Keys().Of(ContactRules.Normalize("a@b.COM")!));

    [Fact]
    public void WithoutTheSecretTheKeyCannotBeRecomputedFromTheEmail()
    {
        var key = Keys().Of("fan@example.com");

        Assert.NotEqual(ContactKeys.Legacy("fan@example.com"), key);
        Assert.NotEqual(Keys(Secret + "!").Of("fan@example.com"), key);
        Assert.Equal(ContactKeys.Compute(Encoding.UTF8.GetBytes(Secret), "fan@example.com"), key);
    }

    [Fact]
    public void EveryKeyHasTheShapeRowKeysAccept() =>
        Gen.String.Sample(email =>
        {
            var key = Keys().Of(email);
            Assert.True(ContactKeys.IsKey(key), key);
            Assert.Equal(64, key.Length);
        });

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd|x")]
    public void AnythingElseIsNotAKey(string? value) => Assert.False(ContactKeys.IsKey(value));

    [Theory]
    [InlineData(null)]
    [InlineData("too-short-for-a-secret")]
    public void AMissingOrShortSecretFailsValidationNamingTheSetting(string? secret)
    {
        var options = new ContactOptions { KeySecret = secret };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains("Contacts:KeySecret", results.Single().ErrorMessage);
    }
}
