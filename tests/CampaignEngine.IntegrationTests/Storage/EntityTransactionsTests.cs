using Azure.Core;
using Azure.Data.Tables;
using Azure.Data.Tables.Sas;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.Storage.Transactions;

namespace CampaignEngine.IntegrationTests.Storage;

/// <summary>The lean $batch writer against a real Azurite table service, read back with the SDK.</summary>
public sealed class EntityTransactionsTests : IAsyncLifetime
{
    private AzuriteServer azurite = null!;
    private TableServiceClient service = null!;
    private TableClient table = null!;
    private EntityTransactions transactions = null!;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteServer.SharedAsync();
        service = new TableServiceClient(azurite.ConnectionString);
        table = service.GetTableClient("tx" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateAsync();
        transactions = Transactions(StorageConnectionString.TableAuthentication(azurite.ConnectionString, service.AccountName));
    }

    public Task DisposeAsync() => table.DeleteAsync();

    private EntityTransactions Transactions(TableAuthentication authentication) =>
        new(service.Uri, authentication, retry => retry.MaxRetries = 0);

    private static EntityChange Row(string partition, int i) => EntityChange.Insert(partition, $"r{i:D3}",
    [
        EntityProperty.Of("Name", $"it's row {i} ü"),
        EntityProperty.Of("Count", 5_000_000_000L + i),
        EntityProperty.Of("At", new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(2))),
    ]);

    [Fact]
    public async Task AHundredInsertsCommitAndReadBackWithTheirTypes()
    {
        var changes = Enumerable.Range(0, 100).Select(i => Row("p", i)).ToList();

        var outcome = await transactions.SubmitAsync(table.Name, changes);

        Assert.True(outcome.Succeeded, outcome.ErrorMessage);
        Assert.Equal(100, outcome.ETags.Count);
        Assert.All(outcome.ETags, Assert.NotNull);
        var rows = await table.QueryAsync<TableEntity>(e => e.PartitionKey == "p").ToListAsync();
        Assert.Equal(100, rows.Count);
        var row = rows.Single(r => r.RowKey == "r042");
        Assert.Equal("it's row 42 ü", row.GetString("Name"));
        Assert.Equal(5_000_000_042L, row.GetInt64("Count"));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), row.GetDateTimeOffset("At"));
    }

    [Fact]
    public async Task AnExistingEntityFailsTheWholeTransactionAndIsNamedByItsIndex()
    {
        Assert.True((await transactions.SubmitAsync(table.Name, [Row("p", 7)])).Succeeded);

        var outcome = await transactions.SubmitAsync(table.Name, [Row("p", 5), Row("p", 6), Row("p", 7), Row("p", 8)]);

        Assert.False(outcome.Succeeded);
        Assert.Equal(409, outcome.Status);
        Assert.Equal(2, outcome.FailedIndex);
        Assert.Equal("EntityAlreadyExists", outcome.ErrorCode);
        // Atomic: none of the others was written.
        Assert.Single(await table.QueryAsync<TableEntity>(e => e.PartitionKey == "p").ToListAsync());
    }

    [Fact]
    public async Task AReplaceUnderAStaleETagFailsWith412AndUnderTheCurrentOneSucceeds()
    {
        var first = await transactions.SubmitAsync(table.Name, [Row("q", 1)]);
        var current = first.ETags[0]!;
        var second = await transactions.SubmitAsync(table.Name, [EntityChange.Replace("q", "r001", [EntityProperty.Of("Count", 2L)], current)]);
        Assert.True(second.Succeeded, second.ErrorMessage);

        var stale = await transactions.SubmitAsync(table.Name, [Row("q", 2), EntityChange.Replace("q", "r001", [EntityProperty.Of("Count", 3L)], current)]);

        Assert.Equal(412, stale.Status);
        Assert.Equal(1, stale.FailedIndex);
        var row = await table.GetEntityAsync<TableEntity>("q", "r001");
        Assert.Equal(2L, row.Value.GetInt64("Count"));
        Assert.Equal(second.ETags[0], row.Value.ETag.ToString());
    }

    [Fact]
    public async Task KeysWithQuotesAndSeparatorsAreAddressedExactly()
    {
        const string partition = "slug|007", key = "it's|a key";
        var inserted = await transactions.SubmitAsync(table.Name, [EntityChange.Insert(partition, key, [EntityProperty.Of("Count", 1L)])]);
        var replaced = await transactions.SubmitAsync(table.Name, [EntityChange.Replace(partition, key, [EntityProperty.Of("Count", 9L)], inserted.ETags[0]!)]);

        Assert.True(replaced.Succeeded, replaced.ErrorMessage);
        Assert.Equal(9L, (await table.GetEntityAsync<TableEntity>(partition, key)).Value.GetInt64("Count"));
    }

    [Fact]
    public async Task ASasTokenSignsTooAndAWrongKeyIsRefusedNotThrown()
    {
        var sas = service.GenerateSasUri(TableAccountSasPermissions.All, TableAccountSasResourceTypes.All, DateTimeOffset.UtcNow.AddHours(1)).Query;
        var withSas = Transactions(new TableAuthentication(service.AccountName, SasToken: sas));
        Assert.True((await withSas.SubmitAsync(table.Name, [Row("s", 1)])).Succeeded);

        var wrongKey = Transactions(new TableAuthentication(service.AccountName, AccountKey: new byte[64]));
        var refused = await wrongKey.SubmitAsync(table.Name, [Row("s", 2)]);
        Assert.Equal(403, refused.Status);
        Assert.False(refused.Succeeded);
    }
}
