using CampaignEngine.Campaigns;

namespace CampaignEngine.UnitTests.Campaigns;

public sealed class CampaignValidatorTests
{
    private static CreateCampaignRequest Valid() => new()
    {
        Kind = "poll",
        Title = "Next flavour?",
        Options = [new() { Label = "Chocolate" }, new() { Id = "van", Label = "Vanilla" }],
    };

    [Fact]
    public void AMinimalPollIsValid() => Assert.Empty(CampaignValidator.Validate(Valid()));

    [Fact]
    public void KindAndTitleAreRequired()
    {
        var errors = CampaignValidator.Validate(Valid() with { Kind = null, Title = "   " });
        Assert.Contains("kind", errors.Keys);
        Assert.Contains("title", errors.Keys);
    }

    [Theory]
    [InlineData("contest")]
    [InlineData("survey")]
    [InlineData("lottery")]
    public void OnlyPollsAreSupportedForNow(string kind) =>
        Assert.Contains("kind", CampaignValidator.Validate(Valid() with { Kind = kind }).Keys);

    [Theory]
    [InlineData(1)]
    [InlineData(51)]
    public void APollNeedsTwoToFiftyOptions(int count)
    {
        var options = Enumerable.Range(0, count).Select(i => (OptionRequest?)new OptionRequest { Label = $"Option {i}" }).ToList();
        Assert.Contains("options", CampaignValidator.Validate(Valid() with { Options = options }).Keys);
    }

    [Fact]
    public void DuplicateOptionIdsAndLabelsAreNamedByIndex()
    {
        var errors = CampaignValidator.Validate(Valid() with
        {
            Options = [new() { Id = "a", Label = "Same" }, new() { Id = "a", Label = "same" }, new() { Id = "Bad Id", Label = "Other" }],
        });
        Assert.Contains("options[1].id", errors.Keys);
        Assert.Contains("options[1].label", errors.Keys);
        Assert.Contains("options[2].id", errors.Keys);
    }

    [Fact]
    public void TextLimitsAndControlCharactersAreEnforced()
    {
        var errors = CampaignValidator.Validate(Valid() with { Title = new string('t', 201), Description = "bell\u0007" });
        Assert.Contains("title", errors.Keys);
        Assert.Contains("description", errors.Keys);
    }

    [Fact]
    public void RulesContactLocaleAndDatesAreChecked()
    {
        var now = DateTimeOffset.UtcNow;
        var errors = CampaignValidator.Validate(Valid() with
        {
            Locale = "it",
            Rules = new() { VotesPerVoter = 0, Period = "week" },
            Contact = new() { Mode = "optional" },
            StartsAt = now,
            EndsAt = now.AddHours(-1),
        });
        Assert.Superset(new HashSet<string> { "locale", "rules.votesPerVoter", "rules.period", "contact.consentText", "endsAt" }, errors.Keys.ToHashSet());
    }

    [Fact]
    public void ADraftGetsGeneratedOptionIdsThatDoNotCollide()
    {
        var request = Valid() with { Options = [new() { Label = "A" }, new() { Id = "o1", Label = "B" }, new() { Label = "C" }] };
        var draft = CampaignValidator.ToDraft(request, "abc", DateTimeOffset.UnixEpoch, 16);

        Assert.Equal(["o2", "o1", "o3"], draft.Options.Select(o => o.Id));
        Assert.Equal(CampaignStatus.Draft, draft.Status);
        Assert.Equal(new VotingRules(1, VotingPeriod.Campaign), draft.Rules);
        Assert.Equal(ContactMode.Off, draft.Contact.Mode);
        Assert.Equal("en", draft.Locale);
    }

    [Fact]
    public void AvailabilityFollowsStatusAndSchedule()
    {
        var now = DateTimeOffset.UtcNow;
        var live = CampaignValidator.ToDraft(Valid(), "abc", now, 16) with { Status = CampaignStatus.Live };

        Assert.Equal(Availability.Hidden, (live with { Status = CampaignStatus.Draft }).AvailabilityAt(now));
        Assert.Equal(Availability.Open, live.AvailabilityAt(now));
        Assert.Equal(Availability.NotStarted, (live with { StartsAt = now.AddMinutes(1) }).AvailabilityAt(now));
        Assert.Equal(Availability.Closed, (live with { EndsAt = now }).AvailabilityAt(now));
        Assert.Equal(Availability.Closed, (live with { Status = CampaignStatus.Closed }).AvailabilityAt(now));
    }
}
