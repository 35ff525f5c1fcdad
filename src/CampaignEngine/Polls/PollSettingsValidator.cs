using CampaignEngine.Campaigns;
using CampaignEngine.Kinds;

namespace CampaignEngine.Polls;

/// <summary>Checks a poll section and turns it into settings; errors are named relative to the section.</summary>
public static class PollSettingsValidator
{
    public const int MaxLabel = 200;
    public const int MinOptions = 2;
    public const int MaxOptions = 50;
    public const int MaxVotesPerVoter = 100;

    public const string OptionIdPatternText = ItemIds.PatternText;

    public static bool IsValidOptionId(string? id) => ItemIds.IsValid(id);

    public static PollSettings? Validate(PollSettingsRequest request, FieldErrors errors)
    {
        var before = errors.Count;
        CheckOptions(request.Options, errors);
        CheckRules(request.Rules, errors);
        var count = request.Options?.Count ?? 0;
        var min = request.MinChoices ?? 1;
        var max = request.MaxChoices ?? Math.Max(1, min);
        if (min < 1) errors.Add("minChoices", "At least 1.");
        if (max < 1) errors.Add("maxChoices", "At least 1.");
        if (min > max) errors.Add("minChoices", "Cannot be more than maxChoices.");
        if (count >= MinOptions && max > count) errors.Add("maxChoices", $"Cannot be more than the {count} options.");
        return errors.Count > before ? null : ToSettings(request, min, max);
    }

    private static void CheckOptions(List<OptionRequest?>? options, FieldErrors errors)
    {
        if (options is null || options.Count < MinOptions || options.Count > MaxOptions)
        {
            errors.Add("options", $"Give between {MinOptions} and {MaxOptions} options.");
            return;
        }

        var seenIds = new HashSet<string>();
        var seenLabels = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Count; i++)
        {
            var option = options[i];
            if (option is null)
            {
                errors.Add($"options[{i}]", "Must be an object with a label.");
                continue;
            }
            CampaignValidator.CheckText(option.Label, $"options[{i}].label", MaxLabel, required: true, errors);
            if (option.Label is { } label && !seenLabels.Add(label.Trim()))
                errors.Add($"options[{i}].label", "Duplicate label.");
            if (option.Id is not null && !IsValidOptionId(option.Id))
                errors.Add($"options[{i}].id", ItemIds.Rule);
            else if (option.Id is not null && !seenIds.Add(option.Id))
                errors.Add($"options[{i}].id", "Duplicate id.");
        }
    }

    private static void CheckRules(RulesRequest? rules, FieldErrors errors)
    {
        if (rules is null) return;
        if (rules.VotesPerVoter is < 1 or > MaxVotesPerVoter)
            errors.Add("rules.votesPerVoter", $"Between 1 and {MaxVotesPerVoter}.");
        if (rules.Period is not null and not ("campaign" or "day"))
            errors.Add("rules.period", "Use 'campaign' or 'day'.");
    }

    private static PollSettings ToSettings(PollSettingsRequest request, int min, int max)
    {
        var usedIds = new HashSet<string>(request.Options!.Select(o => o!.Id).OfType<string>());
        var next = 1;
        string NextId()
        {
            while (!usedIds.Add($"o{next}")) next++;
            return $"o{next}";
        }

        return new PollSettings
        {
            Options = request.Options!.Select(o => new PollOption(o!.Id ?? NextId(), o.Label!.Trim())).ToList(),
            Rules = new VotingRules(
                request.Rules?.VotesPerVoter ?? 1,
                request.Rules?.Period == "day" ? VotingPeriod.Day : VotingPeriod.Campaign),
            MinChoices = min,
            MaxChoices = max,
            HideResultsUntilClosed = request.HideResultsUntilClosed ?? false,
        };
    }

    /// <summary>Once votes may have been counted, options can be added and relabelled, but not removed, and the rules stay.</summary>
    public static void CheckLiveChange(PollSettings before, PollSettings after, FieldErrors refused)
    {
        var kept = after.Options.Select(o => o.Id).ToHashSet();
        var removed = before.Options.Where(o => !kept.Contains(o.Id)).Select(o => o.Id).ToList();
        if (removed.Count > 0)
            refused.Add("options", $"Votes may already be counted for {string.Join(", ", removed)}; options can be added or relabelled but not removed.");
        if (after.Rules != before.Rules)
            refused.Add("rules", "Fans have voted under these rules; changing them would count later votes differently.");
        if (after.MinChoices != before.MinChoices || after.MaxChoices != before.MaxChoices)
            refused.Add(after.MinChoices != before.MinChoices ? "minChoices" : "maxChoices",
                "Fans have voted with this number of choices; it cannot change now.");
    }
}
