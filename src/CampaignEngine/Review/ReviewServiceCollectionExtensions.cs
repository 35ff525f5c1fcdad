namespace CampaignEngine.Review;

public static class ReviewServiceCollectionExtensions
{
    public static IServiceCollection AddReview(this IServiceCollection services) =>
        services.AddSingleton<DeviceActivity>().AddSingleton<ReviewStore>();
}
