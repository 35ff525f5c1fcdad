namespace CampaignEngine.UnitTests.ShareCards;

/// <summary>Writes rendered cards to TestResults/sharecards/ at the repository root, for a person to look at.</summary>
internal static class CardFiles
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CampaignEngine.sln")))
            {
                return Directory.CreateDirectory(Path.Combine(dir.FullName, "TestResults", "sharecards")).FullName;
            }
        }
        throw new InvalidOperationException("Cannot find the repository root (CampaignEngine.sln) above " + AppContext.BaseDirectory);
    });

    public static void Write(string name, byte[] png) => File.WriteAllBytes(Path.Combine(Folder.Value, name + ".png"), png);
}
