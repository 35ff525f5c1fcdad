namespace CampaignEngine.Submissions;

/// <summary>The rule "N submissions per participant per period", as a pure decision.</summary>
public static class Allowance
{
    /// <summary>
    /// The first free slot for a participant, or null when the allowance is used up.
    /// <paramref name="used"/> comes from the ledger cookie, <paramref name="taken"/> from storage,
    /// and <paramref name="tryClaim"/> reserves a slot against simultaneous requests.
    /// </summary>
    public static int? NextSlot(int allowance, int used, IReadOnlyCollection<int> taken, Func<int, bool> tryClaim)
    {
        for (var slot = Math.Max(used, 0) + 1; slot <= allowance; slot++)
        {
            if (taken.Contains(slot)) continue;
            if (tryClaim(slot)) return slot;
        }
        return null;
    }
}
