namespace CampaignEngine.Contacts;

/// <summary>What a contact's details may be used for, as the export names it.</summary>
public static class ContactPurposes
{
    /// <summary>The campaign's own purpose (reaching a winner, say), for its retention period.</summary>
    public const string Campaign = "campaign";

    /// <summary>Follow-up offers: only with the fan's marketing consent.</summary>
    public const string Marketing = "marketing";

    public static bool IsKnown(string purpose) => purpose is Campaign or Marketing;

    public static IReadOnlyList<string> Of(bool campaign, bool marketing) => (campaign, marketing) switch
    {
        (true, true) => [Campaign, Marketing],
        (true, false) => [Campaign],
        (false, true) => [Marketing],
        _ => [],
    };
}
