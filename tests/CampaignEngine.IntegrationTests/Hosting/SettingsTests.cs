using System.Collections;
using System.Reflection;
using System.Text.Json;
using CampaignEngine.Api;
using CampaignEngine.Contacts;
using CampaignEngine.FairPlay;
using CampaignEngine.Hosting;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.Messaging;
using CampaignEngine.Pages;
using CampaignEngine.Storage;
using Microsoft.Extensions.Configuration;

namespace CampaignEngine.IntegrationTests.Hosting;

public sealed class SettingsTests
{
    /// <summary>Every Options class the engine binds, by its configuration section.</summary>
    private static readonly (string Section, Type Options)[] BoundOptions =
    [
        (EngineOptions.Section, typeof(EngineOptions)),
        ("QueueListener", typeof(QueueListenerOptions)),
        ("GroupCommit", typeof(GroupCommitOptions)),
        (CampaignEngine.Contests.ContestOptions.Section, typeof(CampaignEngine.Contests.ContestOptions)),
        ("Storage", typeof(StorageOptions)),
        ("RateLimits", typeof(RateLimitOptions)),
        (FanPagesOptions.Section, typeof(FanPagesOptions)),
        (ContactOptions.Section, typeof(ContactOptions)),
        (TimerListenerOptions.Section, typeof(TimerListenerOptions)),
        (CampaignEngine.Submissions.DraftOptions.Section, typeof(CampaignEngine.Submissions.DraftOptions)),
        (NetworkLimitOptions.Section, typeof(NetworkLimitOptions)),
        (CampaignEngine.FairPlay.Challenges.ChallengeOptions.Section, typeof(CampaignEngine.FairPlay.Challenges.ChallengeOptions)),
        (CampaignEngine.FairPlay.Captcha.CaptchaOptions.Section, typeof(CampaignEngine.FairPlay.Captcha.CaptchaOptions)),
        // A dictionary by provider name: each provider's keys are settings of their own.
        ("Captcha__Providers__turnstile", typeof(CampaignEngine.FairPlay.Captcha.CaptchaProviderOptions)),
        ("Captcha__Providers__hcaptcha", typeof(CampaignEngine.FairPlay.Captcha.CaptchaProviderOptions)),
        ("Captcha__Providers__recaptcha", typeof(CampaignEngine.FairPlay.Captcha.CaptchaProviderOptions)),
    ];

    public static TheoryData<string> EverySetting()
    {
        var data = new TheoryData<string>();
        foreach (var (section, options) in BoundOptions)
        {
            foreach (var property in options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                if (typeof(IDictionary).IsAssignableFrom(property.PropertyType)) continue;
                var isList = property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType);
                data.Add($"{section}__{property.Name}" + (isList ? "__0" : ""));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EverySetting))]
    public void TheSampleSettingsAndTheReadmeListEverySettingTheEngineBinds(string setting)
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "local.settings.sample.json")));
        var values = sample.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Contains(setting, values);

        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var section = setting[..setting.IndexOf("__", StringComparison.Ordinal)];
        var name = setting.Split("__")[1];
        Assert.True(readme.Contains($"`{setting}", StringComparison.Ordinal) || readme.Contains($"`{section}__*`", StringComparison.Ordinal)
                    || readme.Contains($"`{name}`", StringComparison.Ordinal),
            $"README.md's configuration table does not mention {setting}");
    }

    [Fact]
    public void TheSampleListsTheIdentityFormOfTheStorageConnection()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "local.settings.sample.json")));
        var values = sample.RootElement.GetProperty("Values");
        foreach (var key in new[] { "accountName", "credential", "clientId", "tableServiceUri", "queueServiceUri", "blobServiceUri" })
        {
            Assert.True(values.TryGetProperty($"{StorageOptions.ConnectionName}__{key}", out _), key);
        }
    }

    [Fact]
    public void AppSettingsBesideTheEngineAreReadWhenTheContentRootHasNone()
    {
        // ./run.sh points the content root at the repository (for local.settings.json), where no appsettings.json lives.
        var contentRoot = Directory.CreateTempSubdirectory("ce-root-");
        var appDirectory = Directory.CreateTempSubdirectory("ce-app-");
        try
        {
            File.WriteAllText(Path.Combine(appDirectory.FullName, "appsettings.json"),
                """{ "Logging": { "LogLevel": { "Microsoft.AspNetCore": "Warning" } }, "CampaignEngine": { "DefaultShards": "8" } }""");
            File.WriteAllText(Path.Combine(contentRoot.FullName, LocalSettings.FileName),
                """{ "Values": { "CampaignEngine__DefaultShards": "4", "FanPages__HomeUrl": "https://brand.example" } }""");
            var configuration = new ConfigurationManager();
            configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["CampaignEngine:PublicBaseUrl"] = "https://vote.example" });

            configuration.AddAppSettingsBesideTheApp(contentRoot.FullName, appDirectory.FullName);
            configuration.AddLocalSettings(contentRoot.FullName);

            Assert.Equal("Warning", configuration["Logging:LogLevel:Microsoft.AspNetCore"]);
            Assert.Equal("8", configuration["CampaignEngine:DefaultShards"]); // appsettings.json above local.settings.json
            Assert.Equal("https://brand.example", configuration["FanPages:HomeUrl"]);
            Assert.Equal("https://vote.example", configuration["CampaignEngine:PublicBaseUrl"]); // everything else above both
        }
        finally
        {
            contentRoot.Delete(recursive: true);
            appDirectory.Delete(recursive: true);
        }
    }

    [Fact]
    public void AnAppSettingsFileInTheContentRootIsNotDoubled()
    {
        var root = Directory.CreateTempSubdirectory("ce-root-");
        try
        {
            File.WriteAllText(Path.Combine(root.FullName, "appsettings.json"), "{}");
            var configuration = new ConfigurationManager();

            configuration.AddAppSettingsBesideTheApp(root.FullName, AppContext.BaseDirectory);

            Assert.DoesNotContain(((IConfigurationBuilder)configuration).Sources, s => s is Microsoft.Extensions.Configuration.Json.JsonConfigurationSource);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
