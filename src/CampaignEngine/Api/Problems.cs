using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignEngine.Api;

/// <summary>RFC 7807 answers used across the API, so every error reads the same way.</summary>
public static class Problems
{
    public static ValidationProblem Validation(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request has invalid fields.");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static ProblemHttpResult PreconditionFailed(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition failed");

    /// <summary>A 409 that names each field refused and why, in the same <c>errors</c> map as a validation problem.</summary>
    public static ProblemHttpResult Refused(string detail, Dictionary<string, string[]> errors) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict",
            extensions: new Dictionary<string, object?> { ["errors"] = errors });

    public static ProblemHttpResult Gone(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status410Gone, title: "Gone");

    public static ProblemHttpResult UnsupportedMediaType(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");

    public static ProblemHttpResult TooManyRequests(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");

    public static ProblemHttpResult Unavailable(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable");

    public static ProblemHttpResult Unauthorized(string key = "admin key") =>
        TypedResults.Problem($"Send 'Authorization: Bearer <{key}>'.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");

    public static ProblemHttpResult BadSlug(string slug) =>
        TypedResults.Problem("A slug is 3 to 64 characters of a-z, 0-9 and inner hyphens.", statusCode: StatusCodes.Status400BadRequest,
            title: "Invalid slug");
}
