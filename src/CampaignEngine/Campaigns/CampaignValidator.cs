using System.Text.RegularExpressions;

namespace CampaignEngine.Campaigns;

/// <summary>Checks a create request and turns it into a draft campaign. Errors are keyed by JSON field path.</summary>
public static partial class CampaignValidator
{
    public const int MaxTitle = 200;
    public const int MaxDescription = 2000;
    public const int MaxLabel = 200;
    public const int MinOptions = 2;
    public const int MaxOptions = 50;
    public const int MaxVotesPerVoter = 100;
    public const int MaxConsentText = 1000;

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$")]
    private static partial Regex OptionIdPattern();

    public static bool IsValidOptionId(string? id) => id is not null && OptionIdPattern().IsMatch(id);

    public static Dictionary<string, string[]> Validate(CreateCampaignRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) =>
            errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

        if (request.Slug is not null && !Slug.IsValid(request.Slug))
            Add("slug", $"Use {Slug.MinLength} to {Slug.MaxLength} characters: lower-case letters a-z, digits and single hyphens inside.");

        switch (request.Kind)
        {
            case null: Add("kind", "Required. Supported: poll."); break;
            case "poll": break;
            case "contest" or "giveaway" or "trivia" or "survey" or "ideas":
                Add("kind", $"'{request.Kind}' campaigns are not available yet. Supported: poll."); break;
            default: Add("kind", "Unknown kind. Supported: poll."); break;
        }

        CheckText(request.Title, "title", MaxTitle, required: true, Add);
        CheckText(request.Description, "description", MaxDescription, required: false, Add);

        if (request.Locale is not null && !Locales.IsSupported(request.Locale))
            Add("locale", $"Unsupported locale. Supported: {string.Join(", ", Locales.Supported)}.");

        CheckOptions(request.Options, Add);
        CheckRules(request.Rules, Add);
        CheckContact(request.Contact, Add);

        if (request.StartsAt is { } starts && request.EndsAt is { } ends && ends <= starts)
            Add("endsAt", "Must be later than startsAt.");

        return errors;
    }

    private static void CheckText(string? value, string field, int max, bool required, Action<string, string> add)
    {
        if (value is null || value.Trim().Length == 0)
        {
            if (required) add(field, "Required.");
            return;
        }
        if (value.Length > max) add(field, $"At most {max} characters.");
        if (value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            add(field, "Control characters are not allowed.");
    }

    private static void CheckOptions(List<OptionRequest?>? options, Action<string, string> add)
    {
        if (options is null || options.Count < MinOptions || options.Count > MaxOptions)
        {
            add("options", $"Give between {MinOptions} and {MaxOptions} options.");
            return;
        }

        var seenIds = new HashSet<string>();
        var seenLabels = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Count; i++)
        {
            var option = options[i];
            if (option is null)
            {
                add($"options[{i}]", "Must be an object with a label.");
                continue;
            }
            CheckText(option.Label, $"options[{i}].label", MaxLabel, required: true, add);
            if (option.Label is { } label && !seenLabels.Add(label.Trim()))
                add($"options[{i}].label", "Duplicate label.");
            if (option.Id is not null && !IsValidOptionId(option.Id))
                add($"options[{i}].id", "Use 1 to 32 characters: a-z, 0-9 and inner hyphens.");
            else if (option.Id is not null && !seenIds.Add(option.Id))
                add($"options[{i}].id", "Duplicate id.");
        }
    }

    private static void CheckRules(RulesRequest? rules, Action<string, string> add)
    {
        if (rules is null) return;
        if (rules.VotesPerVoter is < 1 or > MaxVotesPerVoter)
            add("rules.votesPerVoter", $"Between 1 and {MaxVotesPerVoter}.");
        if (rules.Period is not null and not ("campaign" or "day"))
            add("rules.period", "Use 'campaign' or 'day'.");
    }

    private static void CheckContact(ContactRequest? contact, Action<string, string> add)
    {
        if (contact is null) return;
        if (contact.Mode is not ("off" or "optional" or "required"))
            add("contact.mode", "Use 'off', 'optional' or 'required'.");
        if (contact.Mode is "optional" or "required")
            CheckText(contact.ConsentText, "contact.consentText", MaxConsentText, required: true, add);
    }

    /// <summary>Builds the draft campaign from a request that passed <see cref="Validate"/>.</summary>
    public static Campaign ToDraft(CreateCampaignRequest request, string slug, DateTimeOffset now, int shards)
    {
        var usedIds = new HashSet<string>(request.Options!.Select(o => o!.Id).OfType<string>());
        var next = 1;
        string NextId()
        {
            while (!usedIds.Add($"o{next}")) next++;
            return $"o{next}";
        }

        return new Campaign
        {
            Slug = slug,
            Kind = CampaignKind.Poll,
            Title = request.Title!.Trim(),
            Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
            Locale = request.Locale ?? Locales.Default,
            Status = CampaignStatus.Draft,
            Options = request.Options!.Select(o => new PollOption(o!.Id ?? NextId(), o.Label!.Trim())).ToList(),
            Rules = new VotingRules(
                request.Rules?.VotesPerVoter ?? 1,
                request.Rules?.Period == "day" ? VotingPeriod.Day : VotingPeriod.Campaign),
            Contact = request.Contact is { } c
                ? new ContactSettings(Enum.Parse<ContactMode>(c.Mode!, ignoreCase: true), c.Mode == "off" ? null : c.ConsentText!.Trim())
                : new ContactSettings(),
            StartsAt = request.StartsAt,
            EndsAt = request.EndsAt,
            CreatedAt = now,
            Shards = shards,
        };
    }
}
