using System.Text.Json;
using System.Text.Json.Serialization;

namespace CampaignEngine;

/// <summary>One JSON convention for the API, storage and messages: camelCase names and enum values.</summary>
public static class EngineJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>
    /// For request bodies: unknown fields, a field given twice (in any letter case) and a number sent
    /// as a string are errors rather than silently ignored, last-one-wins or converted.
    /// </summary>
    public static readonly JsonSerializerOptions Strict = new(Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
        AllowDuplicateProperties = false,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        return options;
    }
}
