namespace CampaignEngine.FairPlay.Challenges;

public static class ChallengeServiceCollectionExtensions
{
    /// <summary>The proof-of-work challenge: tokens, the single-use table, the gate the acceptor calls, the sweep.</summary>
    public static IServiceCollection AddChallenges(this IServiceCollection services)
    {
        services.AddOptions<ChallengeOptions>().BindConfiguration(ChallengeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ChallengeTokens>().AddSingleton<ChallengeStore>().AddSingleton<ChallengeGate>();
        services.AddSingleton<ChallengeSweeper>().AddHostedService(s => s.GetRequiredService<ChallengeSweeper>());
        return services;
    }
}
