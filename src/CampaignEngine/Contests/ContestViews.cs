using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using CampaignEngine.Storage;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Contests;

/// <summary>
/// Views of a contest's gallery and entry pages, the denominator of "flags per view". Counted in memory per instance and
/// added to one row per contest (entries table, partition <c>{slug}|v</c>) every <see cref="ContestOptions.ViewsFlush"/>,
/// under its ETag, so a page view costs no storage call. Approximate by design: a crash loses the views since the last
/// flush, and pages a CDN serves from its cache never reach the engine.
/// </summary>
public sealed class ContestViews(StorageClients clients, StorageNames names, IOptions<ContestOptions> options, TimeProvider time,
    ILogger<ContestViews> logger) : BackgroundService
{
    private const string RowKey = "views";
    private readonly ConcurrentDictionary<string, StrongBox> pending = new(StringComparer.Ordinal);

    private TableClient Table => clients.Tables.GetTableClient(names.EntriesTable);

    public static string Partition(string slug) => slug + "|v";

    public void Count(string slug) => Interlocked.Increment(ref pending.GetOrAdd(slug, _ => new StrongBox()).Value);

    public async Task<long> ReadAsync(string slug, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition(slug), RowKey, cancellationToken: cancellationToken);
        var unflushed = pending.TryGetValue(slug, out var box) ? Interlocked.Read(ref box.Value) : 0;
        return (row.HasValue ? row.Value!.GetInt64("Views") ?? 0 : 0) + unflushed;
    }

    /// <summary>Adds what this instance counted since the last flush to the stored totals; what fails to store is kept for the next.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var (slug, box) in pending)
        {
            var delta = Interlocked.Exchange(ref box.Value, 0);
            if (delta == 0) continue;
            try
            {
                await AddAsync(slug, delta, cancellationToken);
            }
            catch (Exception ex) when (ex is RequestFailedException or OperationCanceledException)
            {
                Interlocked.Add(ref box.Value, delta);
                if (ex is OperationCanceledException) throw;
                logger.LogWarning(ex, "Could not store the views of {Campaign}; they are kept for the next flush", slug);
            }
        }
    }

    private async Task AddAsync(string slug, long delta, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var found = await Table.GetEntityIfExistsAsync<TableEntity>(Partition(slug), RowKey, cancellationToken: cancellationToken);
            try
            {
                if (!found.HasValue)
                {
                    await Table.AddEntityAsync(new TableEntity(Partition(slug), RowKey) { ["Views"] = delta }, cancellationToken);
                }
                else
                {
                    var row = found.Value!;
                    row["Views"] = (row.GetInt64("Views") ?? 0) + delta;
                    await Table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 10)
            {
                // Another instance flushed in between: add to what it wrote.
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ViewsFlush, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the views since the last flush go with the instance, as documented.
        }
    }

    private sealed class StrongBox
    {
        public long Value;
    }
}
