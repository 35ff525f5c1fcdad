using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CampaignEngine.Kinds;

namespace CampaignEngine.Review;

/// <summary>
/// Which submissions of a campaign are held out of the public count until the marketer reviews them.
/// Signals are recorded on every submission whatever this says; <see cref="HoldSuspect"/> decides
/// whether a submission that carries any is counted at once or held.
/// </summary>
public sealed record ReviewSettings(
    [property: Description("true: a submission with any suspicion signal is held out of the results until released or discarded. false: it is counted at once, its signals recorded.")] bool HoldSuspect = false,
    [property: Description("Accepted submissions from one network (/24 or /64) within the network-limit window above which the next ones carry the network-burst signal.")] int NetworkBurst = ReviewSettings.DefaultNetworkBurst,
    [property: Description("Submission attempts from one device within 10 minutes above which its next ones carry the device-burst signal.")] int DeviceBurst = ReviewSettings.DefaultDeviceBurst)
{
    public const int DefaultNetworkBurst = 200;
    public const int DefaultDeviceBurst = 10;
    public const int MinBurst = 2;
    public const int MaxNetworkBurst = 1_000_000;
    public const int MaxDeviceBurst = 1_000;

    public static readonly ReviewSettings Default = new();
}

[Description("Suspicious-activity review: which signals make a submission suspect, and whether suspect ones wait for review before they count.")]
public sealed record ReviewRequest
{
    [Description("Hold suspect submissions out of the results until they are released or discarded through the review API (default false: count them, record their signals).")]
    public bool? HoldSuspect { get; init; }

    [Range(ReviewSettings.MinBurst, ReviewSettings.MaxNetworkBurst)]
    [Description("Accepted submissions from one network within the per-network limit's window after which the next carry network-burst (default 200). Needs the per-network limit on.")]
    public int? NetworkBurst { get; init; }

    [Range(ReviewSettings.MinBurst, ReviewSettings.MaxDeviceBurst)]
    [Description("Attempts from one device within 10 minutes after which the next carry device-burst (default 10).")]
    public int? DeviceBurst { get; init; }
}

/// <summary>Reading, checking and describing <see cref="ReviewSettings"/> as the API sends them.</summary>
public static class CampaignReview
{
    public static void Check(ReviewRequest? request, FieldErrors errors)
    {
        if (request is null) return;
        if (request.NetworkBurst is < ReviewSettings.MinBurst or > ReviewSettings.MaxNetworkBurst)
            errors.Add("review.networkBurst", $"Between {ReviewSettings.MinBurst} and {ReviewSettings.MaxNetworkBurst:N0} submissions.");
        if (request.DeviceBurst is < ReviewSettings.MinBurst or > ReviewSettings.MaxDeviceBurst)
            errors.Add("review.deviceBurst", $"Between {ReviewSettings.MinBurst} and {ReviewSettings.MaxDeviceBurst:N0} attempts.");
    }

    /// <summary>The settings a request asks for (it passed <see cref="Check"/>); what it leaves out keeps its default.</summary>
    public static ReviewSettings Of(ReviewRequest? request) => request is null
        ? ReviewSettings.Default
        : new ReviewSettings(
            request.HoldSuspect ?? false,
            request.NetworkBurst ?? ReviewSettings.DefaultNetworkBurst,
            request.DeviceBurst ?? ReviewSettings.DefaultDeviceBurst);

    public static ReviewRequest Describe(ReviewSettings settings) => new()
    {
        HoldSuspect = settings.HoldSuspect,
        NetworkBurst = settings.NetworkBurst,
        DeviceBurst = settings.DeviceBurst,
    };
}
