using System.Collections.Concurrent;

namespace CampaignEngine.Pages.Rendering;

/// <summary>
/// Rendered public pages, reused while their inputs are the very same objects: the campaign and
/// results caches hand out one instance per refresh, so a page that goes viral is rendered once
/// per refresh instead of once per view. Pages that carry anything of one fan are never kept here.
/// </summary>
public sealed class RenderedPages
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, (object Source, object? Data, string Html)> pages = new();

    public string GetOrRender(string key, object source, object? data, Func<string> render)
    {
        if (pages.TryGetValue(key, out var hit) && ReferenceEquals(hit.Source, source) && ReferenceEquals(hit.Data, data))
        {
            return hit.Html;
        }
        var html = render();
        if (pages.Count >= MaxEntries) pages.Clear(); // bound memory against many hosts or slugs
        pages[key] = (source, data, html);
        return html;
    }
}
