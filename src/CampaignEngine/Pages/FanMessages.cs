using System.Text;

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
    /// <summary>Today's allowance across every item is used up (a contest's votes per day); tomorrow brings more.</summary>
    DailyLimitReached,
    Unavailable,
    BadRequest,
    TooLarge,
    UnsupportedMediaType,
    TooManyRequests,
    ServerError,
    Archived,
    /// <summary>A form post that another site sent (<see cref="Submissions.CrossSiteGuard"/>).</summary>
    CrossSite,
    /// <summary>The campaign's limit per address or per network is reached: venue Wi-Fi, say.</summary>
    NetworkLimit,
    /// <summary>The page's proof-of-work solution did not pass: expired, already used, another device's.</summary>
    ChallengeFailed,
    /// <summary>The CAPTCHA provider did not accept the form's token, or it was already used.</summary>
    CaptchaFailed,
    /// <summary>The CAPTCHA provider could not be asked just now; nothing was counted.</summary>
    CaptchaUnavailable,
    /// <summary>A limit all fans share is reached (a survey's quota): nothing was counted.</summary>
    Full,
}

public static class FanMessages
{
    public static FanMessage ForStatus(int statusCode) => statusCode switch
    {
        404 => FanMessage.NotFound,
        410 => FanMessage.Archived,
        413 => FanMessage.TooLarge,
        415 => FanMessage.UnsupportedMediaType,
        429 => FanMessage.TooManyRequests,
        503 => FanMessage.Unavailable,
        >= 500 => FanMessage.ServerError,
        _ => FanMessage.BadRequest,
    };

    /// <summary>The message's string key stem: <c>LimitReached</c> is <c>limit_reached</c>.</summary>
    public static string Key(FanMessage message)
    {
        var name = message.ToString();
        var key = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && key.Length > 0) key.Append('_');
            key.Append(char.ToLowerInvariant(c));
        }
        return key.ToString();
    }
}
