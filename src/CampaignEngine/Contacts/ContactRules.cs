using System.Net.Mail;
using CampaignEngine.Campaigns;
using CampaignEngine.Kinds;
using CampaignEngine.Submissions;

namespace CampaignEngine.Contacts;

/// <summary>Decides what happens to the contact fields of a submission under the campaign's contact mode.</summary>
public static class ContactRules
{
    public const int MaxEmail = 254;
    public const int MaxName = 100;

    public sealed record Result(ContactSubmitted? Submission, SubmissionRefusal? Refusal, IReadOnlyDictionary<string, string[]>? Errors);

    public static Result Check(Campaign campaign, IFanInput input, string source)
    {
        var email = Normalize(input.Email);
        var name = string.IsNullOrWhiteSpace(input.Name) ? null : input.Name.Trim();

        if (campaign.Contact.Mode == ContactMode.Off || (email is null && name is null && campaign.Contact.Mode == ContactMode.Optional))
        {
            // Nothing personal is collected (anything sent anyway is dropped here, never stored).
            return new Result(null, null, null);
        }

        var errors = new Dictionary<string, string[]>();
        if (email is null)
            errors["email"] = ["Enter your email address."];
        else if (!IsEmail(email))
            errors["email"] = ["Enter a valid email address."];
        if (name is { Length: > MaxName })
            errors["name"] = [$"At most {MaxName} characters."];
        if (errors.Count > 0)
            return new Result(null, SubmissionRefusal.InvalidContact, errors);

        if (input.Consent != true)
        {
            return campaign.Contact.Mode == ContactMode.Required
                ? new Result(null, SubmissionRefusal.ConsentRequired, new Dictionary<string, string[]> { ["consent"] = ["Tick the box to agree, or you cannot take part."] })
                // Optional contact without consent: the vote counts, the details are discarded.
                : new Result(null, null, null);
        }

        return new Result(new ContactSubmitted("", campaign.Slug, email!, name, campaign.Contact.ConsentText ?? "", source, default), null, null);
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
