using System.Collections.Frozen;

namespace CampaignEngine.Kinds;

/// <summary>The kinds this engine was built with, found by name or by submission action code.</summary>
public sealed class CampaignKinds
{
    private readonly FrozenDictionary<string, ICampaignKind> byName;
    private readonly FrozenDictionary<string, (ICampaignKind Kind, ISubmissionAction Action)> byAction;

    public CampaignKinds(IEnumerable<ICampaignKind> kinds)
    {
        All = kinds.OrderBy(k => k.Name, StringComparer.Ordinal).ToList();
        byName = All.ToFrozenDictionary(k => k.Name, StringComparer.Ordinal);
        var actions = new Dictionary<string, (ICampaignKind, ISubmissionAction)>(StringComparer.Ordinal);
        foreach (var kind in All)
        {
            foreach (var action in kind.Actions)
            {
                // A row key starting "tally|" is a counter row, never a submission.
                if (action.Code == Submissions.SubmissionKeys.CounterRow)
                {
                    throw new InvalidOperationException($"The submission action code '{action.Code}' is the counter rows' key.");
                }
                if (!actions.TryAdd(action.Code, (kind, action)))
                {
                    throw new InvalidOperationException($"Two submission actions use the code '{action.Code}'.");
                }
            }
        }
        byAction = actions.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public IReadOnlyList<ICampaignKind> All { get; }

    public IEnumerable<string> Names => All.Select(k => k.Name);

    public ICampaignKind? Find(string? name) => name is not null && byName.TryGetValue(name, out var kind) ? kind : null;

    public ICampaignKind Get(string name) =>
        Find(name) ?? throw new InvalidOperationException($"No campaign kind '{name}' is registered.");

    public ISubmissionAction? FindAction(string code) => byAction.TryGetValue(code, out var found) ? found.Action : null;

    /// <summary>"Available kinds: poll, survey." for error messages.</summary>
    public string Describe() => $"Available kinds: {string.Join(", ", Names)}.";
}

public static class KindServiceCollectionExtensions
{
    /// <summary>Registers a kind; the kind's own <c>Add…()</c> calls this next to its other services.</summary>
    public static IServiceCollection AddCampaignKind<TKind>(this IServiceCollection services)
        where TKind : class, ICampaignKind
    {
        services.AddSingleton<TKind>();
        services.AddSingleton<ICampaignKind>(sp => sp.GetRequiredService<TKind>());
        return services;
    }
}

public static class KindEndpointRouteBuilderExtensions
{
    /// <summary>Maps every registered kind's own routes.</summary>
    public static IEndpointRouteBuilder MapCampaignKinds(this IEndpointRouteBuilder app)
    {
        foreach (var kind in app.ServiceProvider.GetRequiredService<CampaignKinds>().All) kind.MapRoutes(app);
        return app;
    }
}
