namespace CampaignEngine.Submissions;

/// <summary>What the browser said about the page a form post came from.</summary>
public sealed record FormOriginHeaders(string? SecFetchSite, string? Origin, string? Referer)
{
    public static FormOriginHeaders From(HttpRequest request) => new(
        Value(request.Headers["Sec-Fetch-Site"]), Value(request.Headers.Origin), Value(request.Headers.Referer));

    // Two values of one header are not something a browser sends: kept joined, they match nothing.
    private static string? Value(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 0 ? null : values.ToString();
}

public enum FormOriginResult
{
    Allowed,
    Refused,
    /// <summary>The browser sent no Fetch Metadata, Origin or Referer: the form's token decides.</summary>
    NeedsToken,
}

/// <summary>The verdict on a form post's headers and why (the reason is for logs, never shown to fans).</summary>
public readonly record struct FormOriginCheck(FormOriginResult Result, string Reason)
{
    public static FormOriginCheck Allowed(string reason) => new(FormOriginResult.Allowed, reason);
    public static FormOriginCheck Refused(string reason) => new(FormOriginResult.Refused, reason);
}

/// <summary>
/// Whether a fan form post came from a page allowed to send it: one of ours, or one the campaign
/// lists as its embedder. Pure, so every combination of headers is tested directly. The layers, in
/// the order a browser makes them available (docs/architecture.md, "Cross-site protection"):
/// <list type="number">
/// <item><c>Sec-Fetch-Site</c> (every current browser): <c>same-origin</c> and <c>none</c> pass;
/// <c>same-site</c> and <c>cross-site</c> pass only with an <c>Origin</c> the campaign lists.</item>
/// <item>Without it, <c>Origin</c>: ours or listed passes; any other, or <c>null</c>, is refused.</item>
/// <item>Without both, <c>Referer</c>'s origin, the same way.</item>
/// <item>Without all three, the signed form token (<see cref="FormTokens"/>).</item>
/// </list>
/// </summary>
public static class FormOrigin
{
    public static FormOriginCheck Check(FormOriginHeaders headers, IReadOnlyCollection<string> ourOrigins, IReadOnlyList<string> embedOrigins)
    {
        switch (headers.SecFetchSite?.Trim().ToLowerInvariant())
        {
            case "same-origin":
                // The browser compared the posting document with the target itself. A host name that
                // is not ours but reaches us (DNS rebinding) is the Host check's to refuse.
                return FormOriginCheck.Allowed("same-origin");
            case "none":
                // A navigation the user made (address bar, bookmark): no page could have caused it.
                return FormOriginCheck.Allowed("user-initiated");
            case "same-site" or "cross-site":
                // A sibling subdomain is another origin (it may host other people's pages): only an
                // embedder the campaign named, posting its own form, is trusted. Our own form inside
                // its frame is same-origin, the frame's document being the initiator.
                return IsOneOf(headers.Origin, embedOrigins)
                    ? FormOriginCheck.Allowed("listed embedder")
                    : FormOriginCheck.Refused(headers.SecFetchSite.Trim().ToLowerInvariant());
            case { Length: > 0 }:
                return FormOriginCheck.Refused("unknown Sec-Fetch-Site");
        }

        if (headers.Origin is { Length: > 0 } origin)
        {
            // "null" is an opaque origin (a sandboxed frame, a data: document): never one of our pages.
            if (origin.Trim() == "null") return FormOriginCheck.Refused("opaque origin");
            return IsOneOf(origin, ourOrigins) ? FormOriginCheck.Allowed("origin")
                : IsOneOf(origin, embedOrigins) ? FormOriginCheck.Allowed("listed embedder origin")
                : FormOriginCheck.Refused("foreign origin");
        }

        if (headers.Referer is { Length: > 0 } referer)
        {
            var from = OriginOf(referer);
            return IsOneOf(from, ourOrigins) ? FormOriginCheck.Allowed("referer")
                : IsOneOf(from, embedOrigins) ? FormOriginCheck.Allowed("listed embedder referer")
                : FormOriginCheck.Refused("foreign referer");
        }

        return new FormOriginCheck(FormOriginResult.NeedsToken, "no origin headers");
    }

    /// <summary><c>scheme://host[:port]</c> of an absolute http(s) URL, lower case, default port left out; null otherwise.</summary>
    public static string? OriginOf(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0
            ? uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant()
            : null;

    private static bool IsOneOf(string? origin, IEnumerable<string> origins)
    {
        // An Origin header is an origin and nothing more: one with a path or user info is not a browser's.
        if (OriginOf(origin) is not { } normalized || !string.Equals(normalized, origin!.Trim(), StringComparison.OrdinalIgnoreCase)) return false;
        foreach (var candidate in origins)
        {
            if (string.Equals(OriginOf(candidate), normalized, StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
