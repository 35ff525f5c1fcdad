using System.Net;
using CampaignEngine.Contacts;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.IntegrationTests.Pages;
using CampaignEngine.Offers;
using Microsoft.Extensions.DependencyInjection;
using static CampaignEngine.IntegrationTests.Offers.Offers;

namespace CampaignEngine.IntegrationTests.Offers;

/// <summary>Guessing the staff PIN: a code that took too many wrong ones redeems nothing until the window ends, the right PIN included; an offer that took too many over all its codes locks whole.</summary>
public sealed class RedeemLockTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    [Fact]
    public async Task TooManyWrongPinsLockThatCodeEvenForTheRightPinButNotAnotherCustomersCode()
    {
        var (slug, links) = await AssignedAsync(2, "lock");
        using var guesser = Host.CreateClient();

        for (var pin = 0; pin < CodePool.MaxWrongPinsPerCode; pin++)
        {
            var wrong = await guesser.PostFormAsync(links[0], ("pin", $"{pin:D4}"));
            Assert.Equal(HttpStatusCode.BadRequest, wrong.Response.StatusCode);
        }
        var locked = await guesser.PostFormAsync(links[0], ("pin", Pin));
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.Response.StatusCode);
        Assert.Contains("Too many wrong PINs", locked.Document.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal(0, (await StatsAsync(Host, slug)).GetProperty("redeemed").GetInt32());

        using var staff = Host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await staff.PostFormAsync(links[1], ("pin", Pin))).Response.StatusCode);
        Assert.Equal(1, (await StatsAsync(Host, slug)).GetProperty("redeemed").GetInt32());
    }

    [Fact]
    public async Task WrongPinsSpreadOverManyCodesLockTheWholeOffer()
    {
        var perCode = CodePool.MaxWrongPinsPerCode - 1;
        var codesGuessed = (CodePool.MaxWrongPinsPerOffer + perCode - 1) / perCode;
        var (slug, links) = await AssignedAsync(codesGuessed + 1, "lockall");
        using var guesser = Host.CreateClient();

        // Each code stays under its own limit; together they pass the offer's.
        for (var wrongs = 0; wrongs < CodePool.MaxWrongPinsPerOffer; wrongs++)
        {
            var wrong = await guesser.PostFormAsync(links[wrongs / perCode], ("pin", $"{wrongs % perCode:D4}"));
            Assert.Equal(HttpStatusCode.BadRequest, wrong.Response.StatusCode);
        }
        using var staff = Host.CreateClient();
        Assert.Equal(HttpStatusCode.TooManyRequests, (await staff.PostFormAsync(links[^1], ("pin", Pin))).Response.StatusCode);
        Assert.Equal(0, (await StatsAsync(Host, slug)).GetProperty("redeemed").GetInt32());
    }

    private async Task<(string Slug, string[] Links)> AssignedAsync(int codes, string stem)
    {
        var slug = await PollWithOfferAsync(Host, codes: codes, stem: stem);
        var keys = Host.Services.GetRequiredService<ContactKeys>();
        var offer = (await Host.Services.GetRequiredService<OfferStore>().GetAsync(slug))!;
        var mailed = Host.Services.GetRequiredService<MailedLinks>();
        var contacts = Enumerable.Range(0, codes).Select(i => keys.Of($"c{i}@{slug}.test")).ToArray();
        await Host.Services.GetRequiredService<CodePool>().AssignAsync(slug, [.. contacts.Select(key => new Claimant(key, null))]);
        return (slug, [.. contacts.Select(key => mailed.Redeem(offer, slug, key, DateTimeOffset.UtcNow))]);
    }
}
