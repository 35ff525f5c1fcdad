using CampaignEngine.Campaigns;
using CampaignEngine.Polls;
using static CampaignEngine.UnitTests.Kinds.TestKinds;

namespace CampaignEngine.UnitTests.Campaigns;

public sealed class CampaignValidatorTests
{
    private static readonly object TwoOptions = new[] { new { id = (string?)null, label = "Chocolate" }, new { id = (string?)"van", label = "Vanilla" } };

    private static CreateCampaignRequest Valid(object? fields = null) => new()
    {
        Kind = "poll",
        Title = "Next flavour?",
        Sections = Fields(fields ?? new { poll = new { options = TwoOptions } }),
    };

    private static IReadOnlyCollection<string> Errors(CreateCampaignRequest request) =>
        CampaignValidator.Validate(request, All).Errors.ToDictionary().Keys;

    [Fact]
    public void AMinimalPollIsValid() => Assert.Empty(Errors(Valid()));

    [Fact]
    public void TheOlderTopLevelPollFieldsAreValidToo() => Assert.Empty(Errors(Valid(new { options = TwoOptions })));

    [Fact]
    public void KindAndTitleAreRequired()
    {
        var errors = Errors(Valid() with { Kind = null, Title = "   " });
        Assert.Contains("kind", errors);
        Assert.Contains("title", errors);
    }

    [Theory]
    [InlineData("raffle")]
    [InlineData("lottery")]
    public void AnUnknownKindIsRefusedWithTheKindsAvailable(string kind)
    {
        var errors = CampaignValidator.Validate(Valid() with { Kind = kind }, All).Errors.ToDictionary();
        Assert.Contains("Available kinds: contest, poll, survey.", errors["kind"].Single());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(51)]
    public void APollNeedsTwoToFiftyOptions(int count)
    {
        var options = Enumerable.Range(0, count).Select(i => new { label = $"Option {i}" }).ToArray();
        Assert.Contains("poll.options", Errors(Valid(new { poll = new { options } })));
        Assert.Contains("options", Errors(Valid(new { options })));
    }

    [Fact]
    public void DuplicateOptionIdsAndLabelsAreNamedByIndexInsideTheSection()
    {
        var errors = Errors(Valid(new { poll = new { options = new[] { new { id = "a", label = "Same" }, new { id = "a", label = "same" }, new { id = "Bad Id", label = "Other" } } } }));
        Assert.Contains("poll.options[1].id", errors);
        Assert.Contains("poll.options[1].label", errors);
        Assert.Contains("poll.options[2].id", errors);
    }

    [Fact]
    public void UnknownAndMisplacedFieldsAreNamed()
    {
        var errors = CampaignValidator.Validate(Valid(new { poll = new { options = TwoOptions, colour = "red" }, status = "live", options = TwoOptions }), All)
            .Errors.ToDictionary();
        Assert.Contains("status", errors.Keys);
        Assert.Contains("poll", errors.Keys); // settings both in the section and at the top level
    }

    [Fact]
    public void AnUnknownFieldInsideTheSectionIsNamedThere() =>
        Assert.Contains("poll.colour", Errors(Valid(new { poll = new { options = TwoOptions, colour = "red" } })));

    [Fact]
    public void TextLimitsAndControlCharactersAreEnforced()
    {
        var errors = Errors(Valid() with { Title = new string('t', 201), Description = "bell\u0007" });
        Assert.Contains("title", errors);
        Assert.Contains("description", errors);
    }

    [Fact]
    public void RulesContactLocaleAndDatesAreChecked()
    {
        var now = DateTimeOffset.UtcNow;
        var errors = Errors(Valid(new { options = TwoOptions, rules = new { votesPerVoter = 0, period = "week" } }) with
        {
            Locale = "xx",
            Contact = new() { Mode = "optional" },
            StartsAt = now,
            EndsAt = now.AddHours(-1),
        });
        Assert.Superset(new HashSet<string> { "locale", "rules.votesPerVoter", "rules.period", "contact.consentText", "endsAt" }, errors.ToHashSet());
    }

    [Theory]
    [InlineData(0, 2, "poll.minChoices")]
    [InlineData(3, 2, "poll.minChoices")]
    [InlineData(1, 3, "poll.maxChoices")]
    public void ChoiceLimitsMustFitTheOptions(int min, int max, string field) =>
        Assert.Contains(field, Errors(Valid(new { poll = new { options = TwoOptions, minChoices = min, maxChoices = max } })));

    [Fact]
    public void AnEndInThePastIsRefused()
    {
        var errors = new CampaignEngine.Kinds.FieldErrors();
        CampaignValidator.CheckNotOver(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow, errors);
        Assert.True(errors.Has("endsAt"));
    }

    [Fact]
    public void ADraftGetsGeneratedOptionIdsThatDoNotCollide()
    {
        var request = Valid(new { poll = new { options = new[] { new { id = (string?)null, label = "A" }, new { id = (string?)"o1", label = "B" }, new { id = (string?)null, label = "C" } } } });
        var draft = CampaignValidator.ToDraft(request, CampaignValidator.Validate(request, All), "abc", DateTimeOffset.UnixEpoch, 16);
        var poll = draft.SettingsAs<PollSettings>();

        Assert.Equal(["o2", "o1", "o3"], poll.Options.Select(o => o.Id));
        Assert.Equal(CampaignStatus.Draft, draft.Status);
        Assert.Equal(new VotingRules(1, VotingPeriod.Campaign), poll.Rules);
        Assert.Equal((1, 1), (poll.MinChoices, poll.MaxChoices));
        Assert.Equal(ContactMode.Off, draft.Contact.Mode);
        Assert.Equal("en", draft.Locale);
    }

    [Fact]
    public void AvailabilityFollowsStatusAndSchedule()
    {
        var now = DateTimeOffset.UtcNow;
        var live = CampaignValidator.ToDraft(Valid(), CampaignValidator.Validate(Valid(), All), "abc", now, 16) with { Status = CampaignStatus.Live };

        Assert.Equal(Availability.Hidden, (live with { Status = CampaignStatus.Draft }).AvailabilityAt(now));
        Assert.Equal(Availability.Open, live.AvailabilityAt(now));
        Assert.Equal(Availability.NotStarted, (live with { StartsAt = now.AddMinutes(1) }).AvailabilityAt(now));
        Assert.Equal(Availability.Closed, (live with { EndsAt = now }).AvailabilityAt(now));
        Assert.Equal(Availability.Closed, (live with { Status = CampaignStatus.Closed }).AvailabilityAt(now));
        Assert.Equal(Availability.Archived, (live with { Status = CampaignStatus.Archived }).AvailabilityAt(now));
    }
}
