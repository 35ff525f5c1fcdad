using System.Text.Json;
using CampaignEngine.Campaigns;
using CampaignEngine.Kinds;

namespace CampaignEngine.Contests;

/// <summary>Checks a contest section and turns it into settings; errors are named relative to the section.</summary>
public static class ContestSettingsValidator
{
    public const int MaxTitleLength = 200;
    public const int MaxCaptionLength = 5000;
    public const int MaxEntriesPerParticipant = 100;
    public const int MaxFlagThreshold = 1000;
    public const int MaxVotesPerEntry = 100;
    public const int MaxVotesAcross = 100_000;
    public const int MaxWinners = 100;
    public const int MaxCriteria = 10;
    public const int MaxCriterionLabel = 100;

    private static readonly ContestSettings Defaults = new();

    public static ContestSettings? Validate(ContestSettingsRequest request, FieldErrors errors)
    {
        var before = errors.Count;
        var entryType = Choice(request.EntryType, "entryType", Defaults.EntryType, errors);
        var titleMaxLength = InRange(request.TitleMaxLength, "titleMaxLength", 1, MaxTitleLength, Defaults.TitleMaxLength, errors);
        var captionMaxLength = InRange(request.CaptionMaxLength, "captionMaxLength", 0, MaxCaptionLength, Defaults.CaptionMaxLength, errors);
        var entriesPerParticipant = InRange(
            request.EntriesPerParticipant, "entriesPerParticipant", 1, MaxEntriesPerParticipant, Defaults.EntriesPerParticipant, errors);
        var entryWindow = Window(request.EntryWindow, "entryWindow", errors);
        var votingWindow = Window(request.VotingWindow, "votingWindow", errors);
        // Closing exactly as entries open would leave no moment with both an entry and an open vote.
        if (entryWindow.OpensAt is { } entriesOpen && votingWindow.ClosesAt is { } votingCloses && votingCloses <= entriesOpen)
            errors.Add("votingWindow.closesAt", "Must be later than entryWindow.opensAt, or there is nothing to vote on.");
        var moderation = Choice(request.Moderation, "moderation", Defaults.Moderation, errors);
        var flagThreshold = InRange(request.FlagThreshold, "flagThreshold", 1, MaxFlagThreshold, Defaults.FlagThreshold, errors);
        var voting = Voting(request.Voting, errors);
        var winners = Winners(request.Winners, errors);
        var criteria = Criteria(request.Criteria, winners?.Basis, errors);

        if (errors.Count > before) return null;
        return new ContestSettings
        {
            EntryType = entryType!.Value,
            TitleMaxLength = titleMaxLength,
            CaptionMaxLength = captionMaxLength,
            EntriesPerParticipant = entriesPerParticipant,
            EntryWindow = entryWindow,
            VotingWindow = votingWindow,
            Moderation = moderation!.Value,
            FlagThreshold = flagThreshold,
            Voting = voting!,
            Winners = winners!,
            Criteria = criteria,
        };
    }

    private static int InRange(int? value, string field, int min, int max, int fallback, FieldErrors errors)
    {
        if (value < min || value > max) errors.Add(field, $"Between {min} and {max}.");
        return value ?? fallback;
    }

    /// <summary>The enum member whose JSON name is <paramref name="value"/>; null (and an error naming the allowed values) for any other string.</summary>
    private static TEnum? Choice<TEnum>(string? value, string field, TEnum fallback, FieldErrors errors) where TEnum : struct, Enum
    {
        if (value is null) return fallback;
        var choices = Enum.GetValues<TEnum>();
        foreach (var choice in choices)
        {
            if (NameOf(choice) == value) return choice;
        }
        var quoted = choices.Select(c => $"'{NameOf(c)}'").ToList();
        errors.Add(field, $"Use {string.Join(", ", quoted[..^1])} or {quoted[^1]}.");
        return null;
    }

    private static string NameOf<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static TimeWindow Window(ContestWindowRequest? window, string field, FieldErrors errors)
    {
        if (window is null) return new TimeWindow(null, null);
        if (window.OpensAt is { } opens && window.ClosesAt is { } closes && closes <= opens)
            errors.Add($"{field}.closesAt", "Must be later than opensAt.");
        return new TimeWindow(window.OpensAt, window.ClosesAt);
    }

