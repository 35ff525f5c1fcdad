using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Api;

/// <summary>Caps request bodies (64 KiB by default) and turns every unhandled failure into a clean answer.</summary>
public static class RequestLimits
{
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        // An endpoint may take more (an image upload); everything else keeps the engine-wide cap.
        var max = http.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>()?.Bytes
                  ?? http.RequestServices.GetRequiredService<IOptions<EngineOptions>>().Value.MaxRequestBodyBytes;
        if (http.Request.ContentLength > max)
        {
            await http.RequestServices.GetRequiredService<ErrorResponder>()
                .WriteAsync(http, StatusCodes.Status413PayloadTooLarge, max >= 1024 * 1024
                    ? $"The body may be at most {max / (1024 * 1024)} MiB."
                    : $"The body may be at most {max / 1024} KiB.");
            return;
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max;
        }
        await next(http);
    });
}

/// <summary>Endpoint metadata: this endpoint takes bodies up to <see cref="Bytes"/>.</summary>
public sealed record BodyLimit(long Bytes);

/// <summary>Never a stack trace: bad requests keep their status, anything else is a 500 with a plain message.</summary>
public sealed class EngineExceptionHandler(ErrorResponder errors, ILogger<EngineExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, "The body is too large."),
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read."),
            OperationCanceledException when http.RequestAborted.IsCancellationRequested => (499, "The client went away."),
            _ when IsStorageOutage(exception) =>
                (StatusCodes.Status503ServiceUnavailable, "Storage is not answering right now; nothing was changed. Try again in a moment."),
            _ => (StatusCodes.Status500InternalServerError, "Something went wrong on our side; please try again."),
        };
        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
        }
        else
        {
            // An odd request is the client's mistake, not ours: one quiet line, no stack trace.
            logger.LogDebug("Refused {Method} {Path} with {Status} ({Reason})", http.Request.Method, http.Request.Path, status, exception.GetType().Name);
        }
        if (http.Response.HasStarted || status == 499) return true;
        // With storage down, the error page must not try storage for the campaign's language.
        await errors.WriteAsync(http, status, detail, findCampaign: status != StatusCodes.Status503ServiceUnavailable);
        return true;
    }

    /// <summary>Storage unreachable or failing (the SDK wraps exhausted retries in an AggregateException).</summary>
    public static bool IsStorageOutage(Exception exception) => exception switch
    {
        Azure.RequestFailedException { Status: 0 or >= 500 } or HttpRequestException or System.Net.Sockets.SocketException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsStorageOutage),
        _ => exception.InnerException is { } inner && IsStorageOutage(inner),
    };
}
