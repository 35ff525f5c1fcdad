using System.Text;
using System.Text.Json;

namespace CampaignEngine.Api;

/// <summary>
/// One pass over a JSON body before it is read into anything: is it well formed, and does any
/// object name a property twice? The serializer refuses duplicates too, but inside a value it keeps
/// as a <see cref="JsonElement"/> (a kind's section) or a <c>JsonObject</c> (a merge patch) it
/// cannot say where; this says exactly (<c>poll.options[1].label</c>).
/// </summary>
public static class JsonScan
{
    public sealed record Problem(string Path, string Message);

    /// <summary>Null when the body is well-formed JSON with no property named twice in one object.</summary>
    public static Problem? Check(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        var frames = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var frame = frames[^1];
                        frame.Name = null;
                        if (!IsSoundText(ref reader)) return BadText(frames);
                        frame.Name = reader.GetString()!;
                        if (!(frame.Names ??= new HashSet<string>(StringComparer.Ordinal)).Add(frame.Name))
                        {
                            return new Problem(PathOf(frames), "Appears more than once in its object; send each field once.");
                        }
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        CountItem(frames);
                        frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    case JsonTokenType.String:
                        CountItem(frames);
                        if (!IsSoundText(ref reader)) return BadText(frames);
                        break;
                    default:
                        CountItem(frames);
                        break;
                }
            }
            return null;
        }
        catch (JsonException ex)
        {
            // The reader counts from 0; people count from 1.
            return new Problem("$", $"The body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).");
        }
    }

    /// <summary>
    /// Whether a string's text is sound: its bytes UTF-8 and its escapes whole characters (no lone
    /// surrogate). The reader checks neither, and reading the text later would throw.
    /// </summary>
    private static bool IsSoundText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence) return System.Text.Unicode.Utf8.IsValid(reader.ValueSpan);
        try
        {
            reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static Problem BadText(List<Frame> frames) =>
        new(PathOf(frames), "Holds text that is not valid UTF-8 (or an escape that is not a whole character).");

    private static void CountItem(List<Frame> frames)
    {
        if (frames.Count > 0 && frames[^1].IsArray) frames[^1].Index++;
    }

    /// <summary>The path as the API names fields: <c>a.b[2].c</c>, with odd names bracketed (<c>texts['x.y']</c>).</summary>
    private static string PathOf(List<Frame> frames)
    {
        var path = new StringBuilder();
        foreach (var frame in frames)
        {
            if (frame.IsArray) path.Append('[').Append(frame.Index).Append(']');
            else if (frame.Name is not { } name) break; // the object itself (its next name is what went wrong)
            else if (IsPlain(name)) path.Append(path.Length == 0 ? "" : ".").Append(name);
            else path.Append("['").Append(name.Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
        }
        return path.Length == 0 ? "$" : path.ToString();
    }

    private static bool IsPlain(string name) => name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;
        public int Index { get; set; } = -1;
        public string? Name { get; set; }
        public HashSet<string>? Names { get; set; }
    }
}
