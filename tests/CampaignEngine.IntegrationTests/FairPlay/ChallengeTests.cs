using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.FairPlay.Challenges;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.IntegrationTests.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.IntegrationTests.FairPlay;

/// <summary>
/// A campaign's proof-of-work challenge through the real engine: issued per device, checked on the
/// accept side, used once; without a solution the stricter fallback limit applies. Fans' addresses
/// come through the loopback proxy header, as in <see cref="NetworkLimitTests"/>.
/// </summary>
public sealed class ChallengeTests(ChallengeTests.Engine fixture) : IClassFixture<ChallengeTests.Engine>
{
    public sealed class Engine : EngineFixture
    {
        protected override IDictionary<string, string?> Settings => NetworkVotes.Settings;
    }

    private EngineHost Host => fixture.Host;

    private Task<CampaignEngine.Campaigns.CampaignResponse> PollAsync(string stem, int difficulty = 8, int unsolvedPerNetwork = 30, string locale = "en") =>
        Host.CreateCampaignAsync(new PollBuilder().UniqueSlug(stem).WithLocale(locale).WithVotesPerVoter(5)
            .With("protection", Challenges.Protection(difficulty, unsolvedPerNetwork)));

    [Fact]
    public async Task ASolvedChallengeCountsAndAReplayOfItIsRefused()
    {
        var poll = await PollAsync("solved");
        using var fan = Host.CreateClient();
        var issued = await Challenges.FetchAsync(fan, poll.Slug);
        Assert.Equal(8, issued.Difficulty);
        Assert.Equal(600, issued.ExpiresIn);

        using var first = await Challenges.VoteAsync(fan, poll.Slug, issued.Solution, "198.51.100.1");
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        using var replay = await Challenges.VoteAsync(fan, poll.Slug, issued.Solution, "198.51.100.1");
        await Challenges.AssertRefusedAsync(replay, "already used");

        // A fresh one counts again (the poll allows five votes).
        using var second = await Challenges.VoteAsync(fan, poll.Slug, (await Challenges.FetchAsync(fan, poll.Slug)).Solution, "198.51.100.1");
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        await NetworkVotes.TallyStaysAsync(Host, poll.Slug, 2);
        // The first came with the device, and its first slot keeps it to one use; the second took a single-use row.
        Assert.Equal(1, await Challenges.UsedAsync(Host, poll.Slug));
        Assert.Equal(0, await Challenges.UnsolvedAsync(Host, poll.Slug));
    }

    [Fact]
    public async Task AnotherDevicesChallengeIsRefused()
    {
        var poll = await PollAsync("other-device");
        using var solver = Host.CreateClient();
        using var other = Host.CreateClient();
        var issued = await Challenges.FetchAsync(solver, poll.Slug);
        await Challenges.FetchAsync(other, poll.Slug);
        using var cookieless = Host.CreateClient(cookies: false);

        await Challenges.AssertRefusedAsync(await Challenges.VoteAsync(other, poll.Slug, issued.Solution), "not issued by this engine to this device");
        await Challenges.AssertRefusedAsync(await Challenges.VoteAsync(cookieless, poll.Slug, issued.Solution), "not issued by this engine to this device");
        // The refusals used nothing up: its own device still counts with it.
        Assert.Equal(HttpStatusCode.Accepted, (await Challenges.VoteAsync(solver, poll.Slug, issued.Solution)).StatusCode);
        await NetworkVotes.TallyStaysAsync(Host, poll.Slug, 1);
    }

    [Fact]
    public async Task AnotherCampaignsChallengeIsRefused()
    {
        var one = await PollAsync("campaign-one");
        var two = await PollAsync("campaign-two");
        using var fan = Host.CreateClient();
        var issued = await Challenges.FetchAsync(fan, one.Slug);

        await Challenges.AssertRefusedAsync(await Challenges.VoteAsync(fan, two.Slug, issued.Solution), "for this campaign");
        await NetworkVotes.TallyStaysAsync(Host, two.Slug, 0);
    }

