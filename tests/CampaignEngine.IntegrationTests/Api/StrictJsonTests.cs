using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using CampaignEngine.IntegrationTests.Campaigns;
using CampaignEngine.IntegrationTests.Infrastructure;

namespace CampaignEngine.IntegrationTests.Api;

/// <summary>
/// Every JSON body the engine reads is read strictly: a field given twice, a number sent as a string
/// and a charset other than UTF-8 are refused, naming the field, and nothing is stored.
/// </summary>
public sealed class StrictJsonTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    [Theory]
    [InlineData("""{"kind":"poll","title":"A","title":"B","options":[{"label":"x"},{"label":"y"}]}""", "title")]
    [InlineData("""{"kind":"poll","title":"A","Title":"B","options":[{"label":"x"},{"label":"y"}]}""", "Title")]
    [InlineData("""{"kind":"poll","title":"A","options":[{"label":"x"},{"label":"y","label":"z"}]}""", "options[1].label")]
    [InlineData("""{"kind":"poll","title":"A","poll":{"options":[{"label":"x"},{"label":"y"}],"maxChoices":2,"maxChoices":1}}""", "poll.maxChoices")]
    [InlineData("""{"kind":"poll","title":"A","texts":{"vote":"Go","vote":"Run"},"options":[{"label":"x"},{"label":"y"}]}""", "texts.vote")]
    public async Task AFieldGivenTwiceIsRefusedByName(string json, string field)
    {
        var slug = "dup-" + Guid.NewGuid().ToString("N")[..12];
        var response = await PostAsync("/api/campaigns", json.Replace("\"kind\":\"poll\"", $"\"kind\":\"poll\",\"slug\":\"{slug}\"", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await CampaignApiTests.ValidationErrorsAsync(response);
        Assert.True(errors.ContainsKey(field), $"errors name '{field}': {string.Join(", ", errors.Keys)}");
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Admin.GetAsync($"/api/campaigns/{slug}")).StatusCode);
    }

    [Theory]
    [InlineData("""{"kind":"poll","title":"A","options":[{"label":"x"},{"label":"y"}],"rules":{"votesPerVoter":"3"}}""", "rules.votesPerVoter")]
    [InlineData("""{"kind":"poll","title":"A","poll":{"options":[{"label":"x"},{"label":"y"}],"maxChoices":"2"}}""", "poll.maxChoices")]
    [InlineData("""{"kind":"poll","title":"A","options":[{"label":"x"},{"label":"y"}],"contact":{"mode":"off","retentionDays":"30"}}""", "contact.retentionDays")]
    public async Task ANumberSentAsAStringIsRefusedByName(string json, string field)
    {
        var response = await PostAsync("/api/campaigns", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await CampaignApiTests.ValidationErrorsAsync(response);
        Assert.True(errors.ContainsKey(field), $"errors name '{field}': {string.Join(", ", errors.Keys)}");
    }

    [Theory]
    [InlineData("iso-8859-1")]
    [InlineData("utf-16")]
    [InlineData("windows-1252")]
    public async Task ACharsetOtherThanUtf8IsUnsupported(string charset)
    {
        var content = new ByteArrayContent(Encoding.Latin1.GetBytes("""{"kind":"poll","title":"Crème","options":[{"label":"x"},{"label":"y"}]}"""));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"application/json; charset={charset}");

        var response = await Host.Admin.PostAsync("/api/campaigns", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("UTF-8", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AMergePatchWithAFieldGivenTwiceChangesNothing()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("patchdup"), publish: false);
        var patch = new StringContent("""{"title":"One","title":"Two"}""", Encoding.UTF8, "application/merge-patch+json");

        var response = await Host.Admin.PatchAsync($"/api/campaigns/{poll.Slug}", patch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("title", (await CampaignApiTests.ValidationErrorsAsync(response)).Keys);
        var stored = await Host.Admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/campaigns/{poll.Slug}");
        Assert.Equal(poll.Title, stored.GetProperty("title").GetString());
    }

    [Fact]
    public async Task AMergePatchWithANumberAsAStringIsRefusedByName()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("patchnum"), publish: false);
        var patch = new StringContent("""{"rules":{"votesPerVoter":"2"}}""", Encoding.UTF8, "application/merge-patch+json");

        var response = await Host.Admin.PatchAsync($"/api/campaigns/{poll.Slug}", patch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await CampaignApiTests.ValidationErrorsAsync(response);
        Assert.True(errors.Keys.Any(k => k.EndsWith("votesPerVoter", StringComparison.Ordinal)), string.Join(", ", errors.Keys));
    }

    [Fact]
    public async Task AVoteWithItsOptionGivenTwiceIsNotCounted()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("votedup"));
        using var fan = Host.CreateClient();

        var response = await fan.PostAsync($"/c/{poll.Slug}/votes", new StringContent("""{"optionId":"choc","optionId":"van"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("optionId", (await CampaignApiTests.ValidationErrorsAsync(response)).Keys);
        Assert.Equal(HttpStatusCode.Accepted, (await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "van" })).StatusCode);
        await Host.WaitForTotalAsync(poll.Slug, 1);
    }

    [Fact]
    public async Task AVoteWithConsentAsAStringIsRefused()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("votestr"));
        using var fan = Host.CreateClient();

        var response = await fan.PostAsync($"/c/{poll.Slug}/votes", new StringContent("""{"optionId":"choc","consent":"true"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("consent", (await CampaignApiTests.ValidationErrorsAsync(response)).Keys);
    }

    private Task<HttpResponseMessage> PostAsync(string path, string json) =>
        Host.Admin.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
}
