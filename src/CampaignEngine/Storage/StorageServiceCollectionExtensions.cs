namespace CampaignEngine.Storage;

public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration("Storage")
            .Validate(o => o.Prefix.All(char.IsAsciiLetterOrDigit), "Storage:Prefix may hold only letters and digits.")
            .ValidateOnStart();
        services.AddSingleton<StorageClients>();
        services.AddSingleton<StorageNames>();
        services.AddHostedService<StorageInitializer>();
        return services;
    }
}
