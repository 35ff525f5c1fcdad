using System.Text;
using System.Text.Json;
using CampaignEngine.IntegrationTests.Infrastructure;

namespace CampaignEngine.IntegrationTests.HostileInput;

/// <summary>The files of <c>HostileInput/corpus</c> (see its README), read as they are in the repository.</summary>
public static class HostileCorpus
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "tests", "CampaignEngine.IntegrationTests", "HostileInput", "corpus");

    public static IReadOnlyList<HostileBody> Bodies { get; } = Read<List<HostileBody>>("bodies.json");
    public static IReadOnlyList<string?> Accepts { get; } = Read<List<string?>>("accept.json");
    public static IReadOnlyList<string> Cookies { get; } = Read<List<string>>("cookies.json");
    public static IReadOnlyList<string> Hosts { get; } = Read<List<string>>("hosts.json");
    public static IReadOnlyList<string> Payloads { get; } = Read<List<string>>("xss.json");
    public static IReadOnlyList<string> Paths { get; } = Read<List<string>>("paths.json");

    private static T Read<T>(string file) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(Path.Combine(Folder, file)), EngineJson.Options)
        ?? throw new InvalidOperationException($"{file} is empty");
}

/// <summary>A body: its content type (null: none sent) and its parts, concatenated.</summary>
public sealed record HostileBody(string Name, string? ContentType, IReadOnlyList<BodyPart> Parts)
{
    public HttpContent Content(string slug)
    {
        var bytes = new List<byte>();
        foreach (var part in Parts)
        {
            var one = part.Base64 is { } base64 ? Convert.FromBase64String(base64) : Encoding.UTF8.GetBytes(part.Text!.Replace("{slug}", slug, StringComparison.Ordinal));
            for (var i = 0; i < (part.Times ?? 1); i++) bytes.AddRange(one);
        }
        var content = new ByteArrayContent(bytes.ToArray());
        // Sent as written, however odd: the engine has to cope with what clients really send.
        if (ContentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        return content;
    }

    public override string ToString() => Name;
}

public sealed record BodyPart(string? Text, string? Base64, int? Times);
