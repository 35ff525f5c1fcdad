using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignEngine.Api;
using CampaignEngine.Branding;
using CampaignEngine.Kinds;
using CampaignEngine.Pages.Localization;

namespace CampaignEngine.Campaigns;

/// <summary>
/// Checks a create request (or a patched campaign document) and turns it into a campaign. The
/// fields every kind shares are checked here; the kind's section goes to the kind. Errors are
/// keyed by JSON field path, so the kind's errors sit under its section's name (or at the top
/// level when the request used the kind's top-level fields).
/// </summary>
public static class CampaignValidator
{
    public const int MaxTitle = 200;
    public const int MaxDescription = 2000;
    public const int MaxConsentText = 1000;
    public const int MinRetentionDays = 1;
    public const int MaxRetentionDays = 730;
    public const int MaxThanksMessage = 500;
    public const int MaxUrl = 2000;
    public const int MaxEmbedOrigins = 10;

    public sealed record Checked(KindSettings? Settings, ICampaignKind? Kind, FieldErrors Errors);

    /// <param name="captchaKeys">The engine's CAPTCHA keys, to refuse a provider it cannot verify with (null: not checked).</param>
    public static Checked Validate(CreateCampaignRequest request, CampaignKinds kinds, FairPlay.Captcha.CaptchaKeys? captchaKeys = null)
    {
        var errors = new FieldErrors();

        if (request.Slug is not null && !Slug.IsValid(request.Slug))
            errors.Add("slug", $"Use {Slug.MinLength} to {Slug.MaxLength} characters: lower-case letters a-z, digits and single hyphens inside.");

        var kind = kinds.Find(request.Kind);
        if (request.Kind is null) errors.Add("kind", $"Required. {kinds.Describe()}");
        else if (kind is null) errors.Add("kind", $"Unknown kind '{Shorten(request.Kind)}'. {kinds.Describe()}");

        CheckText(request.Title, "title", MaxTitle, required: true, errors);
        CheckText(request.Description, "description", MaxDescription, required: false, errors);

        if (request.Locale is not null && !Locales.IsSupported(request.Locale))
            errors.Add("locale", $"Unsupported locale. Supported: {string.Join(", ", Locales.Supported)}.");

        CheckContact(request.Contact, errors);

        if (request.StartsAt is { } starts && request.EndsAt is { } ends && ends <= starts)
            errors.Add("endsAt", "Must be later than startsAt.");

        if (CampaignTime.ValidateZoneId(request.TimeZone) is { } zoneProblem) errors.Add("timeZone", zoneProblem);
        // Which keys exist depends on the kind (the core's and its own); without one there is nothing to check them against.
        if (kind is not null)
        {
            foreach (var (field, messages) in TextOverrides.Validate(request.Texts, request.Locale ?? Locales.Default, kind, kinds.All))
            {
                foreach (var message in messages) errors.Add(field, message);
            }
        }
        CheckBrand(request.Brand, errors);
        CheckThanks(request.Thanks, errors);
        CheckEmbedOrigins(request.EmbedOrigins, errors);
        CampaignProtection.Check(request, errors, captchaKeys);
        Review.CampaignReview.Check(request.Review, errors);

        var settings = kind is null ? null : ReadSection(request, kind, kinds, errors);
        return new Checked(settings, kind, errors);
    }

    /// <summary>Refuses an end that has passed: a campaign that is over before it opens is a mistake.</summary>
    public static void CheckNotOver(DateTimeOffset? endsAt, DateTimeOffset now, FieldErrors errors)
    {
        if (endsAt is { } ends && ends <= now) errors.Add("endsAt", "Is in the past. Choose a later end, or none.");
    }

    /// <summary>
    /// The kind's section: <c>"poll": {…}</c>, or the kind's top-level fields gathered into one.
    /// Any other extra field is unknown (or owned by the server) and named as such.
    /// </summary>
    private static KindSettings? ReadSection(CreateCampaignRequest request, ICampaignKind kind, CampaignKinds kinds, FieldErrors errors)
    {
        JsonElement? section = null;
        var topLevel = new JsonObject();
        foreach (var (name, value) in request.Sections ?? [])
        {
            if (name == kind.Name)
            {
                if (value.ValueKind != JsonValueKind.Object) errors.Add(name, "Must be an object with the kind's settings.");
                else section = value;
            }
            else if (kind.TopLevelFields.Contains(name))
            {
                if (value.ValueKind == JsonValueKind.Null) continue;
                topLevel[name] = JsonNode.Parse(value.GetRawText());
            }
            else if (kinds.Find(name) is not null)
            {
                errors.Add(name, $"These are settings of '{name}' campaigns; this one is a '{kind.Name}'.");
            }
            else
            {
                errors.Add(name, JsonBody.IsServerOwned(name) ? $"'{name}' is set by the server and cannot be sent." : $"Unknown field '{name}'.");
            }
        }

        if (section is not null && topLevel.Count > 0)
        {
            errors.Add(kind.Name, $"Send the settings either in '{kind.Name}' or at the top level, not both.");
            return null;
        }
        if (section is { } inSection) return kind.ReadSettings(inSection, errors.Within(kind.Name));
        // The older contract put the settings at the top level, so their errors are named there too.
        var prefix = topLevel.Count > 0 ? "" : kind.Name;
        return kind.ReadSettings(JsonSerializer.SerializeToElement(topLevel), errors.Within(prefix));
    }

