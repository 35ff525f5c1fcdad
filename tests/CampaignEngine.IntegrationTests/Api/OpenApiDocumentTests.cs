using System.Text.Json;
using System.Text.RegularExpressions;
using CampaignEngine.Campaigns;
using CampaignEngine.Contacts;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.Kinds;
using CampaignEngine.Pages.Localization;
using CampaignEngine.Polls;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.IntegrationTests.Api;

public sealed class OpenApiDocumentTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    [Fact]
    public async Task EveryPropertyOfEveryRequestBodyIsDescribed()
    {
        var doc = await OpenApiJson.ReadAsync(Host.Admin);
        var missing = new List<string>();
        var seen = new HashSet<string>();
        var bodies = 0;

        foreach (var (name, operation) in doc.Operations())
        {
            if (!operation.TryGetProperty("requestBody", out var body)) continue;
            foreach (var media in body.GetProperty("content").EnumerateObject())
            {
                bodies++;
                Walk(doc, media.Value.GetProperty("schema"), $"{name} {media.Name}", seen, missing);
            }
        }

        Assert.True(bodies >= 5, $"only {bodies} request bodies");
        Assert.Contains(nameof(CreateCampaignRequest), seen);
        Assert.Contains(nameof(PollSettingsRequest), seen);
        Assert.Contains(nameof(PollVoteRequest), seen);
        Assert.Contains(nameof(DuplicateRequest), seen);
        Assert.True(missing.Count == 0, "No description: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task TheCreateBodyStatesTheRulesTheValidatorChecks()
    {
        var doc = await OpenApiJson.ReadAsync(Host.Admin);
        var create = doc.Resolve(doc.RequestSchema("/api/campaigns", "post"));
        int Number(string path, string keyword) => doc.Property(create, path).GetProperty(keyword).GetInt32();
        string Text(string path, string keyword) => doc.Property(create, path).GetProperty(keyword).GetString()!;
        IReadOnlyList<string> Enum(string path) => OpenApiJson.Strings(doc.Property(create, path).GetProperty("enum"));

        Assert.Superset(new HashSet<string> { "kind", "title" }, OpenApiJson.Strings(create.GetProperty("required")).ToHashSet());
        Assert.False(create.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(Host.Services.GetRequiredService<CampaignKinds>().Names, Enum("kind"));
        Assert.Contains("poll", Enum("kind"));
        Assert.Equal((1, CampaignValidator.MaxTitle), (Number("title", "minLength"), Number("title", "maxLength")));
        Assert.Equal(CampaignValidator.MaxDescription, Number("description", "maxLength"));
        Assert.Equal((Slug.MinLength, Slug.MaxLength), (Number("slug", "minLength"), Number("slug", "maxLength")));
        var slug = new Regex(Text("slug", "pattern"));
        Assert.Matches(slug, "summer-flavour-2");
        Assert.DoesNotMatch(slug, "summer--flavour");
        Assert.DoesNotMatch(slug, "-summer");
        Assert.Equal(Locales.Supported, Enum("locale"));
        Assert.Equal(["off", "optional", "required"], Enum("contact.mode"));
        Assert.Contains("mode", OpenApiJson.Strings(doc.Property(create, "contact").GetProperty("required")));
        Assert.Equal(CampaignValidator.MaxConsentText, Number("contact.consentText", "maxLength"));
        Assert.Equal(TextOverrides.MaxOverrides, Number("texts", "maxProperties"));
        Assert.Matches(new Regex(Text("brand.accentColor", "pattern")), "#1f4fd1");
        Assert.Matches(new Regex(Text("brand.accentColor", "pattern")), "#fff");
        Assert.DoesNotMatch(new Regex(Text("brand.accentColor", "pattern")), "#1f4fd180");
        Assert.Equal("uri", Text("brand.rulesUrl", "format"));
        Assert.Equal("uri", Text("thanks.redirectUrl", "format"));
        Assert.Equal(CampaignValidator.MaxThanksMessage, Number("thanks.message", "maxLength"));
        Assert.Equal(CampaignValidator.MaxEmbedOrigins, Number("embedOrigins", "maxItems"));
        Assert.Equal("date-time", Text("startsAt", "format"));
        Assert.Equal("date-time", Text("endsAt", "format"));
        Assert.Contains("IANA", OpenApiJson.DescriptionOf(create.GetProperty("properties").GetProperty("timeZone")));
        Assert.Equal((0, CampaignProtection.MaxLimit), (Number("protection.perAddress.limit", "minimum"), Number("protection.perAddress.limit", "maximum")));
        Assert.Equal((CampaignProtection.MinWindowMinutes, CampaignProtection.MaxWindowMinutes),
            (Number("protection.perNetwork.windowMinutes", "minimum"), Number("protection.perNetwork.windowMinutes", "maximum")));

        Assert.Equal((PollSettingsValidator.MinOptions, PollSettingsValidator.MaxOptions), (Number("poll.options", "minItems"), Number("poll.options", "maxItems")));
        Assert.Contains("options", OpenApiJson.Strings(doc.Property(create, "poll").GetProperty("required")));
        Assert.Contains("label", OpenApiJson.Strings(doc.Resolve(doc.Property(create, "poll.options").GetProperty("items")).GetProperty("required")));
        Assert.Equal(PollSettingsValidator.MaxLabel, Number("poll.options.label", "maxLength"));
        Assert.Equal((1, PollSettingsValidator.MaxVotesPerVoter), (Number("poll.rules.votesPerVoter", "minimum"), Number("poll.rules.votesPerVoter", "maximum")));
        Assert.Equal(["campaign", "day"], Enum("poll.rules.period"));
        // The older contract's top-level fields are there, and marked as such.
        Assert.True(create.GetProperty("properties").GetProperty("options").GetProperty("deprecated").GetBoolean());
    }

    [Fact]
    public async Task TheVoteBodyStatesItsFormatsAndLimits()
    {
        var doc = await OpenApiJson.ReadAsync(Host.Admin);
        var vote = doc.RequestSchema("/c/{slug}/votes", "post");

        Assert.Equal("email", doc.Property(vote, "email").GetProperty("format").GetString());
        Assert.Equal(ContactRules.MaxEmail, doc.Property(vote, "email").GetProperty("maxLength").GetInt32());
        Assert.Equal(ContactRules.MaxName, doc.Property(vote, "name").GetProperty("maxLength").GetInt32());
        Assert.Equal(PollSettingsValidator.MaxOptions, doc.Property(vote, "optionIds").GetProperty("maxItems").GetInt32());
        Assert.Equal(vote.GetRawText(), doc.RequestSchema("/c/{slug}/votes", "post", "application/x-www-form-urlencoded").GetRawText());
    }

    [Fact]
    public async Task ResponsesAndTheListFiltersNameTheirValues()
    {
        var doc = await OpenApiJson.ReadAsync(Host.Admin);
        var campaign = doc.Component(nameof(CampaignResponse));
        var list = doc.Operation("/api/campaigns", "get").GetProperty("parameters").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p);

        Assert.Equal(["draft", "live", "closed", "archived"], OpenApiJson.Strings(doc.Property(campaign, "status").GetProperty("enum")));
        Assert.Equal(["contest", "poll", "survey"], OpenApiJson.Strings(doc.Property(campaign, "kind").GetProperty("enum")));
        Assert.Equal("#/components/schemas/PollSettingsRequest", campaign.GetProperty("properties").GetProperty("poll").GetProperty("$ref").GetString());
        Assert.False(campaign.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(new HashSet<string> { "status", "kind", "q", "pageSize", "continuationToken" }, list.Keys.ToHashSet());
        Assert.All(list.Values, p => Assert.False(string.IsNullOrWhiteSpace(OpenApiJson.DescriptionOf(p)), p.GetProperty("name").GetString()));
        Assert.Equal(["draft", "live", "closed", "archived", "all"], OpenApiJson.Strings(list["status"].GetProperty("schema").GetProperty("items").GetProperty("enum")));
        Assert.False(list["status"].GetProperty("explode").GetBoolean());
        Assert.Equal(["contest", "poll", "survey"], OpenApiJson.Strings(list["kind"].GetProperty("schema").GetProperty("enum")));
        Assert.Equal(CampaignListing.MaxPageSize, list["pageSize"].GetProperty("schema").GetProperty("maximum").GetInt32());
        Assert.Equal(CampaignListing.MaxSearch, list["q"].GetProperty("schema").GetProperty("maxLength").GetInt32());
    }

    [Fact]
    public async Task TheMergePatchBodyIsAnySubsetOfTheCreateBody()
    {
        var doc = await OpenApiJson.ReadAsync(Host.Admin);
        var patch = doc.Resolve(doc.RequestSchema("/api/campaigns/{slug}", "patch", "application/merge-patch+json"));
        var create = doc.Resolve(doc.RequestSchema("/api/campaigns", "post"));

        Assert.Contains("any subset of the create body", patch.GetProperty("description").GetString());
        Assert.False(patch.TryGetProperty("required", out _));
        Assert.Equal(create.GetProperty("properties").EnumerateObject().Select(p => p.Name), patch.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        // Objects merge, so the fields they require in a create body are optional in a patch.
        Assert.False(doc.Property(patch, "contact").TryGetProperty("required", out _));
        Assert.False(doc.Property(patch, "poll").TryGetProperty("required", out _));
        // Arrays replace, so each option still needs its label.
        Assert.Contains("label", OpenApiJson.Strings(doc.Resolve(doc.Property(patch, "poll.options").GetProperty("items")).GetProperty("required")));
    }

    [Fact]
    public async Task TheDocumentIntroducesTheApiAndPutsCampaignsFirst()
    {
        var doc = await OpenApiJson.ReadAsync(Host.Admin);
        var info = doc.Root.GetProperty("info");
        var tags = doc.Root.GetProperty("tags").EnumerateArray().ToList();

        Assert.Equal("CampaignEngine API", info.GetProperty("title").GetString());
        var introduction = info.GetProperty("description").GetString()!;
        foreach (var word in new[] { "draft", "live", "closed", "archived", "Authorization: Bearer", "\"poll\"" }) Assert.Contains(word, introduction);
        Assert.Equal(["Campaigns", "Fans", "Results", "Contacts"], tags.Take(4).Select(t => t.GetProperty("name").GetString()));
        Assert.All(tags, t => Assert.False(string.IsNullOrWhiteSpace(t.GetProperty("description").GetString())));
        var declared = tags.Select(t => t.GetProperty("name").GetString()).ToHashSet();
        foreach (var (name, operation) in doc.Operations())
        {
            Assert.False(string.IsNullOrWhiteSpace(operation.TryGetProperty("summary", out var summary) ? summary.GetString() : null), $"{name} has no summary");
            Assert.All(OpenApiJson.Strings(operation.GetProperty("tags")), tag => Assert.Contains(tag, declared));
        }
    }

    private static void Walk(OpenApiJson doc, JsonElement schema, string where, HashSet<string> seen, List<string> missing)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            if (seen.Add(name)) Walk(doc, doc.Component(name), name, seen, missing);
            return;
        }
        foreach (var keyword in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(keyword, out var choices)) foreach (var choice in choices.EnumerateArray()) Walk(doc, choice, where, seen, missing);
        }
        if (schema.TryGetProperty("items", out var items)) Walk(doc, items, where + "[]", seen, missing);
        if (schema.TryGetProperty("additionalProperties", out var values) && values.ValueKind == JsonValueKind.Object) Walk(doc, values, where + "{}", seen, missing);
        if (!schema.TryGetProperty("properties", out var properties)) return;
        foreach (var property in properties.EnumerateObject())
        {
            if (string.IsNullOrWhiteSpace(OpenApiJson.DescriptionOf(property.Value))) missing.Add($"{where}.{property.Name}");
            Walk(doc, property.Value, $"{where}.{property.Name}", seen, missing);
        }
    }
}
