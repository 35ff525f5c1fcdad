namespace CampaignEngine.Mail;

/// <summary>
/// One mail to send, on the <c>emails</c> queue: what kind of mail and to which contact of which campaign. It names the
/// contact by key, never by address: the sender reads the address when it sends, so a queue message holds no personal
/// data and a contact erased in between gets nothing.
/// </summary>
public sealed record EmailJob(string Type, string Slug, string ContactKey);
