namespace CampaignEngine.IntegrationTests.Infrastructure;

/// <summary>Test data for polls: a valid poll by default, changed one aspect at a time.</summary>
public sealed class PollBuilder
{
    private readonly Dictionary<string, object?> body = new()
    {
        ["kind"] = "poll",
        ["title"] = "Which flavour next?",
        ["description"] = "Pick the one you want in stores.",
        ["options"] = new[] { new { id = "choc", label = "Chocolate" }, new { id = "van", label = "Vanilla" }, new { id = "straw", label = "Strawberry" } },
    };

    public PollBuilder WithSlug(string slug) => Set("slug", slug);
    public PollBuilder WithTitle(string title) => Set("title", title);
    public PollBuilder WithDescription(string? description) => Set("description", description);
    public PollBuilder WithLocale(string locale) => Set("locale", locale);
    public PollBuilder WithOptions(params string[] labels) => Set("options", labels.Select(l => new { label = l }).ToArray());
    public PollBuilder WithOptionIds(params (string Id, string Label)[] options) => Set("options", options.Select(o => new { id = o.Id, label = o.Label }).ToArray());
    public PollBuilder WithVotesPerVoter(int votes, string period = "campaign") => Set("rules", new { votesPerVoter = votes, period });
    public PollBuilder WithContact(string mode, string consentText = "Send me offers from Test Brand. I can unsubscribe at any time.", int? retentionDays = null) =>
        Set("contact", retentionDays is { } days ? new { mode, consentText, retentionDays = days } : new { mode, consentText });
    public PollBuilder With(string field, object? value) => Set(field, value);

    public PollBuilder UniqueSlug(string stem = "poll") => WithSlug($"{stem}-{Guid.NewGuid():N}"[..Math.Min(40, stem.Length + 33)]);

    public Dictionary<string, object?> Build() => new(body);

    private PollBuilder Set(string field, object? value)
    {
        body[field] = value;
        return this;
    }
}
