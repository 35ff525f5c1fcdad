namespace CampaignEngine.Media;

public static class MediaServiceCollectionExtensions
{
    /// <summary>Image storage. Sanitizing (<see cref="ImageSanitizer"/>) and share cards need no services.</summary>
    public static IServiceCollection AddMedia(this IServiceCollection services) => services.AddSingleton<MediaStore>();
}
