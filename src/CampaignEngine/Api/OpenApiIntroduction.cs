using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CampaignEngine.Api;

/// <summary>
/// The first things a reader of the reference sees: what the API is for, and its groups in the order
/// a marketer needs them (the reference page lists tags in the document's order).
/// </summary>
internal static class OpenApiIntroduction
{
    private static readonly (string Name, string Description)[] Groups =
    [
        ("Campaigns", "Create, read, edit and list campaigns of every kind, and move them from draft to live to closed to archived. " +
                      "A kind's settings travel in a section named after the kind: a poll's options and rules are in `poll`."),
        ("Fans", "What fans do in a live campaign, such as voting. A JSON call answers 202 with a receipt, a form post 303 to the " +
                 "thank-you page. No admin key; an `Idempotency-Key` header makes a call safe to retry."),
        ("Results", "A campaign's results, in its kind's shape, a second old at most."),
        ("Contacts", "The contact details fans left, each with its purposes and its consent and withdrawal records, for export; withdrawing consent to offers."),
        ("Review", "Submissions held as suspect (a headless browser, a burst from one network or device): list them with their signals, then release them into the count or discard them, each exactly once."),
        ("Contests", "A contest's entries by moderation status, moderation one at a time or in bulk (approve, reject, feature, delete), the leaderboard of approved entries by votes, its jurors, and its winners."),
        ("Surveys", "A survey's responses as CSV or an Excel workbook, one row each, and a question's written answers a page at a time, searchable."),
        ("Offers", "A campaign's follow-up offer: the mail each contact who consents to offers gets with exactly one code of the pool, the pool's codes (uploaded or generated) and its figures: left, given, found empty, redeemed in store."),
        ("Jury", "For a contest's jurors, with the juror key the marketer was given: the gallery's entries, and a score 0 to 10 on each criterion for each."),
        ("Operations", "Health and queue upkeep, for whoever runs the engine."),
        ("Fan pages", "The HTML pages fans see (they work without JavaScript) and the QR codes that lead to them."),
    ];

    private const string Introduction = """
        Brand campaigns: polls, contests and surveys today, more kinds to come. Marketers create and run them here; fans take part on the campaign's pages at `/c/{slug}` or through the fan endpoints.

        **A campaign** has the fields every kind shares (title, language, dates and time zone, contact and consent, brand, texts) and its kind's settings in a section named after the kind: `"kind": "poll"` goes with `"poll": { "options": […] }`. Each kind's section is a property of the create body below, with an example you can send as it is.

        **Its life:** created as a **draft**, which only this API sees; **published**, it is **live** and fans take part between its start and end; **closed**, it takes no more part and its results stay up; **archived**, its pages answer 410 and its data can still be exported. Only a draft can be deleted, and once fans have taken part only what cannot change a counted result can be edited.

        **The admin key** goes with every call under `/api`: `Authorization: Bearer <key>` (set it under Authentication). Fan endpoints take none.

        Errors are ProblemDetails (`application/problem+json`); a refused field is named in `errors` with the reason.
        """;

    public static Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "CampaignEngine API";
        document.Info.Description = Introduction;

        var used = document.Tags?.Select(t => t.Name!).ToList() ?? [];
        var order = Groups.Select(g => g.Name).Concat(used.Except(Groups.Select(g => g.Name))).ToList();
        var ranked = Comparer<OpenApiTag>.Create((a, b) => order.IndexOf(a.Name!).CompareTo(order.IndexOf(b.Name!)));
        document.Tags = new SortedSet<OpenApiTag>(ranked);
        foreach (var name in order.Where(used.Contains))
        {
            document.Tags.Add(new OpenApiTag { Name = name, Description = Groups.FirstOrDefault(g => g.Name == name).Description });
        }
        return Task.CompletedTask;
    }
}
