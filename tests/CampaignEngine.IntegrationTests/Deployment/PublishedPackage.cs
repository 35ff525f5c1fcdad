using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using CampaignEngine.IntegrationTests.Infrastructure;

namespace CampaignEngine.IntegrationTests.Deployment;

/// <summary>Test classes that need the published zip share one publish per test run.</summary>
[CollectionDefinition(Name)]
public sealed class PublishedPackageCollection : ICollectionFixture<PublishedPackage>
{
    public const string Name = "Published package";
}

/// <summary>
/// The Functions package that <c>./publish.sh</c> writes, unpacked into a temporary folder. The zip
/// is reused when it is newer than every input of the build (CI can run <c>./publish.sh</c> once
/// before the tests); otherwise the script runs here, once for the whole test run.
/// </summary>
public sealed class PublishedPackage : IAsyncLifetime
{
    /// <summary>The host gives a custom handler 60 s to answer; a start slower than this is a regression.</summary>
    public static readonly TimeSpan StartBudget = TimeSpan.FromSeconds(10);

    private readonly Lazy<Task<StartedEngine>> started;

    public PublishedPackage() => started = new(StartEngineAsync);

    public const string RelativeZipPath = "artifacts/publish/campaign-engine.zip";
    public const string ExecutableName = "CampaignEngine";

    public string ZipPath { get; } = Path.Combine(RepoPaths.Root, RelativeZipPath);

    /// <summary>The folder the zip was unpacked into: what the Functions host sees as the app root.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "ce-package-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>How long <c>./publish.sh</c> took, or null when a fresh zip was reused.</summary>
    public TimeSpan? PublishTime { get; private set; }

    public string PublishOutput { get; private set; } = "";

    public string ExecutablePath => Path.Combine(Root, ExecutableName);

    public async Task InitializeAsync()
    {
        if (!IsFresh())
        {
            var clock = Stopwatch.StartNew();
            PublishOutput = await RunPublishAsync();
            PublishTime = clock.Elapsed;
        }

        // .NET restores the Unix mode stored in each entry when it extracts on Unix, like unzip.
        ZipFile.ExtractToDirectory(ZipPath, Root);
    }

    /// <summary>One engine started from the unpacked package for the whole collection, timed from process start.</summary>
    public Task<StartedEngine> EngineAsync() => started.Value;

    public async Task DisposeAsync()
    {
        if (started.IsValueCreated && started.Value.IsCompletedSuccessfully)
        {
            await started.Value.Result.Engine.DisposeAsync();
        }
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process that is still shutting down may hold a file; the OS cleans /tmp.
        }
    }

    private async Task<StartedEngine> StartEngineAsync()
    {
        var azurite = await AzuriteServer.SharedAsync();
        var prefix = "p" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        var adminKey = "pkg-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var engine = PackagedEngine.Start(Root, new Dictionary<string, string>
        {
            ["CampaignStorage"] = azurite.ConnectionString,
            ["Storage__Prefix"] = prefix,
            ["CampaignEngine__AdminApiKey"] = adminKey,
            ["Contacts__KeySecret"] = EngineHost.ContactKeySecret,
            ["Logging__LogLevel__Default"] = "Warning",
        });
        try
        {
            // The host itself only waits for any HTTP answer on "/"; /healthz 200 also proves storage works.
            var firstAnswer = await engine.WaitForAsync("/", _ => true, StartBudget);
            var firstHealthy = await engine.WaitForAsync("/healthz", s => s == 200, StartBudget);
            engine.UseAdminKey(adminKey);
            return new StartedEngine(engine, azurite, prefix, firstAnswer, firstHealthy);
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }
    }

    private bool IsFresh()
    {
        if (!File.Exists(ZipPath)) return false;
        var built = File.GetLastWriteTimeUtc(ZipPath);
        return Inputs().All(f => File.GetLastWriteTimeUtc(f) < built);
    }

    /// <summary>Every file whose change can change the package.</summary>
    private static IEnumerable<string> Inputs()
    {
        var root = RepoPaths.Root;
        var source = Path.Combine(root, "src", "CampaignEngine");
        var skip = new[] { Path.Combine(source, "bin") + Path.DirectorySeparatorChar, Path.Combine(source, "obj") + Path.DirectorySeparatorChar };
        return Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories)
            .Where(f => !skip.Any(s => f.StartsWith(s, StringComparison.Ordinal)))
            .Concat(new[] { "publish.sh", "Directory.Build.props", "Directory.Packages.props", "global.json" }
                .Select(f => Path.Combine(root, f)).Where(File.Exists));
    }

    private static async Task<string> RunPublishAsync()
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepoPaths.Root, "publish.sh")])
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The test host's MSBuild variables would leak into the nested dotnet publish.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k == "MSBUILD_EXE_PATH").ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"./publish.sh failed with exit code {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
        return (await stdout).Trim();
    }
}

/// <summary>The packaged engine, running, with what it took to get there.</summary>
public sealed record StartedEngine(PackagedEngine Engine, AzuriteServer Azurite, string Prefix, TimeSpan FirstAnswer, TimeSpan FirstHealthy);
