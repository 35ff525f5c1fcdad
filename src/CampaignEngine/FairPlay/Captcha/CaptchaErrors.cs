using CampaignEngine.Campaigns;

namespace CampaignEngine.FairPlay.Captcha;

/// <summary>What a refused CAPTCHA's ProblemDetails say, under the field <c>captcha</c>.</summary>
public static class CaptchaErrors
{
    public const string Field = "captcha";

    public static Dictionary<string, string[]> For(CaptchaState state, Campaign campaign)
    {
        var why = state switch
        {
            CaptchaState.Reused => "This CAPTCHA token was already used; each counts once.",
            CaptchaState.Unavailable => "The CAPTCHA provider could not be asked to check the token just now.",
            _ => $"The {campaign.Protection.Captcha?.Provider} CAPTCHA provider did not accept the token (expired, already spent or not one of this site's).",
        };
        var again = state == CaptchaState.Unavailable
            ? "Nothing was counted; try again in a moment."
            : $"Solve the widget on /c/{campaign.Slug} again and send the submission with the new token; nothing was counted.";
        return new Dictionary<string, string[]> { [Field] = [why + " " + again] };
    }
}
