using System.Text.RegularExpressions;
using CampaignEngine.IntegrationTests.Infrastructure;

namespace CampaignEngine.IntegrationTests.Deployment;

/// <summary>
/// Cheap checks on the Azure side that the Bicep compiler cannot make (infra/build.sh compiles and
/// lints it): the Azure path holds no storage secret, and azd deploys the package publish.sh makes.
/// </summary>
public sealed partial class InfrastructureTests
{
    private static readonly string Infra = Path.Combine(RepoPaths.Root, "infra");

    private static string Read(string relative) => File.ReadAllText(Path.Combine(RepoPaths.Root, relative));

    [Fact]
    public void NoTemplateReadsOrWritesAStorageKey()
    {
        foreach (var file in Directory.EnumerateFiles(Infra, "*.bicep", SearchOption.AllDirectories).Where(f => !f.Contains("/tools/")))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain("listKeys(", text);
            Assert.DoesNotContain("AccountKey=", text);
            // The connection-string form of a storage setting ("CampaignStorage" alone) would carry a key.
            Assert.DoesNotMatch(StorageConnectionStringSetting(), text);
        }
        Assert.Contains("allowSharedKeyAccess: false", Read("infra/modules/storage.bicep"));
    }

    [Fact]
    public void TheFunctionAppReachesStorageWithItsManagedIdentity()
    {
        var app = Read("infra/modules/functionapp.bicep");
        Assert.Contains("name: 'CampaignStorage__accountName'", app);
        Assert.Contains("{ name: 'CampaignStorage__credential', value: 'managedidentity' }", app);
        Assert.Contains("name: 'CampaignStorage__clientId'", app);
        Assert.Contains("name: 'CampaignStorage__blobServiceUri'", app); // images
        Assert.Contains("name: 'AzureWebJobsStorage__accountName'", app);
        // Flex Consumption rejects these; functionAppConfig.runtime replaces them.
        Assert.DoesNotContain("name: 'FUNCTIONS_WORKER_RUNTIME'", app);
        Assert.DoesNotContain("name: 'FUNCTIONS_EXTENSION_VERSION'", app);
        Assert.Matches(@"name: 'custom'\s+version: '1.0'", app);
    }

    [Fact]
    public void AzdDeploysTheZipThatPublishShWrites()
    {
        Assert.Contains("run: bash ./infra/azd-prepackage.sh", Read("azure.yaml"));
        Assert.Contains($"package=\"{PublishedPackage.RelativeZipPath}\"", Read("infra/azd-prepackage.sh"));
        Assert.Contains($"zip_path=\"$out_dir/campaign-engine.zip\"", Read("publish.sh"));
    }

    [GeneratedRegex(@"name: '(CampaignStorage|AzureWebJobsStorage)'")]
    private static partial Regex StorageConnectionStringSetting();
}
