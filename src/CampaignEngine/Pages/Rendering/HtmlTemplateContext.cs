using Scriban;
using Scriban.Parsing;

namespace CampaignEngine.Pages.Rendering;

/// <summary>
/// A Scriban context in which escaping is the default. Scriban sends the value of every
/// <c>{{ expression }}</c> through <see cref="Write(SourceSpan, object)"/> (and its async twin),
/// while the template's own text goes through the string overloads. So encoding here covers every
/// expression, whatever its type, and leaves the template's markup alone. Only a
/// <see cref="RawHtml"/> made in C# passes through unchanged.
/// </summary>
public sealed class HtmlTemplateContext : TemplateContext
{
    public HtmlTemplateContext()
    {
        // Guard rails: templates are ours, but a mistake must not hang or flood a request.
        LoopLimit = 500;
        RecursiveLimit = 20;
        ObjectRecursionLimit = 10;
        LimitToString = 64 * 1024;
        OutputLimit = 1024 * 1024;
        OnOutputLimit = ScriptLimitBehavior.Throw;
        RegexTimeOut = TimeSpan.FromMilliseconds(200);
        StrictVariables = true;
        // No include loader: a template cannot pull in another one, so partials are rendered
        // from C# and handed in as RawHtml.
        TemplateLoader = null;
    }

    public override TemplateContext Write(SourceSpan span, object? textAsObject) => textAsObject switch
    {
        null => this,
        RawHtml raw => Write(raw.Value),
        _ => Write(HtmlText.Encode(ObjectToString(textAsObject))),
    };

    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject) => textAsObject switch
    {
        null => ValueTask.FromResult<TemplateContext>(this),
        RawHtml raw => WriteAsync(raw.Value),
        _ => WriteAsync(HtmlText.Encode(ObjectToString(textAsObject))),
    };
}
