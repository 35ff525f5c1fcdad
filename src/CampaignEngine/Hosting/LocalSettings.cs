using System.Text.Json;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace CampaignEngine.Hosting;

/// <summary>
/// Reads the Functions-style <c>local.settings.json</c> (<c>{"Values": {"A__B": "..."}}</c>) so the
/// standalone host and Functions Core Tools share one local settings file. It sits below every
/// other source: environment variables and command-line arguments win.
/// </summary>
public static class LocalSettings
{
    public const string FileName = "local.settings.json";

    public static void AddLocalSettings(this IConfigurationBuilder configuration, string contentRoot)
    {
        var path = Path.Combine(contentRoot, FileName);
        if (!File.Exists(path)) return;

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!document.RootElement.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object) return;

        var settings = values.EnumerateObject()
            .Where(p => p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
            .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal),
                p => (string?)(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText()));
        if (configuration is IConfigurationManager manager)
        {
            manager.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = settings });
        }
    }

    /// <summary>
    /// Reads the <c>appsettings.json</c> that ships beside the engine when the content root has none.
    /// <c>./run.sh</c> sets the content root to the repository (where <c>local.settings.json</c> lives),
    /// which would otherwise leave the engine's own defaults (log levels among them) unread.
    /// Like the file it stands in for, it sits above local.settings.json and below everything else.
    /// </summary>
    public static void AddAppSettingsBesideTheApp(this IConfigurationBuilder configuration, string contentRoot, string? appDirectory = null)
    {
        const string appSettings = "appsettings.json";
        appDirectory ??= AppContext.BaseDirectory;
        if (File.Exists(Path.Combine(contentRoot, appSettings)) || !File.Exists(Path.Combine(appDirectory, appSettings))) return;
        if (configuration is not IConfigurationManager manager) return;

        manager.Sources.Insert(0, new JsonConfigurationSource
        {
            Path = appSettings,
            Optional = true,
            FileProvider = new PhysicalFileProvider(appDirectory),
        });
    }
}
