using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.FairPlay.Captcha;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.IntegrationTests.Pages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CampaignEngine.IntegrationTests.FairPlay;

/// <summary>
/// A campaign's CAPTCHA through the real engine, verified against our own fake provider on loopback
/// (<see cref="FakeVerifyServer"/>): a passed token counts once, a refused one or a replay is a 400,
/// a provider that is down or hangs is a clear 503, and without a token the fallback limit applies.
/// </summary>
public sealed class CaptchaTests(CaptchaTests.Engine fixture) : IClassFixture<CaptchaTests.Engine>
{
    public const string TurnstileSiteKey = "turnstile-site-key-4b1d";
    public const string HCaptchaSiteKey = "hcaptcha-site-key-9e0c";

    public sealed class Engine : IAsyncLifetime
    {
        public FakeVerifyServer Verify { get; private set; } = null!;
        public EngineHost Host { get; private set; } = null!;
        public CapturedLogs Logs { get; } = new();

        public async Task InitializeAsync()
        {
            Verify = await FakeVerifyServer.StartAsync();
            var settings = new Dictionary<string, string?>(NetworkVotes.Settings)
            {
                ["Captcha:VerifyTimeout"] = "00:00:01",
                ["Captcha:Providers:turnstile:SiteKey"] = TurnstileSiteKey,
                ["Captcha:Providers:turnstile:Secret"] = FakeVerifyServer.Secret,
                ["Captcha:Providers:turnstile:VerifyUrl"] = Verify.Url.ToString(),
                ["Captcha:Providers:hcaptcha:SiteKey"] = HCaptchaSiteKey,
                ["Captcha:Providers:hcaptcha:Secret"] = FakeVerifyServer.Secret,
                ["Captcha:Providers:hcaptcha:VerifyUrl"] = Verify.Url.ToString(),
                // Everything the engine and its HTTP client say, so a token or a secret in any line would show.
                ["Logging:LogLevel:CampaignEngine"] = "Debug",
                ["Logging:LogLevel:System.Net.Http"] = "Trace",
            };
            Host = await EngineHost.StartAsync(settings, services: s => s.AddSingleton<ILoggerProvider>(Logs));
        }

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            await Verify.DisposeAsync();
        }
    }

    private EngineHost Host => fixture.Host;
    private FakeVerifyServer Verify => fixture.Verify;

    private Task<CampaignEngine.Campaigns.CampaignResponse> PollAsync(string stem, string provider = "turnstile", int unsolvedPerNetwork = 30, string locale = "en") =>
        Host.CreateCampaignAsync(new PollBuilder().UniqueSlug(stem).WithLocale(locale).WithVotesPerVoter(5).With("protection", new
        {
            perAddress = (object?)null,
            perNetwork = (object?)null,
            captcha = new { provider, unsolvedPerNetwork = new { limit = unsolvedPerNetwork, windowMinutes = 60 } },
        }));

    private static async Task<HttpResponseMessage> VoteAsync(
        HttpClient fan, string slug, string? token, string forwardedFor = "198.51.100.7", string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/c/{slug}/votes") { Content = JsonContent.Create(new { optionId = "choc" }) };
        if (token is not null) request.Headers.Add(CaptchaGate.Header, token);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await fan.SendAsync(request);
    }

    private static FormUrlEncodedContent Form(string field, string token) => new(new Dictionary<string, string> { ["optionId"] = "van", [field] = token });

    private static async Task<string> AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string why)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        var problem = JsonDocument.Parse(body).RootElement;
        var message = status == HttpStatusCode.BadRequest
            ? problem.GetProperty("errors").GetProperty(CaptchaErrors.Field)[0].GetString()
            : problem.GetProperty("detail").GetString();
        Assert.Contains(why, message);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        return body;
    }

    [Fact]
    public async Task APassedTokenCountsOnceAndItsReplayIsRefusedThoughTheProviderWouldPassItAgain()
    {
        var poll = await PollAsync("passed");
        using var fan = Host.CreateClient();
        var token = Verify.Issue();

        using var first = await VoteAsync(fan, poll.Slug, token);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        using var replay = await VoteAsync(fan, poll.Slug, token);
        await AssertRefusedAsync(replay, HttpStatusCode.BadRequest, "already used");

        // The provider was asked both times and passed both: only the engine's own record refused the replay.
        Assert.Equal(2, Verify.CallsFor(token));
        var call = Verify.Calls.First(c => c["response"] == token);
        Assert.Equal(FakeVerifyServer.Secret, call["secret"]);
        Assert.Equal("198.51.100.7", call["remoteip"]);

        using var fresh = await VoteAsync(fan, poll.Slug, Verify.Issue());
        Assert.Equal(HttpStatusCode.Accepted, fresh.StatusCode);
        await NetworkVotes.TallyStaysAsync(Host, poll.Slug, 2);
        Assert.Equal(2, await Challenges.UsedAsync(Host, poll.Slug));
    }

    private static async Task<string> ReceiptAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString()!;
    }

    [Fact]
    public async Task ARetryWithTheSameIdempotencyKeyPassesThoughTheProviderRefusesATokenItHasSeen()
    {
        var poll = await PollAsync("retry");
        using var fan = Host.CreateClient(cookies: false);
        var token = Verify.IssueSingleUse();

        var first = await ReceiptAsync(await VoteAsync(fan, poll.Slug, token, idempotencyKey: "retry-1"));
        // The answer was lost: the client sends the same request again, token and all.
        var retry = await ReceiptAsync(await VoteAsync(fan, poll.Slug, token, idempotencyKey: "retry-1"));

        // Whether the retry asked the provider again depends on whether the tally had counted the first by then; either way it passes once.
        Assert.Equal(first, retry);
        await NetworkVotes.TallyStaysAsync(Host, poll.Slug, 1);
    }

    [Fact]
    public async Task ARetryRacingItsFirstAttemptWaitsForItAndGetsTheSameReceipt()
    {
        var poll = await PollAsync("racing");
        using var fan = Host.CreateClient(cookies: false);
        // The provider takes its time over the first call, so the retry is refused as a duplicate before the first attempt is done.
        var token = Verify.IssueSingleUse(TimeSpan.FromMilliseconds(700));

        var firstAttempt = VoteAsync(fan, poll.Slug, token, idempotencyKey: "racing-1");
        await Eventually.ReturnsAsync(() => Task.FromResult(Verify.CallsFor(token)), calls => calls == 1, because: "the first attempt reached the provider");
        var retry = await ReceiptAsync(await VoteAsync(fan, poll.Slug, token, idempotencyKey: "racing-1"));

        Assert.Equal(await ReceiptAsync(await firstAttempt), retry);
        Assert.Equal(2, Verify.CallsFor(token));
        await NetworkVotes.TallyStaysAsync(Host, poll.Slug, 1);
    }

    [Fact]
    public async Task ASeenTokenWithTheSameKeyFromAnotherDeviceIsRefused()
    {
        var poll = await PollAsync("other-device");
        using var first = Host.CreateClient(cookies: false);
        var token = Verify.IssueSingleUse();
        await ReceiptAsync(await VoteAsync(first, poll.Slug, token, idempotencyKey: "shared-key"));

        // Another device (its own cookie from a vote of its own) replays the token under the same key.
        using var other = Host.CreateClient();
        await ReceiptAsync(await VoteAsync(other, poll.Slug, Verify.Issue()));
        var body = await AssertRefusedAsync(await VoteAsync(other, poll.Slug, token, idempotencyKey: "shared-key"), HttpStatusCode.BadRequest, "already used");

        Assert.DoesNotContain(token, body);
        await NetworkVotes.TallyStaysAsync(Host, poll.Slug, 2);
    }

    [Fact]
    public async Task ARefusedTokenIsA400NamingCaptchaOrTheLocalizedPageAndCountsNothing()
    {
        var poll = await PollAsync("refused", locale: "de");
        using var fan = Host.CreateClient();

        await AssertRefusedAsync(await VoteAsync(fan, poll.Slug, "made-up-token"), HttpStatusCode.BadRequest, "did not accept the token");
        await AssertRefusedAsync(await VoteAsync(fan, poll.Slug, new string('x', CaptchaGate.MaxTokenLength + 1)), HttpStatusCode.BadRequest, "did not accept");

        using var form = await fan.PostAsync($"/c/{poll.Slug}/votes", Form("cf-turnstile-response", "made-up-token"));
        var html = await form.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.Equal("text/html", form.Content.Headers.ContentType?.MediaType);
        Assert.Contains("ist fehlgeschlagen", html);
        Assert.Contains($"href=\"/c/{poll.Slug}\"", html);

        // The refusals released the fan's slot: a passed token through the widget's field counts.
        using var counted = await fan.PostAsync($"/c/{poll.Slug}/votes", Form("cf-turnstile-response", Verify.Issue()));
        Assert.Equal(HttpStatusCode.SeeOther, counted.StatusCode);
        await NetworkVotes.TallyStaysAsync(Host, poll.Slug, 1);
    }

    [Fact]
    public async Task AProviderThatFailsOrHangsIsAClearRefusalAndCountsNothing()
    {
        var poll = await PollAsync("outage", locale: "de");
        using var fan = Host.CreateClient();

        await AssertRefusedAsync(await VoteAsync(fan, poll.Slug, "down-1"), HttpStatusCode.ServiceUnavailable, "try again in a moment");
        var started = System.Diagnostics.Stopwatch.StartNew();
        await AssertRefusedAsync(await VoteAsync(fan, poll.Slug, "hang-1"), HttpStatusCode.ServiceUnavailable, "could not be asked");
        // The engine's one-second timeout ended the wait, not the test's.
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));

        using var form = await fan.PostAsync($"/c/{poll.Slug}/votes", Form("cf-turnstile-response", "down-2"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, form.StatusCode);
        Assert.Equal("text/html", form.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Der CAPTCHA-Dienst war nicht erreichbar", await form.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Accepted, (await VoteAsync(fan, poll.Slug, Verify.Issue())).StatusCode);
        await NetworkVotes.TallyStaysAsync(Host, poll.Slug, 1);
    }

    [Fact]
    public async Task WithoutATokenTheStricterLimitPerNetworkApplies()
    {
        var poll = await PollAsync("fallback", unsolvedPerNetwork: 3);
        using var scripted = Host.CreateClient(cookies: false);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var answer = await VoteAsync(scripted, poll.Slug, null, $"203.0.113.{10 + i}");
            answers.Add(answer.StatusCode);
            if (answer.StatusCode == HttpStatusCode.TooManyRequests) Assert.True(answer.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Accepted, 3), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)], answers);

        // A passed token is not held by it; another network has its own allowance.
        Assert.Equal(HttpStatusCode.Accepted, (await VoteAsync(scripted, poll.Slug, Verify.Issue(), "203.0.113.99")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await VoteAsync(scripted, poll.Slug, null, "203.0.114.1")).StatusCode);
        await NetworkVotes.TallyStaysAsync(Host, poll.Slug, 5);
    }

    [Fact]
    public async Task TheSharedPageCarriesTheWidgetAndItsPolicyAllowsThatProviderOnly()
    {
        var turnstile = await PollAsync("turnstile-page", locale: "ar");
        var hcaptcha = await PollAsync("hcaptcha-page", provider: "hcaptcha", locale: "fa");
        using var first = Host.CreateClient();
        using var second = Host.CreateClient();

        var a = await first.GetPageAsync($"/c/{turnstile.Slug}");
        var b = await second.GetPageAsync($"/c/{turnstile.Slug}");
        Assert.Equal(a.Source, b.Source);
        Assert.Equal("public, no-cache", a.Response.Headers.CacheControl?.ToString());
        var widget = Assert.Single(a.Document.QuerySelectorAll("form .cf-turnstile"));
        Assert.Equal(TurnstileSiteKey, widget.GetAttribute("data-sitekey"));
        // The widget speaks the campaign's language: Turnstile reads it from the widget, hCaptcha from its script.
        Assert.Equal("ar", widget.GetAttribute("data-language"));
        Assert.Equal(CaptchaProvider.Turnstile.ScriptUrl, Assert.Single(a.Document.QuerySelectorAll("script")).GetAttribute("src"));
        var policy = a.Response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src https://challenges.cloudflare.com;", policy);
        Assert.Contains("frame-src https://challenges.cloudflare.com;", policy);
        Assert.DoesNotContain("hcaptcha", policy);
        Assert.DoesNotContain("google", policy);

        var h = await first.GetPageAsync($"/c/{hcaptcha.Slug}");
        var hWidget = Assert.Single(h.Document.QuerySelectorAll("form .h-captcha"));
        Assert.Equal(HCaptchaSiteKey, hWidget.GetAttribute("data-sitekey"));
        Assert.Null(hWidget.GetAttribute("data-language"));
        Assert.Equal(CaptchaProvider.HCaptcha.ScriptUrl + "?hl=fa", Assert.Single(h.Document.QuerySelectorAll("script")).GetAttribute("src"));
        var hPolicy = h.Response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src https://hcaptcha.com https://*.hcaptcha.com;", hPolicy);
        Assert.Contains("frame-src https://hcaptcha.com https://*.hcaptcha.com;", hPolicy);
        Assert.DoesNotContain("cloudflare", hPolicy);

        // Results pages carry no form, so no widget and no provider.
        var results = await first.GetPageAsync($"/c/{turnstile.Slug}/results");
        Assert.Empty(results.Document.QuerySelectorAll(".cf-turnstile"));
        Assert.DoesNotContain("cloudflare", results.Response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task CampaignsWithoutCaptchaAreUnaffected()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("no-captcha"));
        using var fan = Host.CreateClient(cookies: false);

        var page = await fan.GetPageAsync($"/c/{poll.Slug}");
        Assert.Empty(page.Document.QuerySelectorAll("script"));
        Assert.Empty(page.Document.QuerySelectorAll(".cf-turnstile, .h-captcha, .g-recaptcha"));
        var policy = page.Response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.DoesNotContain("script-src", policy);
        Assert.DoesNotContain("frame-src", policy);

        // Forty votes without a token from one network, far past any fallback; a stray token is not even checked.
        var stray = Verify.Issue();
        for (var i = 0; i < 40; i++)
        {
            using var vote = await VoteAsync(fan, poll.Slug, i == 0 ? stray : null, $"192.0.2.{1 + i}");
            Assert.Equal(HttpStatusCode.Accepted, vote.StatusCode);
        }
        await NetworkVotes.TallyStaysAsync(Host, poll.Slug, 40);
        Assert.Equal(0, Verify.CallsFor(stray));
        Assert.Equal(0, await Challenges.UsedAsync(Host, poll.Slug));
    }

    [Fact]
    public async Task TheSecretGoesToTheVerifyServerOnlyAndNoTokenSecretOrAddressIsLogged()
    {
        var poll = await PollAsync("secret");
        using var fan = Host.CreateClient();
        var passed = Verify.Issue();
        var answers = new List<string>();
        foreach (var token in new[] { passed, passed, "made-up-secret-probe", "down-secret-probe" })
        {
            using var answer = await VoteAsync(fan, poll.Slug, token, "198.51.100.77");
            answers.Add(string.Join('\n', answer.Headers.Select(h => $"{h.Key}: {string.Join(',', h.Value)}")) + await answer.Content.ReadAsStringAsync());
        }
        answers.Add((await fan.GetPageAsync($"/c/{poll.Slug}")).Source);
        answers.Add(await (await Host.Admin.GetAsync($"/api/campaigns/{poll.Slug}")).Content.ReadAsStringAsync());

        Assert.All(Verify.Calls.Where(c => c["response"] == passed), c => Assert.Equal(FakeVerifyServer.Secret, c["secret"]));
        Assert.All(answers, a => Assert.DoesNotContain(FakeVerifyServer.Secret, a));
        var lines = fixture.Logs.Lines;
        Assert.Contains(lines, l => l.Contains("CAPTCHA", StringComparison.Ordinal));
        foreach (var secret in new[] { FakeVerifyServer.Secret, passed, "made-up-secret-probe", "down-secret-probe", "198.51.100.77" })
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ACampaignNamingAProviderThisEngineHasNoKeysForIsRefused()
    {
        using var created = await Host.Admin.PostAsJsonAsync("/api/campaigns", new PollBuilder().UniqueSlug("no-keys")
            .With("protection", new { captcha = new { provider = "recaptcha" } }).Build());

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        var problem = await created.Content.ReadFromJsonAsync<JsonElement>();
        var message = problem.GetProperty("errors").GetProperty("protection.captcha.provider")[0].GetString();
        Assert.Contains("Captcha__Providers__recaptcha__SiteKey", message);
        Assert.Contains("Captcha__Providers__recaptcha__Secret", message);
    }
}
