namespace CampaignEngine.Pages;

/// <summary>The messages a fan can be shown instead of a page; each has a localized title and text.</summary>
public enum FanMessage
{
    NotFound,
    NotStarted,
    Closed,
    InvalidOption,
    InvalidContact,
    ConsentRequired,
    LimitReached,
    Unavailable,
    BadRequest,
    TooLarge,
    UnsupportedMediaType,
    TooManyRequests,
    ServerError,
}

public static class FanMessages
{
    public static FanMessage ForStatus(int statusCode) => statusCode switch
    {
        404 => FanMessage.NotFound,
        413 => FanMessage.TooLarge,
        415 => FanMessage.UnsupportedMediaType,
        429 => FanMessage.TooManyRequests,
        503 => FanMessage.Unavailable,
        >= 500 => FanMessage.ServerError,
        _ => FanMessage.BadRequest,
    };
}
