using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace CampaignEngine.IntegrationTests.Pages;

/// <summary>Fetches fan pages the way a browser does and parses them.</summary>
public static class Html
{
    public sealed record Page(HttpResponseMessage Response, IDocument Document, string Source);

    public static readonly string[] Hostile =
    [
        "<script>alert(1)</script>",
        "\" onmouseover=\"x",
        "' autofocus onfocus='x",
        "javascript:alert(1)",
    ];

    public static async Task<Page> GetPageAsync(this HttpClient client, string path, string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
        if (acceptLanguage is not null) request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        return await ReadAsync(await client.SendAsync(request));
    }

    public static async Task<Page> PostFormAsync(this HttpClient client, string path, params (string Name, string Value)[] fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))),
        };
        request.Headers.Accept.ParseAdd("text/html");
        return await ReadAsync(await client.SendAsync(request));
    }

    private static async Task<Page> ReadAsync(HttpResponseMessage response)
    {
        var source = await response.Content.ReadAsStringAsync();
        return new Page(response, new HtmlParser().ParseDocument(source), source);
    }

    /// <summary>No script but the engine's own (the results refresh or the challenge solver, byte for byte), no event handler, no javascript: link.</summary>
    public static void AssertNoActiveContent(IDocument document)
    {
        Assert.All(document.QuerySelectorAll("script"), s => Assert.True(IsEngineScript(s.TextContent), "a script the engine did not write"));
        var attributes = document.QuerySelectorAll("*").SelectMany(e => e.Attributes).ToList();
        Assert.DoesNotContain(attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || a.Name == "autofocus");
        // Only these attributes are followed as addresses; a meta element's content is text (a title
        // that reads "javascript:…" is just that), unless it is an http-equiv refresh.
        Assert.DoesNotContain(attributes.Where(a => a.Name is "href" or "src" or "action" or "formaction"
                || (a.Name == "content" && a.OwnerElement?.HasAttribute("http-equiv") == true)),
            a => a.Value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
    }

    public static bool IsEngineScript(string text) =>
        "sha256-" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))
            is var hash
        && (hash == CampaignEngine.Pages.HtmlPage.ScriptHash(CampaignEngine.Pages.Rendering.PageTemplates.Source("layout"))
            || hash == CampaignEngine.FairPlay.Challenges.ChallengeScript.Hash);

    public static string? Meta(this IDocument document, string property) =>
        (document.QuerySelector($"meta[property='{property}']") ?? document.QuerySelector($"meta[name='{property}']"))?.GetAttribute("content");
}
