using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Api;

/// <summary>
/// Admin API keys, held only as SHA-256 hashes. A presented key is hashed and compared in
/// constant time with each; the key itself is never stored or logged.
/// </summary>
public sealed class AdminKeys
{
    private readonly List<byte[]> hashes = [];

    public AdminKeys(IOptions<EngineOptions> options, ILogger<AdminKeys> logger)
    {
        if (!string.IsNullOrEmpty(options.Value.AdminApiKey))
        {
            hashes.Add(Hash(options.Value.AdminApiKey));
        }
        foreach (var hex in options.Value.AdminApiKeyHashes.Where(h => !string.IsNullOrWhiteSpace(h)))
        {
            hashes.Add(Convert.FromHexString(hex.Trim()));
        }
        if (hashes.Count == 0)
        {
            logger.LogWarning("No admin API key is configured (CampaignEngine:AdminApiKey): the marketer API refuses every call");
        }
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public bool IsValid(string? presented)
    {
        if (string.IsNullOrEmpty(presented)) return false;
        var hash = Hash(presented);
        var match = false;
        foreach (var known in hashes)
        {
            match |= CryptographicOperations.FixedTimeEquals(hash, known);
        }
        return match;
    }

    public bool IsAuthorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && IsValid(header["Bearer ".Length..].Trim());
    }
}

/// <summary>Guards the marketer API: 401 ProblemDetails unless a valid admin key is presented.</summary>
public sealed class AdminKeyFilter(AdminKeys keys) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (keys.IsAuthorized(context.HttpContext.Request))
        {
            return await next(context);
        }
        context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.Unauthorized();
    }
}
