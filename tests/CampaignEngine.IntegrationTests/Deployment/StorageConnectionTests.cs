using CampaignEngine.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.IntegrationTests.Deployment;

/// <summary>
/// Which storage the engine talks to, and how it signs in, follows configuration alone: a connection
/// string locally, an account name plus a token credential in Azure. Creating the clients makes no
/// network call, so these tests look at the clients' endpoints and the chosen authentication.
/// </summary>
public sealed class StorageConnectionTests
{
    private const string Azurite =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    private static StorageClients Clients(params (string Key, string Value)[] settings) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build());

    [Fact]
    public void AConnectionStringSelectsThatAccountWithItsKey()
    {
        var clients = Clients(("CampaignStorage", Azurite));

        Assert.Equal(StorageAuthentication.ConnectionString, clients.Authentication);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), clients.Tables.Uri);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), clients.Queues.Uri);
        Assert.Equal("devstoreaccount1", clients.Queues.AccountName);
    }

    [Fact]
    public void AnAccountNameWithManagedIdentitySelectsThePublicEndpointsAndNoKey()
    {
        var clients = Clients(("CampaignStorage:accountName", "stcampaignprod"), ("CampaignStorage:credential", "managedidentity"),
            ("CampaignStorage:clientId", "00000000-0000-0000-0000-000000000001"));

        Assert.Equal(StorageAuthentication.ManagedIdentity, clients.Authentication);
        Assert.Equal(new Uri("https://stcampaignprod.table.core.windows.net/"), clients.Tables.Uri);
        Assert.Equal(new Uri("https://stcampaignprod.queue.core.windows.net/"), clients.Queues.Uri);
        Assert.Equal("stcampaignprod", clients.Tables.AccountName);
        Assert.False(clients.Queues.CanGenerateAccountSasUri, "no shared key may be present on the identity path");
    }

    [Fact]
    public void AnAccountNameAloneUsesDefaultAzureCredentialSoADeveloperSignInWorks()
    {
        var clients = Clients(("CampaignStorage:accountName", "stcampaigndev"));

        Assert.Equal(StorageAuthentication.DefaultAzureCredential, clients.Authentication);
        Assert.Equal(new Uri("https://stcampaigndev.queue.core.windows.net/"), clients.Queues.Uri);
    }

    [Fact]
    public void ExplicitServiceUrisWinOverTheAccountName()
    {
        var clients = Clients(("CampaignStorage:accountName", "ignored"), ("CampaignStorage:credential", "managedidentity"),
            ("CampaignStorage:tableServiceUri", "https://stcampaign.table.core.chinacloudapi.cn/"),
            ("CampaignStorage:queueServiceUri", "https://stcampaign.queue.core.chinacloudapi.cn/"));

        Assert.Equal(new Uri("https://stcampaign.table.core.chinacloudapi.cn/"), clients.Tables.Uri);
        Assert.Equal(new Uri("https://stcampaign.queue.core.chinacloudapi.cn/"), clients.Queues.Uri);
    }

    [Fact]
    public void AConnectionStringWinsWhenBothAreSet()
    {
        var clients = Clients(("CampaignStorage", Azurite), ("CampaignStorage:accountName", "stcampaignprod"));
        Assert.Equal(StorageAuthentication.ConnectionString, clients.Authentication);
    }

    [Fact]
    public void TheAppSettingNamesAzureUsesReachTheEngine()
    {
        // App settings arrive as environment variables with "__" for ":"; a unique prefix keeps
        // this test from touching any other test's environment.
        var prefix = $"CETEST{Guid.NewGuid():N}_";
        try
        {
            Environment.SetEnvironmentVariable(prefix + "CampaignStorage__accountName", "stfromappsettings");
            Environment.SetEnvironmentVariable(prefix + "CampaignStorage__credential", "managedidentity");
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();

            var clients = new StorageClients(configuration);

            Assert.Equal(StorageAuthentication.ManagedIdentity, clients.Authentication);
            Assert.Equal("stfromappsettings", clients.Tables.AccountName);
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "CampaignStorage__accountName", null);
            Environment.SetEnvironmentVariable(prefix + "CampaignStorage__credential", null);
        }
    }

    [Fact]
    public void TheEngineWiresTheIdentityPathFromItsOwnConfiguration()
    {
        var app = CampaignEngineApp.Build(["--CampaignStorage:accountName=stwired", "--CampaignStorage:credential=managedidentity"]);
        try
        {
            var clients = app.Services.GetRequiredService<StorageClients>();
            Assert.Equal(StorageAuthentication.ManagedIdentity, clients.Authentication);
            Assert.Equal(new Uri("https://stwired.table.core.windows.net/"), clients.Tables.Uri);
        }
        finally
        {
            ((IDisposable)app).Dispose();
        }
    }

    [Fact]
    public void ABlobEndpointInTheConnectionStringGivesTheBlobClient()
    {
        var clients = Clients(("CampaignStorage", Azurite + "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;"));

        Assert.True(clients.HasBlobs);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), clients.Blobs.Uri);
    }

    [Fact]
    public void AConnectionStringWithOtherEndpointsButNoBlobEndpointLeavesImagesOff()
    {
        var clients = Clients(("CampaignStorage", Azurite));

        Assert.False(clients.HasBlobs);
        var error = Assert.Throws<InvalidOperationException>(() => clients.Blobs);
        Assert.Contains("BlobEndpoint", error.Message);
    }

    [Fact]
    public void DevelopmentStorageReachesAzuritesDefaultBlobPort()
    {
        var clients = Clients(("CampaignStorage", "UseDevelopmentStorage=true"));
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), clients.Blobs.Uri);
    }

    [Fact]
    public void AnAccountNameAlsoSelectsItsPublicBlobEndpoint()
    {
        var clients = Clients(("CampaignStorage:accountName", "stcampaignprod"), ("CampaignStorage:credential", "managedidentity"));
        Assert.Equal(new Uri("https://stcampaignprod.blob.core.windows.net/"), clients.Blobs.Uri);
        Assert.False(clients.Blobs.CanGenerateAccountSasUri, "no shared key may be present on the identity path");
    }

    [Fact]
    public void AnExplicitBlobServiceUriWinsAndWithoutOneOrAnAccountNameImagesAreOff()
    {
        var explicitUris = new[]
        {
            ("CampaignStorage:credential", "managedidentity"),
            ("CampaignStorage:tableServiceUri", "https://stcampaign.table.core.chinacloudapi.cn/"),
            ("CampaignStorage:queueServiceUri", "https://stcampaign.queue.core.chinacloudapi.cn/"),
        };

        Assert.False(Clients(explicitUris).HasBlobs);
        var clients = Clients([.. explicitUris, ("CampaignStorage:blobServiceUri", "https://stcampaign.blob.core.chinacloudapi.cn/")]);
        Assert.Equal(new Uri("https://stcampaign.blob.core.chinacloudapi.cn/"), clients.Blobs.Uri);
    }

    [Fact]
    public void WithNeitherSettingTheErrorNamesBoth()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Clients());

        Assert.Contains("'CampaignStorage'", error.Message);
        Assert.Contains("'CampaignStorage__accountName'", error.Message);
    }

    [Fact]
    public void HalfAnExplicitEndpointPairIsNotEnough()
    {
        Assert.Throws<InvalidOperationException>(() => Clients(("CampaignStorage:tableServiceUri", "https://x.table.core.windows.net/")));
    }
}
