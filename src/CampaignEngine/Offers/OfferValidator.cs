using CampaignEngine.Kinds;

namespace CampaignEngine.Offers;

public static class OfferValidator
{
    public const int MaxSubject = 150;

    public static FieldErrors Check(OfferRequest request, bool hasPin, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.Subject)) errors.Add("subject", "Give the mail a subject.");
        else if (request.Subject.Length > MaxSubject) errors.Add("subject", $"At most {MaxSubject} characters.");
        else if (request.Subject.Any(char.IsControl)) errors.Add("subject", "A subject is one line.");

        if (string.IsNullOrWhiteSpace(request.Message)) errors.Add("message", "Write the mail's message.");
        else if (request.Message.Length > OfferMessage.MaxLength) errors.Add("message", $"At most {OfferMessage.MaxLength} characters.");
        else if (OfferMessage.Problem(request.Message) is { } problem) errors.Add("message", problem);

        if (request.SendWhen is { } when && !OfferSendWhen.Supported.Contains(when))
            errors.Add("sendWhen", $"Use {string.Join(", ", OfferSendWhen.Supported)}.");
        if (request.ExpiresAt is { } expires && expires <= now) errors.Add("expiresAt", "Give a moment in the future.");
        if (request.StaffPin is not null && !StaffPin.IsWellFormed(request.StaffPin)) errors.Add("staffPin", "4 to 12 digits.");
        else if (request.StaffPin is null && !hasPin) errors.Add("staffPin", "Set a PIN for shop staff to redeem codes with (4 to 12 digits).");
        return errors;
    }
}
