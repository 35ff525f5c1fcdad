namespace CampaignEngine.IntegrationTests.Infrastructure;

public static class RepoPaths
{
    /// <summary>The repository root: the folder holding CampaignEngine.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CampaignEngine.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Cannot find the repository root (CampaignEngine.sln) above " + AppContext.BaseDirectory);
    }

    /// <summary>Where tests leave artifacts (screenshots, logs) for CI to keep.</summary>
    public static string Artifacts(string kind)
    {
        var path = Path.Combine(Root, "TestResults", kind);
        Directory.CreateDirectory(path);
        return path;
    }
}
