namespace CampaignEngine.Contacts;

/// <summary>What happens after contacts are stored (an offer goes out, say); called by the capture function with the contacts of one message that consented to offers.</summary>
public interface IContactFollowUp
{
    Task CapturedAsync(IReadOnlyList<ContactSubmitted> contacts, CancellationToken cancellationToken);
}