    [Fact]
    public async Task AnExpiredChallengeIsRefused()
    {
        var poll = await PollAsync("expired");
        using var fan = Host.CreateClient();
        await Challenges.FetchAsync(fan, poll.Slug);
        // Signed by the engine itself for this device, eleven minutes ago.
        var tokens = Host.Services.GetRequiredService<ChallengeTokens>();
        var old = tokens.Issue(poll.Slug, Challenges.DeviceOf(fan, poll.Slug), 8, DateTimeOffset.UtcNow.AddMinutes(-11));

        var solution = old.Token + ":" + ProofOfWork.Solve(old.Token, 8);
        await Challenges.AssertRefusedAsync(await Challenges.VoteAsync(fan, poll.Slug, solution), "expired");
    }

    [Fact]
    public async Task AnEasierChallengeThanTheCampaignAsksOrAWrongNonceIsRefused()
    {
        var poll = await PollAsync("too-easy", difficulty: 10);
        using var fan = Host.CreateClient();
        var issued = await Challenges.FetchAsync(fan, poll.Slug);
        var easy = Host.Services.GetRequiredService<ChallengeTokens>().Issue(poll.Slug, Challenges.DeviceOf(fan, poll.Slug), 2);
        var wrong = Enumerable.Range(0, 10_000).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .First(n => !ProofOfWork.IsSolved(issued.Challenge, n, 10));

        await Challenges.AssertRefusedAsync(await Challenges.VoteAsync(fan, poll.Slug, easy.Token + ":" + ProofOfWork.Solve(easy.Token, 2)), "easier");
        await Challenges.AssertRefusedAsync(await Challenges.VoteAsync(fan, poll.Slug, issued.Challenge + ":" + wrong), "does not solve");
        await Challenges.AssertRefusedAsync(await Challenges.VoteAsync(fan, poll.Slug, issued.Challenge), "malformed");
        await Challenges.AssertRefusedAsync(await Challenges.VoteAsync(fan, poll.Slug, "forged.1.8.AAAA:1"), "not issued");
        await NetworkVotes.TallyStaysAsync(Host, poll.Slug, 0);
    }

