namespace CampaignEngine.Voting;

/// <summary>The campaign rule "N votes per voter per period", as a pure decision.</summary>
public static class VoteAllowance
{
    /// <summary>
    /// The first free vote slot for a voter, or null when the allowance is used up.
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
