using System.ComponentModel.DataAnnotations;

namespace CampaignEngine.Submissions;

/// <summary>How long a draft a fan left (a survey's answers so far) is kept before the hourly cleanup deletes it.</summary>
public sealed class DraftOptions
{
    public const string Section = "Drafts";

    /// <summary>A fan who has not come back in this long is not coming back; their answers so far go.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")] public TimeSpan KeepFor { get; set; } = TimeSpan.FromDays(30);
}