    [Fact]
    public async Task WithoutASolutionTheStricterLimitPerNetworkApplies()
    {
        var poll = await PollAsync("fallback", unsolvedPerNetwork: 3);
        using var scripted = Host.CreateClient(cookies: false);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var answer = await Challenges.VoteAsync(scripted, poll.Slug, null, $"203.0.113.{10 + i}");
            answers.Add(answer.StatusCode);
            if (answer.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(answer.Headers.RetryAfter?.Delta > TimeSpan.Zero);
                Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
            }
        }
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Accepted, 3), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)], answers);

        // Another network has its own allowance, and a solved challenge is not held by it.
        Assert.Equal(HttpStatusCode.Accepted, (await Challenges.VoteAsync(scripted, poll.Slug, null, "203.0.114.1")).StatusCode);
        using var solver = Host.CreateClient();
        var solution = (await Challenges.FetchAsync(solver, poll.Slug)).Solution;
        Assert.Equal(HttpStatusCode.Accepted, (await Challenges.VoteAsync(solver, poll.Slug, solution, "203.0.113.99")).StatusCode);
        await NetworkVotes.TallyStaysAsync(Host, poll.Slug, 5);
    }

    [Fact]
    public async Task AFormCarriesTheSolutionInHiddenFieldsAndARefusedOneGetsTheFriendlyPage()
    {
        var poll = await PollAsync("form", locale: "de");
        using var fan = Host.CreateClient();
        var issued = await Challenges.FetchAsync(fan, poll.Slug);
        var nonce = ProofOfWork.Solve(issued.Challenge, issued.Difficulty);
        FormUrlEncodedContent Form() => new(new Dictionary<string, string>
        {
            ["optionId"] = "van", [ChallengeGate.ChallengeField] = issued.Challenge, [ChallengeGate.NonceField] = nonce,
        });

        using var counted = await fan.PostAsync($"/c/{poll.Slug}/votes", Form());
        Assert.Equal(HttpStatusCode.SeeOther, counted.StatusCode);
        using var replay = await fan.PostAsync($"/c/{poll.Slug}/votes", Form());
        var html = await replay.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("text/html", replay.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Bitte sende es noch einmal von der Seite der Aktion", html);
        Assert.Contains($"href=\"/c/{poll.Slug}\"", html);
        await NetworkVotes.TallyStaysAsync(Host, poll.Slug, 1);
    }

    [Fact]
    public async Task AnIdempotentRetryMayCarryItsChallengeAgain()
    {
        var poll = await PollAsync("retry");
        using var browser = Host.CreateClient();
        var solution = (await Challenges.FetchAsync(browser, poll.Slug)).Solution;
        // Every attempt carries only the device cookie: the answers (and the cookies they set) were lost.
        var device = browser.DeviceCookieHeader(poll.Slug);
        using var fan = Host.CreateClient(cookies: false);
        var key = Guid.NewGuid().ToString();

        using var first = await Challenges.VoteAsync(fan, poll.Slug, solution, idempotencyKey: key, cookie: device);
        using var retry = await Challenges.VoteAsync(fan, poll.Slug, solution, idempotencyKey: key, cookie: device);
        await Host.WaitForTotalAsync(poll.Slug, 1);
        using var late = await Challenges.VoteAsync(fan, poll.Slug, solution, idempotencyKey: key, cookie: device);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var receipt = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString();
        Assert.Equal(receipt, (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString());
        Assert.Equal(receipt, (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString());
        // Another request may not.
        await Challenges.AssertRefusedAsync(
            await Challenges.VoteAsync(fan, poll.Slug, solution, idempotencyKey: Guid.NewGuid().ToString(), cookie: device), "already used");
        await NetworkVotes.TallyStaysAsync(Host, poll.Slug, 1);
    }

    [Fact]
    public async Task TheSharedPageCarriesTheSolverAndEachDeviceFetchesItsOwnChallenge()
    {
        var poll = await PollAsync("shared-page");
        using var first = Host.CreateClient();
        using var second = Host.CreateClient();

        var a = await first.GetPageAsync($"/c/{poll.Slug}");
        var b = await second.GetPageAsync($"/c/{poll.Slug}");

        Assert.Equal(a.Source, b.Source);
        Assert.Equal("public, no-cache", a.Response.Headers.CacheControl?.ToString());
        Assert.Contains($"script-src '{ChallengeScript.Hash}'", a.Response.Headers.GetValues("Content-Security-Policy").Single());
        var script = Assert.Single(a.Document.QuerySelectorAll("script"));
        Assert.Equal($"/c/{poll.Slug}/challenge", script.GetAttribute("data-challenge"));
        Html.AssertNoActiveContent(a.Document);

        using var issued = await first.GetAsync($"/c/{poll.Slug}/challenge");
        Assert.Contains(issued.Headers.GetValues("Set-Cookie"), c => c.StartsWith("ce_device=", StringComparison.Ordinal));
        Assert.NotEqual((await Challenges.FetchAsync(first, poll.Slug)).Challenge, (await Challenges.FetchAsync(second, poll.Slug)).Challenge);
    }

    [Fact]
    public async Task CampaignsWithoutProofOfWorkAreUnaffected()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("no-work"));
        using var fan = Host.CreateClient(cookies: false);

        using var challenge = await fan.GetAsync($"/c/{poll.Slug}/challenge");
        Assert.Equal(HttpStatusCode.NotFound, challenge.StatusCode);
        Assert.False(challenge.Headers.Contains("Set-Cookie"));
        var page = await fan.GetPageAsync($"/c/{poll.Slug}");
        Assert.Empty(page.Document.QuerySelectorAll("script"));
        Assert.DoesNotContain("script-src", page.Response.Headers.GetValues("Content-Security-Policy").Single());

        // Forty unsolved votes from one network, far past any fallback, and a stray header is ignored.
        for (var i = 0; i < 40; i++)
        {
            using var vote = await Challenges.VoteAsync(fan, poll.Slug, i == 0 ? "junk:1" : null, $"192.0.2.{1 + i}");
            Assert.Equal(HttpStatusCode.Accepted, vote.StatusCode);
        }
        await NetworkVotes.TallyStaysAsync(Host, poll.Slug, 40);
        Assert.Equal(0, await Challenges.UsedAsync(Host, poll.Slug));
    }
}
