namespace CampaignEngine.Pages.Rendering;

/// <summary>
/// Markup that C# code vouches for: the output of another escaped render, or markup built from
/// constants. Templates print it as is; everything else they print is HTML-encoded. Templates
/// cannot create one (there is no template function that turns a string into this type).
/// </summary>
public sealed class RawHtml
{
    internal RawHtml(string value) => Value = value;

    public string Value { get; }

    public override string ToString() => Value;
}
