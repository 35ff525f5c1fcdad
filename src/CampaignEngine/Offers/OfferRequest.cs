using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace CampaignEngine.Offers;

/// <summary>A campaign's follow-up offer as the marketer sets it.</summary>
public sealed record OfferRequest
{
    [Required, MaxLength(OfferValidator.MaxSubject), Description("The mail's subject line.")]
    public string? Subject { get; init; }

    [Required, MaxLength(OfferMessage.MaxLength),
     Description("The mail's text: a Scriban template over code, name, campaign, expires and brand, e.g. \"Hi {{ name }}, your code is {{ code }}.\" " +
                 "Its output is always text: any markup in it is shown, not interpreted. A blank line starts a new paragraph.")]
    public string? Message { get; init; }

    [Description("When it goes out: afterTakingPart (the code is on the thank-you page and mailed at once), or atClose (to every contact whose consent to offers holds when the campaign closes, within a minute of it). Winners only comes next.")]
    public string? SendWhen { get; init; }

    [Description("The moment the codes stop being good; staff see it when they redeem one.")]
    public DateTimeOffset? ExpiresAt { get; init; }

    [Description("4 to 12 digits shop staff enter to redeem a code. Write-only: kept as a salted hash; leave out to keep the current one.")]
    public string? StaffPin { get; init; }
}

/// <summary>Codes to make: <c>count</c> codes of a <c>pattern</c> such as DONUT-####-#### (each # a random character).</summary>
public sealed record GenerateCodesRequest
{
    [Required, Range(1, CodePattern.MaxCount), Description("How many codes to make.")]
    public int? Count { get; init; }

    [Required, MaxLength(CodeList.MaxLength), Description("Capital letters, digits and '-' kept as written; each '#' a random character of 23456789ABCDEFGHJKLMNPQRSTUVWXYZ.")]
    public string? Pattern { get; init; }
}

/// <summary>Codes uploaded as JSON (a list may also be sent as text/plain or text/csv, one code per line).</summary>
public sealed record UploadCodesRequest
{
    [Required, Description("The codes.")]
    public IReadOnlyList<string?>? Codes { get; init; }
}
