using CampaignEngine.Api;

namespace CampaignEngine.Contests.Jury;

/// <summary>
/// Guards the jurors' API of one contest: the bearer key must be a juror key of the contest named in the route (a key of
/// another contest, or the admin key, is a 401). The juror found is in <see cref="Current"/> for the endpoint.
/// </summary>
public sealed class JurorKeyFilter(JurorStore jurors) : IEndpointFilter
{
    private const string ItemKey = "CampaignEngine.Juror";

    public static Juror Current(HttpContext http) => (Juror)http.Items[ItemKey]!;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        var key = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        if (http.Request.RouteValues["slug"] is string slug && Campaigns.Slug.IsValid(slug)
            && await jurors.FindByKeyAsync(slug, key, http.RequestAborted) is { } juror)
        {
            http.Items[ItemKey] = juror;
            return await next(context);
        }
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.Unauthorized("the juror key of this contest");
    }
}
