namespace CampaignEngine.Kinds;

/// <summary>
/// Field errors keyed by JSON path (<c>options[1].label</c>), as ProblemDetails' <c>errors</c> map
/// shows them. <see cref="Within"/> gives a kind its own section's view, so a kind names fields
/// relative to its section and the core decides where the section sits in the request.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, string[]> errors;
    private readonly string prefix;

    public FieldErrors() : this([], "") { }

    private FieldErrors(Dictionary<string, string[]> errors, string prefix)
    {
        this.errors = errors;
        this.prefix = prefix;
    }

    public int Count => errors.Count;

    public bool Any => errors.Count > 0;

    public FieldErrors Within(string section) => section.Length == 0 ? this : new(errors, Path(section));

    public void Add(string field, string message)
    {
        var key = Path(field);
        errors[key] = errors.TryGetValue(key, out var existing) ? [.. existing, message] : [message];
    }

    public bool Has(string field) => errors.ContainsKey(Path(field));

    public Dictionary<string, string[]> ToDictionary() => new(errors);

    private string Path(string field) =>
        prefix.Length == 0 ? field : field.Length == 0 ? prefix : field[0] == '[' ? prefix + field : prefix + "." + field;
}
