using Microsoft.AspNetCore.Http.Features;

namespace CampaignEngine.Api;

/// <summary>
/// What a form post may hold. Fan forms are small (a poll's ballot: at most 50 options, an email, a
/// name, the consent box), so the limits sit far above any real form and far below ASP.NET Core's
/// defaults (1,024 fields, 2,048-character names, 4 MB values), which would only be met by an attack.
/// </summary>
public static class FormLimits
{
    public const int MaxFields = 256;
    public const int MaxNameLength = 256;
    public const int MaxValueLength = 16 * 1024;

    public static void Configure(FormOptions options)
    {
        options.ValueCountLimit = MaxFields;
        options.KeyLengthLimit = MaxNameLength;
        options.ValueLengthLimit = MaxValueLength;
        options.MultipartHeadersCountLimit = 16;
        options.MultipartHeadersLengthLimit = 4 * 1024;
        options.MultipartBoundaryLengthLimit = 70; // RFC 2046 §5.1.1
    }
}

/// <summary>Reads a form post and turns every way it can break a limit into a clear refusal instead of an exception.</summary>
public static class FormBody
{
    /// <summary>Why a form was not read: 413 for too much of it, 400 for a form that is malformed.</summary>
    public sealed record Refusal(int StatusCode, string Detail);

    public static async Task<(IFormCollection? Form, Refusal? Refusal)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return (await request.ReadFormAsync(cancellationToken), null);
        }
        catch (InvalidDataException ex)
        {
            return (null, Describe(ex.Message));
        }
        catch (BadHttpRequestException ex)
        {
            return (null, ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? new Refusal(StatusCodes.Status413PayloadTooLarge, "The form is too large.")
                : new Refusal(StatusCodes.Status400BadRequest, "The form could not be read."));
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            // A multipart body cut short ("Unexpected end of Stream").
            return (null, new Refusal(StatusCodes.Status400BadRequest, "The form could not be read."));
        }
    }

    /// <summary>The form readers' messages name the limit they hit ("Form value count limit 256 exceeded.").</summary>
    internal static Refusal Describe(string message) => message switch
    {
        _ when message.Contains("value count limit", StringComparison.OrdinalIgnoreCase) =>
            new(StatusCodes.Status413PayloadTooLarge, $"A form may have at most {FormLimits.MaxFields} fields."),
        _ when message.Contains("key length limit", StringComparison.OrdinalIgnoreCase) =>
            new(StatusCodes.Status400BadRequest, $"A form field's name may be at most {FormLimits.MaxNameLength} characters."),
        _ when message.Contains("value length limit", StringComparison.OrdinalIgnoreCase) =>
            new(StatusCodes.Status413PayloadTooLarge, $"A form field may hold at most {FormLimits.MaxValueLength / 1024} KiB."),
        _ when message.Contains("body length limit", StringComparison.OrdinalIgnoreCase) =>
            new(StatusCodes.Status413PayloadTooLarge, "The form is too large."),
        _ => new(StatusCodes.Status400BadRequest, "The form could not be read."),
    };
}
