using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignEngine.Api;
using CampaignEngine.Kinds;

namespace CampaignEngine.Campaigns;

/// <summary>
/// Edits campaigns with JSON merge patches. A draft may change in every field; once fans can take
/// part, only what cannot change a counted result may (texts, a later end, what the kind allows),
/// and each refused field is named with the reason.
/// </summary>
public sealed class CampaignEditor(
    CampaignUpdates updates, CampaignKinds kinds, FairPlay.Captcha.CaptchaKeys captchaKeys, TimeProvider time, ILogger<CampaignEditor> logger)
{
    public sealed record Outcome(
        StoredCampaign? Stored,
        bool NotFound = false,
        bool Stale = false,
        Dictionary<string, string[]>? Invalid = null,
        Dictionary<string, string[]>? Refused = null,
        string? Error = null);

    public async Task<Outcome> PatchAsync(string slug, JsonObject patch, string? ifMatch, CancellationToken cancellationToken)
    {
        var update = await updates.ApplyAsync<Outcome>(slug, ifMatch, stored =>
        {
            if (stored.Campaign.Status == CampaignStatus.Archived) return new CampaignChange<Outcome>.Stop(new Outcome(null, Error: "An archived campaign cannot change."));
            var edit = Edit(stored.Campaign, patch, kinds, time.GetUtcNow(), captchaKeys);
            return edit.Stored is { } next ? new CampaignChange<Outcome>.Replace(next.Campaign) : new CampaignChange<Outcome>.Stop(edit);
        }, cancellationToken);

        switch (update.Status)
        {
            case CampaignUpdateStatus.Saved:
                logger.LogInformation("Campaign {Slug} was edited", slug);
                return new Outcome(update.Saved);
            case CampaignUpdateStatus.Stopped: return update.Answer!;
            case CampaignUpdateStatus.NotFound: return new Outcome(null, NotFound: true);
            case CampaignUpdateStatus.Stale: return new Outcome(null, Stale: true);
            default: return new Outcome(null, Error: "The campaign changed while this request ran; try again.");
        }
    }

    /// <summary>The campaign after the patch, or why it cannot be; storage is not touched.</summary>
    internal static Outcome Edit(
        Campaign current, JsonObject patch, CampaignKinds kinds, DateTimeOffset now, FairPlay.Captcha.CaptchaKeys? captchaKeys = null)
    {
        var kind = kinds.Get(current.Kind);
        var patched = MergePatch.Apply(Document(current, kind), InSection(patch, kind)) as JsonObject ?? new JsonObject();
        CampaignProtection.KeepOffs(patch, patched);

        CreateCampaignRequest request;
        try
        {
            request = patched.Deserialize<CreateCampaignRequest>(EngineJson.Strict)!;
        }
        catch (JsonException ex)
        {
            return new Outcome(null, Invalid: JsonBody.Describe(ex));
        }

        var refused = new FieldErrors();
        if (request.Slug != current.Slug) refused.Add("slug", "A campaign's slug cannot change (links and QR codes use it); duplicate the campaign for a new one.");
        if (request.Kind != current.Kind) refused.Add("kind", "A campaign's kind cannot change; create a new campaign of the other kind.");
        if (refused.Any) return new Outcome(null, Refused: refused.ToDictionary());

        var valid = CampaignValidator.Validate(request, kinds, captchaKeys);
        if (request.EndsAt != current.EndsAt) CampaignValidator.CheckNotOver(request.EndsAt, now, valid.Errors);
        if (valid.Errors.Any) return new Outcome(null, Invalid: valid.Errors.ToDictionary());

        var next = current with
        {
            Title = request.Title!.Trim(),
            Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
            Locale = request.Locale ?? Locales.Default,
            Contact = CampaignValidator.ContactOf(request.Contact),
            StartsAt = request.StartsAt,
            EndsAt = request.EndsAt,
            TimeZone = request.TimeZone,
            Texts = CampaignValidator.TextsOf(request.Texts),
            Brand = CampaignValidator.BrandOf(request.Brand, current.Brand),
            Thanks = CampaignValidator.ThanksOf(request.Thanks),
            EmbedOrigins = CampaignValidator.EmbedOriginsOf(request.EmbedOrigins),
            // Any limit may change while live, tighter or looser: what was counted stays counted.
            Protection = CampaignProtection.Of(request),
            // Review may change while live too: it decides what happens to what comes next.
            Review = Review.CampaignReview.Of(request.Review),
            Settings = valid.Settings!,
        };
        if (current.Status != CampaignStatus.Draft)
        {
            CheckLiveChange(current, next, now, refused);
            kind.CheckLiveChange(current.Settings, next.Settings, refused.Within(kind.Name));
            if (refused.Any) return new Outcome(null, Refused: refused.ToDictionary());
        }
        return new Outcome(new StoredCampaign(next, default));
    }

    /// <summary>What a campaign fans have seen may still change, of the fields every kind shares.</summary>
    private static void CheckLiveChange(Campaign before, Campaign after, DateTimeOffset now, FieldErrors refused)
    {
        var started = before.StartsAt is not { } start || start <= now;
        if (after.StartsAt != before.StartsAt && (started || after.StartsAt is not { } newStart || newStart <= now))
            refused.Add("startsAt", started
                ? "The campaign has started; its start cannot move."
                : "A start that is not yet reached may only move to another time in the future.");
        if (after.EndsAt != before.EndsAt)
        {
            if (before.Status == CampaignStatus.Closed)
                refused.Add("endsAt", "The campaign is closed; its end cannot change.");
            else if (after.EndsAt is { } newEnd && (before.EndsAt is null || newEnd < before.EndsAt))
                refused.Add("endsAt", "An earlier end would cut off fans who expect to take part; close the campaign instead.");
        }
        if (after.TimeZone != before.TimeZone)
            refused.Add("timeZone", "\"Per day\" allowances of fans who took part follow the current zone; it cannot change now.");
        if (after.Contact.Mode != before.Contact.Mode)
            refused.Add("contact.mode", "Fans have taken part under the current contact mode; it cannot change now.");
        if (before.Contact.Mode == ContactMode.Required && after.Contact.RetentionDays > before.Contact.RetentionDays)
            refused.Add("contact.retentionDays", "Fans were told how long their details are kept; the period may only get shorter now.");
    }

    /// <summary>The campaign as a create request would describe it: what a merge patch applies to.</summary>
    internal static JsonObject Document(Campaign campaign, ICampaignKind kind)
    {
        var document = JsonSerializer.SerializeToNode(new CreateCampaignRequest
        {
            Slug = campaign.Slug,
            Kind = campaign.Kind,
            Title = campaign.Title,
            Description = campaign.Description,
            Locale = campaign.Locale,
            Contact = new ContactRequest
            {
                Mode = JsonNamingPolicy.CamelCase.ConvertName(campaign.Contact.Mode.ToString()),
                ConsentText = campaign.Contact.ConsentText,
                RetentionDays = campaign.Contact.RetentionDays,
            },
            StartsAt = campaign.StartsAt,
            EndsAt = campaign.EndsAt,
            TimeZone = campaign.TimeZone,
            Texts = campaign.Texts is null ? null : new Dictionary<string, string>(campaign.Texts),
            Brand = new BrandRequest { AccentColor = campaign.Brand.AccentColor, RulesUrl = campaign.Brand.RulesUrl, PrivacyUrl = campaign.Brand.PrivacyUrl },
            Thanks = new ThanksRequest { Message = campaign.Thanks.Message, RedirectUrl = campaign.Thanks.RedirectUrl },
            EmbedOrigins = campaign.EmbedOrigins.Count == 0 ? null : [.. campaign.EmbedOrigins],
            Protection = CampaignProtection.Describe(campaign.Protection),
            Review = Review.CampaignReview.Describe(campaign.Review),
        }, EngineJson.Options)!.AsObject();
        foreach (var name in document.Where(p => p.Value is null).Select(p => p.Key).ToList()) document.Remove(name);
        document[kind.Name] = kind.Describe(campaign.Settings);
        return document;
    }

    /// <summary>A patch may name the kind's top-level fields (the older contract); they belong in its section.</summary>
    private static JsonObject InSection(JsonObject patch, ICampaignKind kind)
    {
        var result = (JsonObject)patch.DeepClone();
        foreach (var name in kind.TopLevelFields)
        {
            if (!result.ContainsKey(name)) continue;
            var value = result[name]?.DeepClone();
            result.Remove(name);
            if (result[kind.Name] is not JsonObject section) result[kind.Name] = section = new JsonObject();
            section[name] = value;
        }
        return result;
    }
}