    private static ContestVoting? Voting(ContestVotingRequest? voting, FieldErrors errors)
    {
        if (voting is null) return Defaults.Voting;
        var votesPerEntry = InRange(voting.VotesPerEntry, "voting.votesPerEntry", 1, MaxVotesPerEntry, Defaults.Voting.VotesPerEntry, errors);
        var period = Choice(voting.Period, "voting.period", Defaults.Voting.Period, errors);
        if (voting.PerDay is < 1 or > MaxVotesAcross) errors.Add("voting.perDay", $"Between 1 and {MaxVotesAcross}, or null for no daily cap.");
        if (voting.PerCampaign is < 1 or > MaxVotesAcross) errors.Add("voting.perCampaign", $"Between 1 and {MaxVotesAcross}, or null for no cap.");
        if (voting.PerDay > voting.PerCampaign)
            errors.Add("voting.perDay", "More than perCampaign: the daily cap could never be reached; lower it or send null.");
        return period is { } valid ? new ContestVoting(votesPerEntry, valid, voting.PerDay, voting.PerCampaign) : null;
    }

    private static WinnerRule? Winners(ContestWinnersRequest? winners, FieldErrors errors)
    {
        if (winners is null) return Defaults.Winners;
        var basis = Choice(winners.Basis, "winners.basis", Defaults.Winners.Basis, errors);
        var count = InRange(winners.Count, "winners.count", 1, MaxWinners, Defaults.Winners.Count, errors);
        if (winners.PublicWeight is { } weight)
        {
            if (basis is { } chosen && chosen != WinnerBasis.Blend)
                errors.Add("winners.publicWeight", $"Only for the 'blend' basis; the '{NameOf(chosen)}' basis has no weight to set (send null to remove it).");
            else if (weight is not (>= 0 and <= 1))
                errors.Add("winners.publicWeight", "Between 0 and 1.");
        }
        return basis is { } valid ? new WinnerRule(valid, count, winners.PublicWeight ?? Defaults.Winners.PublicWeight) : null;
    }

