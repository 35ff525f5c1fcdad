using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using CampaignEngine.Api;
using CampaignEngine.Contacts;
using CampaignEngine.Kinds;

namespace CampaignEngine.Surveys;

/// <summary>
/// A response: as JSON, every answer at once; as a form, one page at a time (<see cref="Page"/> and <see cref="Nav"/>
/// say which page was posted and which button; the answers of the other pages travel along as hidden fields).
/// </summary>
[Description("A completed response: the answers by question id, and the contact details the survey asks for.")]
[OpenApiExample("""
    {
      "responseId": "3f2b8c1e-8d4a-4e52-9a57-0c6f1d2e7b90",
      "answers": { "dish": "other", "dish.other": "Cold almond soup", "nps": 6, "why": "More vegetarian dishes.", "visits": 4 }
    }
    """)]
public sealed record SurveyResponseRequest : IFanInput
{
    [MaxLength(100)]
    [Description("Your id for this response (for example a UUID): sending it again is safe, the response is counted once. Optional.")]
    public string? ResponseId { get; init; }

    [Required]
    [Description("Answers by question id. single, dropdown: the option id (\"other\" with the text under \"{id}.other\"). multiple: an array of option ids. " +
                 "rating, nps, number: a number. matrix: an object of row id → column id. ranking: the option ids, best first. " +
                 "shortText, longText, email, date (\"2026-07-01\"): a string. consent: true. Answers to questions the logic skips are ignored.")]
    public Dictionary<string, JsonElement>? Answers { get; init; }

    [Description("Values of the survey's hidden fields, by name (what a link's query string carries, such as the source of a campaign).")]
    public Dictionary<string, string>? Hidden { get; init; }

    [EmailAddress, MaxLength(ContactRules.MaxEmail)]
    [Description("The fan's email address, when the survey's contact mode is optional or required; dropped when it is off.")]
    public string? Email { get; init; }

    [MaxLength(ContactRules.MaxName), Description("The fan's name, optional; kept only with consent.")]
    public string? Name { get; init; }

    [Description("true when the fan ticked the consent box (the survey's consentText).")]
    public bool? Consent { get; init; }

    /// <summary>The raw fields of a form post (<c>q.{key}</c> without the prefix); null for JSON, whose answers are turned into them.</summary>
    [JsonIgnore] public IReadOnlyDictionary<string, IReadOnlyList<string>>? Fields { get; init; }

    /// <summary>When the fan's first Next was taken (a form's <c>ce_started</c>), for the time to complete.</summary>
    [JsonIgnore] public DateTimeOffset? StartedAt { get; init; }

    /// <summary>The id of the page a form post comes from.</summary>
    [JsonIgnore] public string? Page { get; init; }

    /// <summary>The button pressed on a form's page: <see cref="Next"/> (also the last page's Submit) or <see cref="Back"/>.</summary>
    [JsonIgnore] public string? Nav { get; init; }

    /// <summary>The id this response takes if it has none yet (its first step mints it); the same for the check and the page it leads to.</summary>
    [JsonIgnore] public string? MintedId { get; init; }

    public const string Next = "next";
    public const string Back = "back";

    /// <summary>Not a button: a kept draft, shown at the page it was left on.</summary>
    public const string Resume = "resume";

    string? IFanInput.IdempotencyKey => ResponseId;
}
