using System.ComponentModel.DataAnnotations;

namespace CampaignEngine.FairPlay.Challenges;

/// <summary>Engine-wide settings of the proof-of-work challenge (bound from <c>Challenges</c>); the difficulty is per campaign.</summary>
public sealed class ChallengeOptions
{
    public const string Section = "Challenges";

    /// <summary>How long a challenge may be solved and sent: long enough to read the page, short enough that hoarding pays little.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")] public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often used challenges whose lifetime is over are deleted from the table.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")] public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);
}
