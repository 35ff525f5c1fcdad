using System.Collections.Concurrent;

namespace CampaignEngine.Pages.Rendering;

/// <summary>
/// Rendered public pages, reused while their inputs are the very same objects: the campaign and
/// results caches hand out one instance per refresh, so a page that goes viral is rendered once
/// per refresh instead of once per view. Pages that carry anything of one fan are never kept here.
/// A <c>generation</c> renders a page again when time alone changes it (the form token it carries).
/// </summary>
public sealed class RenderedPages
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, (object Source, object? Data, long Generation, string Html)> pages = new();

    public string GetOrRender(string key, object source, object? data, Func<string> render, long generation = 0)
    {
        if (pages.TryGetValue(key, out var hit) && ReferenceEquals(hit.Source, source) && ReferenceEquals(hit.Data, data)
            && hit.Generation == generation)
        {
            return hit.Html;
        }
        var html = render();
        if (pages.Count >= MaxEntries) pages.Clear(); // bound memory against many hosts or slugs
        pages[key] = (source, data, generation, html);
        return html;
    }
}
