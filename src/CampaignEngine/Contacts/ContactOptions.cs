using System.ComponentModel.DataAnnotations;

namespace CampaignEngine.Contacts;

/// <summary>Settings of the contacts capability, bound from the <c>Contacts</c> section.</summary>
public sealed class ContactOptions
{
    public const string Section = "Contacts";

    /// <summary>
    /// The HMAC key of contact keys (the row keys of the contacts table). Without it anyone holding a
    /// list of addresses could test which of them are stored. Its own secret rather than the cookie
    /// secret: cookies may be rotated at will, contact keys must stay fixed for as long as the rows live
    /// (a change needs <c>POST /api/admin/contacts/rekey</c>). Never logged.
    /// </summary>
    [Required(ErrorMessage = "Set Contacts:KeySecret (Contacts__KeySecret) to a random secret of 32 or more characters: it keys the contacts table (see README).")]
    [MinLength(32, ErrorMessage = "Contacts:KeySecret must be at least 32 characters.")]
    public string? KeySecret { get; set; }
}
