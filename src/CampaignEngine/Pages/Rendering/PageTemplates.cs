using System.Collections.Concurrent;
using System.Reflection;
using Scriban;
using Scriban.Runtime;

namespace CampaignEngine.Pages.Rendering;

/// <summary>
/// The page templates: embedded resources in any feature's <c>Templates</c> folder (the shell's
/// under <c>Pages/Templates</c>, each kind's in its own folder), parsed once and cached. Names are
/// unique across folders. Rendering always goes through <see cref="HtmlTemplateContext"/>. Model
/// members are exposed snake_case (Scriban's standard renamer): <c>OptionId</c> is <c>option_id</c>.
/// </summary>
public sealed class PageTemplates
{
    private const string Marker = ".Templates.";
    private static readonly Assembly Assembly = typeof(PageTemplates).Assembly;
    private readonly ConcurrentDictionary<string, Template> parsed = new();

    /// <summary>Template name (no folder, no extension) → its resource.</summary>
    private static readonly IReadOnlyDictionary<string, string> Resources = Assembly.GetManifestResourceNames()
        .Where(n => n.Contains(Marker, StringComparison.Ordinal) && n.EndsWith(".scriban", StringComparison.Ordinal))
        .ToDictionary(n => n[(n.LastIndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..^".scriban".Length], n => n);

    /// <summary>The names of all embedded templates, without folder or extension.</summary>
    public static IReadOnlyList<string> Names { get; } = Resources.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>Whether a template is a mail's body (named <c>*-email</c>): rendered the same way, but never served as a page.</summary>
    public static bool IsMail(string name) => name.EndsWith("-email", StringComparison.Ordinal);

    /// <summary>The feature folder a template is in: <c>Pages</c>, <c>Home</c>, a kind's (<c>Polls</c>).</summary>
    internal static string FolderOf(string name)
    {
        var resource = Resources[name];
        var end = resource.LastIndexOf(Marker, StringComparison.Ordinal);
        return resource[(resource.LastIndexOf('.', end - 1) + 1)..end];
    }

    public static string Source(string name)
    {
        using var stream = (Resources.TryGetValue(name, out var resource) ? Assembly.GetManifestResourceStream(resource) : null)
            ?? throw new InvalidOperationException($"No page template '{name}'.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
    public Template Get(string name) => parsed.GetOrAdd(name, static n =>
    {
        var template = Template.Parse(Source(n), n + ".scriban");
        if (template.HasErrors)
        {
            throw new InvalidOperationException($"Template {n}: {string.Join("; ", template.Messages)}");
        }
        return template;
    });

    /// <summary>Renders a template with the given top-level variables; values are escaped unless RawHtml.</summary>
    public RawHtml Render(string name, IReadOnlyDictionary<string, object?> variables, CancellationToken cancellationToken = default)
    {
        var globals = new ScriptObject();
        foreach (var (key, value) in variables)
        {
            globals.SetValue(key, value, readOnly: true);
        }

        var context = new HtmlTemplateContext();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        context.CancellationToken = timeout.Token;
        context.PushGlobal(globals);
        return new RawHtml(Get(name).Render(context));
    }
}
