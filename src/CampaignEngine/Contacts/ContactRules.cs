using System.Net.Mail;
using CampaignEngine.Campaigns;
using CampaignEngine.Kinds;
using CampaignEngine.Submissions;

namespace CampaignEngine.Contacts;

/// <summary>
/// Decides what happens to the contact fields of a submission under the campaign's contact mode.
/// Taking part and marketing consent are separate (GDPR Art. 7(4)): <c>required</c> asks for details to
/// take part, never for consent; offers need the box ticked in either mode. Details are never dropped
/// silently: an email without consent, or consent without an email, is refused with a field error
/// (<see cref="SubmissionRefusal.ConsentRequired"/>) that says what would happen.
/// </summary>
public static class ContactRules
{
    public const int MaxEmail = 254;
    public const int MaxName = 100;

    public sealed record Result(ContactSubmitted? Submission, SubmissionRefusal? Refusal, IReadOnlyDictionary<string, string[]>? Errors);

    private static readonly Result Nothing = new(null, null, null);

    public static Result Check(Campaign campaign, IFanInput input, string source)
    {
        var mode = campaign.Contact.Mode;
        // Nothing personal is collected (anything sent anyway is dropped here, never stored).
        if (mode == ContactMode.Off) return Nothing;

        var email = Normalize(input.Email);
        var name = string.IsNullOrWhiteSpace(input.Name) ? null : input.Name.Trim();
        var consent = input.Consent == true;
        var optional = mode == ContactMode.Optional;
        if (optional && email is null && name is null && !consent) return Nothing;

        var errors = new Dictionary<string, string[]>();
        if (email is null)
            errors["email"] = [optional && consent ? "Consent to offers needs an email address: add one, or leave consent out." : "Enter your email address."];
        else if (!IsEmail(email))
            errors["email"] = ["Enter a valid email address."];
        if (name is { Length: > MaxName })
            errors["name"] = [$"At most {MaxName} characters."];
        if (optional && email is not null && !consent)
            errors["consent"] = ["Without consent the email is not kept: set consent to true, or leave the email out."];
        if (errors.Count > 0)
        {
            var mismatch = optional && (consent ? email is null : email is not null);
            return new Result(null, mismatch ? SubmissionRefusal.ConsentRequired : SubmissionRefusal.InvalidContact, errors);
        }

        return new Result(new ContactSubmitted(
            "", campaign.Slug, email!, name, consent ? campaign.Contact.ConsentText ?? "" : null, source, default,
            Marketing: consent, ForCampaign: mode == ContactMode.Required), null, null);
    }

    public static string? Normalize(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().Normalize().ToLowerInvariant();

    public static bool IsEmail(string email)
    {
        if (email.Length > MaxEmail || email.Any(char.IsWhiteSpace) || email.Count(c => c == '@') != 1) return false;
        var at = email.IndexOf('@');
        if (at < 1 || !email[(at + 1)..].Contains('.') || email.EndsWith('.')) return false;
        return MailAddress.TryCreate(email, out var parsed) && parsed.Address == email;
    }
}
