using System.Text.Json;
using CampaignEngine.Api;

namespace CampaignEngine.Kinds;

/// <summary>Reads a kind's settings section strictly, turning what the JSON reader refuses into field errors of the section.</summary>
public static class KindSettingsJson
{
    public static TRequest? Read<TRequest>(JsonElement section, FieldErrors errors) where TRequest : class
    {
        try
        {
            return section.Deserialize<TRequest>(EngineJson.Strict)!;
        }
        catch (JsonException ex)
        {
            foreach (var (field, messages) in JsonBody.Describe(ex))
            {
                foreach (var message in messages) errors.Add(field == "$" ? "" : field, message);
            }
            return null;
        }
    }
}
