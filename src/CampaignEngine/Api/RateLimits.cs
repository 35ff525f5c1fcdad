using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Api;

/// <summary>Per-client-IP limits, one policy per kind of traffic.</summary>
public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Requests from this machine are not limited: locally that is the operator, a benchmark or a
    /// reverse proxy. Behind the Functions host the real client comes from X-Forwarded-For.
    /// </summary>
    public bool ExemptLoopback { get; set; } = true;

    public int FanWritesPerMinute { get; set; } = 60;
    public int FanReadsPerMinute { get; set; } = 600;
    public int ApiPerMinute { get; set; } = 1200;
}

public static class RateLimits
{
    public const string Api = "api";
    public const string FanWrites = "fan-writes";
    public const string FanReads = "fan-reads";

    public static IServiceCollection AddEngineRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration("RateLimits");
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, settings) =>
        {
            var s = settings.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Api, http => Partition(http, s, s.ApiPerMinute));
            limiter.AddPolicy(FanWrites, http => Partition(http, s, s.FanWritesPerMinute));
            limiter.AddPolicy(FanReads, http => Partition(http, s, s.FanReadsPerMinute));
            limiter.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                var errors = context.HttpContext.RequestServices.GetRequiredService<ErrorResponder>();
                // No campaign lookup: a flood of refusals must not become a flood of storage reads.
                await errors.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests,
                    "Too many requests from your network; wait a minute and try again.", findCampaign: false);
            };
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext http, RateLimitOptions settings, int perMinute)
    {
        var ip = http.Connection.RemoteIpAddress;
        if (!settings.Enabled || (settings.ExemptLoopback && (ip is null || IPAddress.IsLoopback(ip))))
        {
            return RateLimitPartition.GetNoLimiter("exempt");
        }

        // A token bucket allows a short burst (a family voting on one phone) while holding the rate.
        return RateLimitPartition.GetTokenBucketLimiter(ip!.ToString(), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = Math.Max(1, perMinute / 6),
            ReplenishmentPeriod = TimeSpan.FromSeconds(10),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
