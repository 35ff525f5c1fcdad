using System.Collections.Concurrent;
using System.Text;
using CampaignEngine.Pages.Rendering;
using Scriban;
using Scriban.Runtime;

namespace CampaignEngine.Offers;

/// <summary>
/// The marketer's message of an offer: a Scriban template over <c>code</c>, <c>name</c>, <c>campaign</c>, <c>expires</c>
/// and <c>brand</c>. Its output is text, never markup: the mail's HTML part is that text encoded, each line break kept, so
/// neither the marketer's words nor a fan's name can put tags into a mail.
/// </summary>
public static class OfferMessage
{
    public const int MaxLength = 5000;

    // A close-time send renders one message 100,000 times: parse it once.
    private static readonly ConcurrentDictionary<string, Template> Parsed = new(StringComparer.Ordinal);

    public static readonly IReadOnlyList<string> Variables = ["code", "name", "campaign", "expires", "brand"];

    /// <summary>Why a message cannot be used (it does not parse, or names an unknown variable), or null.</summary>
    public static string? Problem(string message)
    {
        var template = Template.Parse(message);
        if (template.HasErrors) return "The message is not a valid template: " + string.Join("; ", template.Messages.Select(m => m.Message));
        try
        {
            Render(template, new OfferValues("SAMPLE-CODE", "Sam", "Campaign", "31 December", "Brand"));
            return null;
        }
        catch (Exception ex) when (ex is Scriban.Syntax.ScriptRuntimeException or InvalidOperationException)
        {
            return $"The message cannot be rendered ({ex.Message}). It may use {string.Join(", ", Variables)}.";
        }
    }

    public static string Text(string message, OfferValues values)
    {
        if (Parsed.Count > 1000) Parsed.Clear();
        return Render(Parsed.GetOrAdd(message, static m => Template.Parse(m)), values);
    }

    /// <summary>The text as HTML: encoded, paragraphs at blank lines, line breaks within them.</summary>
    public static RawHtml Html(string text)
    {
        var html = new StringBuilder();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            html.Append("<p>").Append(string.Join("<br>", paragraph.Split('\n').Select(HtmlText.Encode))).Append("</p>\n");
        }
        return new RawHtml(html.ToString());
    }

    private static string Render(Template template, OfferValues values)
    {
        var globals = new ScriptObject();
        globals.SetValue("code", values.Code, true);
        globals.SetValue("name", values.Name ?? "", true);
        globals.SetValue("campaign", values.Campaign, true);
        globals.SetValue("expires", values.Expires ?? "", true);
        globals.SetValue("brand", values.Brand, true);
        var context = new TemplateContext
        {
            StrictVariables = true, LoopLimit = 100, RecursiveLimit = 10, LimitToString = 16 * 1024, TemplateLoader = null,
            RegexTimeOut = TimeSpan.FromMilliseconds(100),
        };
        context.PushGlobal(globals);
        return template.Render(context).Trim();
    }
}

public sealed record OfferValues(string Code, string? Name, string Campaign, string? Expires, string Brand);