    public static void CheckText(string? value, string field, int max, bool required, FieldErrors errors)
    {
        if (value is null || value.Trim().Length == 0)
        {
            if (required) errors.Add(field, "Required.");
            return;
        }
        if (value.Length > max) errors.Add(field, $"At most {max} characters.");
        if (value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            errors.Add(field, "Control characters are not allowed.");
    }

    private static void CheckContact(ContactRequest? contact, FieldErrors errors)
    {
        if (contact is null) return;
        if (contact.Mode is not ("off" or "optional" or "required"))
            errors.Add("contact.mode", "Use 'off', 'optional' or 'required'.");
        if (contact.Mode is "optional" or "required")
            CheckText(contact.ConsentText, "contact.consentText", MaxConsentText, required: true, errors);
        if (contact.RetentionDays is < MinRetentionDays or > MaxRetentionDays)
            errors.Add("contact.retentionDays", $"Between {MinRetentionDays} and {MaxRetentionDays} days.");
    }

    private static void CheckBrand(BrandRequest? brand, FieldErrors errors)
    {
        if (brand is null) return;
        if (brand.AccentColor is not null && AccentColor.Validate(brand.AccentColor) is { } problem) errors.Add("brand.accentColor", problem);
        CheckUrl(brand.RulesUrl, "brand.rulesUrl", errors);
        CheckUrl(brand.PrivacyUrl, "brand.privacyUrl", errors);
    }

    private static void CheckThanks(ThanksRequest? thanks, FieldErrors errors)
    {
        if (thanks is null) return;
        CheckText(thanks.Message, "thanks.message", MaxThanksMessage, required: false, errors);
        CheckUrl(thanks.RedirectUrl, "thanks.redirectUrl", errors);
    }

    private static void CheckUrl(string? value, string field, FieldErrors errors)
    {
        if (value is null) return;
        if (value.Length > MaxUrl || !IsWebAddress(value)) errors.Add(field, "Use an absolute http:// or https:// address.");
    }

    public static bool IsWebAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0 && string.IsNullOrEmpty(uri.UserInfo);

    private static void CheckEmbedOrigins(List<string>? origins, FieldErrors errors)
    {
        if (origins is null) return;
        if (origins.Count > MaxEmbedOrigins) errors.Add("embedOrigins", $"At most {MaxEmbedOrigins} origins.");
        for (var i = 0; i < origins.Count; i++)
        {
            // An origin is scheme://host[:port] and nothing else: a path or a wildcard would widen the CSP.
            if (!Uri.TryCreate(origins[i], UriKind.Absolute, out var uri) || uri.Scheme != "https" || uri.GetLeftPart(UriPartial.Authority) != origins[i].TrimEnd('/')
                || !string.IsNullOrEmpty(uri.UserInfo))
                errors.Add($"embedOrigins[{i}]", "Use an https origin such as https://shop.example (no path, no wildcard).");
        }
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    /// <summary>Builds the draft campaign from a request that passed <see cref="Validate"/>.</summary>
    public static Campaign ToDraft(CreateCampaignRequest request, Checked valid, string slug, DateTimeOffset now, int shards) => new()
    {
        Slug = slug,
        Kind = valid.Kind!.Name,
        Title = request.Title!.Trim(),
        Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
        Locale = request.Locale ?? Locales.Default,
        Status = CampaignStatus.Draft,
        Settings = valid.Settings!,
        Contact = ContactOf(request.Contact),
        StartsAt = request.StartsAt,
        EndsAt = request.EndsAt,
        TimeZone = request.TimeZone,
        Texts = TextsOf(request.Texts),
        Brand = BrandOf(request.Brand),
        Thanks = ThanksOf(request.Thanks),
        EmbedOrigins = EmbedOriginsOf(request.EmbedOrigins),
        Protection = CampaignProtection.Of(request),
        Review = Review.CampaignReview.Of(request.Review),
        CreatedAt = now,
        Shards = shards,
    };

    public static IReadOnlyDictionary<string, string>? TextsOf(Dictionary<string, string>? texts) => texts is { Count: > 0 } ? new Dictionary<string, string>(texts) : null;

    public static BrandSettings BrandOf(BrandRequest? brand, BrandSettings? current = null) => new(
        brand?.AccentColor is { } accent ? Branding.RgbColor.Parse(accent).ToString() : null, brand?.RulesUrl, brand?.PrivacyUrl,
        current?.LogoPath, current?.CoverPath);

    public static ThanksSettings ThanksOf(ThanksRequest? thanks) =>
        new(string.IsNullOrWhiteSpace(thanks?.Message) ? null : thanks.Message.Trim(), thanks?.RedirectUrl);

    public static IReadOnlyList<string> EmbedOriginsOf(List<string>? origins) => origins?.Select(o => o.TrimEnd('/')).Distinct().ToList() ?? [];

    public static ContactSettings ContactOf(ContactRequest? contact) => contact is { } c
        ? new ContactSettings(Enum.Parse<ContactMode>(c.Mode!, ignoreCase: true), c.Mode == "off" ? null : c.ConsentText!.Trim(),
            c.RetentionDays ?? ContactSettings.DefaultRetentionDays)
        : new ContactSettings();
}
