using Azure;

namespace CampaignEngine.Media;

/// <summary>An image as read back from blob storage.</summary>
/// <param name="ETag">The blob's entity tag; <c>ETag.ToString("H")</c> is the quoted form for an HTTP <c>ETag</c> header.</param>
public sealed record StoredImage(ReadOnlyMemory<byte> Bytes, string ContentType, ETag ETag, string? CacheControl);