    /// <param name="basis">Null when the basis itself was invalid: whether criteria belong cannot be told then.</param>
    private static IReadOnlyList<JuryCriterion> Criteria(List<ContestCriterionRequest?>? criteria, WinnerBasis? basis, FieldErrors errors)
    {
        var given = criteria ?? [];
        if (basis == WinnerBasis.Votes && given.Count > 0)
        {
            errors.Add("criteria", "Only jurors use criteria, and the 'votes' basis has none; send null to remove them, or choose the 'jury' or 'blend' basis.");
            return [];
        }
        if (basis is WinnerBasis.Jury or WinnerBasis.Blend && given.Count == 0)
        {
            errors.Add("criteria", $"The '{NameOf(basis.Value)}' basis needs at least 1 criterion for jurors to score entries on.");
            return [];
        }
        if (given.Count > MaxCriteria)
        {
            errors.Add("criteria", $"At most {MaxCriteria} criteria.");
            return [];
        }

        var seenIds = new HashSet<string>();
        var seenLabels = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < given.Count; i++)
        {
            var criterion = given[i];
            if (criterion is null)
            {
                errors.Add($"criteria[{i}]", "Must be an object with a label.");
                continue;
            }
            CampaignValidator.CheckText(criterion.Label, $"criteria[{i}].label", MaxCriterionLabel, required: true, errors);
            if (criterion.Label is { } label && !seenLabels.Add(label.Trim()))
                errors.Add($"criteria[{i}].label", "Duplicate label.");
            if (criterion.Id is not null && !ItemIds.IsValid(criterion.Id))
                errors.Add($"criteria[{i}].id", ItemIds.Rule);
            else if (criterion.Id is not null && !seenIds.Add(criterion.Id))
                errors.Add($"criteria[{i}].id", "Duplicate id.");
        }
        return WithIds(given);
    }

    /// <summary>Gives each criterion without an id the first of c1, c2… that no other criterion has.</summary>
    private static List<JuryCriterion> WithIds(List<ContestCriterionRequest?> criteria)
    {
        var usedIds = criteria.Select(c => c?.Id).OfType<string>().ToHashSet();
        var next = 1;
        string NextId()
        {
            while (!usedIds.Add($"c{next}")) next++;
            return $"c{next}";
        }

        return criteria.OfType<ContestCriterionRequest>().Select(c => new JuryCriterion(c.Id ?? NextId(), c.Label?.Trim() ?? "")).ToList();
    }

    /// <summary>The settings as the request that gives them, for the API to show and for merge patches to edit.</summary>
    public static ContestSettingsRequest Describe(ContestSettings settings) => new()
    {
        EntryType = NameOf(settings.EntryType),
        TitleMaxLength = settings.TitleMaxLength,
        CaptionMaxLength = settings.CaptionMaxLength,
        EntriesPerParticipant = settings.EntriesPerParticipant,
        EntryWindow = new ContestWindowRequest { OpensAt = settings.EntryWindow.OpensAt, ClosesAt = settings.EntryWindow.ClosesAt },
        VotingWindow = new ContestWindowRequest { OpensAt = settings.VotingWindow.OpensAt, ClosesAt = settings.VotingWindow.ClosesAt },
        Moderation = NameOf(settings.Moderation),
        FlagThreshold = settings.FlagThreshold,
        Voting = new ContestVotingRequest
        {
            VotesPerEntry = settings.Voting.VotesPerEntry,
            Period = NameOf(settings.Voting.Period),
            PerDay = settings.Voting.PerDay,
            PerCampaign = settings.Voting.PerCampaign,
        },
        // Shown only where the validator accepts them, so the description reads back as the same settings.
        Winners = new ContestWinnersRequest
        {
            Basis = NameOf(settings.Winners.Basis),
            Count = settings.Winners.Count,
            PublicWeight = settings.Winners.Basis == WinnerBasis.Blend ? settings.Winners.PublicWeight : null,
        },
        Criteria = settings.Criteria.Count == 0
            ? null
            : settings.Criteria.Select(c => (ContestCriterionRequest?)new ContestCriterionRequest { Id = c.Id, Label = c.Label }).ToList(),
    };

    /// <summary>
    /// Once fans have taken part, what an entry is, how many each fan may send, how votes count and
    /// how winners are chosen stay, and criteria jurors may have scored stay; dates, moderation,
    /// the number of winners and limits on what comes next may change.
    /// </summary>
    public static void CheckLiveChange(ContestSettings before, ContestSettings after, FieldErrors refused)
    {
        if (after.EntryType != before.EntryType)
            refused.Add("entryType", "Fans have sent entries of this type; it cannot change now.");
        if (after.EntriesPerParticipant != before.EntriesPerParticipant)
            refused.Add("entriesPerParticipant", "Fans have sent entries under this allowance; changing it would treat fans differently by when they took part.");
        if (after.Voting.VotesPerEntry != before.Voting.VotesPerEntry)
            refused.Add("voting.votesPerEntry", "Fans have voted under this allowance; changing it would count later votes differently.");
        if (after.Voting.Period != before.Voting.Period)
            refused.Add("voting.period", "Fans have voted under this period; changing it would count later votes differently.");
        if (after.Voting.PerDay != before.Voting.PerDay)
            refused.Add("voting.perDay", "Fans have voted under this daily cap; changing it would count later votes differently.");
        if (after.Voting.PerCampaign != before.Voting.PerCampaign)
            refused.Add("voting.perCampaign", "Fans have voted under this cap; changing it would count later votes differently.");
        if (after.Winners.Basis != before.Winners.Basis)
            refused.Add("winners.basis", "Fans took part expecting the winners to be chosen this way; the basis cannot change now.");
        // A weight of 0 or 1 would be the jury or the public alone: a change of basis by another name.
        else if (after.Winners.PublicWeight != before.Winners.PublicWeight)
            refused.Add("winners.publicWeight", "Fans took part expecting the public vote to weigh this much; the weight cannot change now.");

        var kept = after.Criteria.Select(c => c.Id).ToHashSet();
        var removed = before.Criteria.Where(c => !kept.Contains(c.Id)).Select(c => c.Id).ToList();
        if (removed.Count > 0)
            refused.Add("criteria", $"Jurors may already have scored {string.Join(", ", removed)}; criteria can be added or relabelled but not removed.");
    }
}
