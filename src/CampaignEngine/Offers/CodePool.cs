using System.Collections.Concurrent;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using CampaignEngine.Mail;
using static CampaignEngine.Offers.OfferRows;

namespace CampaignEngine.Offers;

/// <summary>
/// A campaign's pool of codes (rows in <see cref="OfferRows"/>). Giving a contact a code is one entity-group transaction:
/// add the contact's <c>assigned</c> row, add the receipt's row, delete the code's <c>free</c> row under its ETag. So a
/// contact who already has one (a redelivery, a retry, another instance) fails the add and gets the code it has, and a
/// code another taker got first fails the delete and is never given twice.
/// </summary>
public sealed class CodePool(OfferStore offers, TimeProvider time)
{
    /// <summary>A contact takes three operations; a transaction holds at most 100.</summary>
    private const int ClaimsPerTransaction = 33;
    private const int CodesPerTransaction = 50;
    /// <summary>Races lost in a row (another taker got a code first) before giving up; each won transaction starts the count again.</summary>
    private const int MaxLostRaces = 100;

    /// <summary>Most codes read ahead at once.</summary>
    private const int ReadAhead = 500;

    private TableClient Table => offers.Table;

    /// <summary>
    /// Gives each contact one code, or records that the pool was empty for them; a contact handled before keeps what it
    /// got. Returns every contact's assignment.
    /// </summary>
    public async Task<IReadOnlyList<Assignment>> AssignAsync(string slug, IReadOnlyList<Claimant> claimants, CancellationToken cancellationToken = default)
    {
        var results = new List<Assignment>();
        var waiting = claimants.DistinctBy(c => c.ContactKey).ToList();
        var committed = await CommittedImportsAsync(slug, cancellationToken);
        var lostRaces = 0;
        var seenBefore = false;
        // Codes read ahead for the contacts still waiting: one range read per few hundred contacts, not one per
        // transaction (a range read is the costly part, more so the larger the pool).
        var candidates = new List<FreeCode>();
        var poolEmpty = false;
        while (waiting.Count > 0)
        {
            var group = waiting.Take(ClaimsPerTransaction).ToList();
            if (seenBefore)
            {
                // One contact of this batch had its code already, so this is likely a redelivery: look the rest up
                // together rather than failing one transaction per contact.
                var known = await Task.WhenAll(group.Select(c => GetAsync(slug, c.ContactKey, cancellationToken)));
                var handled = known.OfType<Assignment>().ToList();
                results.AddRange(handled);
                waiting.RemoveAll(c => handled.Any(h => h.ContactKey == c.ContactKey));
                group.RemoveAll(c => handled.Any(h => h.ContactKey == c.ContactKey));
                if (group.Count == 0) continue;
            }
            if (candidates.Count < group.Count && !poolEmpty)
            {
                var wanted = Math.Min(waiting.Count, ReadAhead) - candidates.Count;
                var read = await FreeCodesAsync(slug, Math.Max(wanted, group.Count), committed, cancellationToken);
                var held = candidates.Select(c => c.FreeKey).ToHashSet(StringComparer.Ordinal);
                candidates.AddRange(read.Where(r => held.Add(r.FreeKey)));
                poolEmpty = candidates.Count == 0;
            }
            var free = candidates.Take(group.Count).ToList();
            var now = time.GetUtcNow();
            var actions = new List<TableTransactionAction>();
            var owners = new List<int>();
            var made = new List<Assignment>();
            for (var i = 0; i < group.Count && (free.Count == 0 || i < free.Count); i++)
            {
                var claimant = group[i];
                var code = free.Count == 0 ? null : free[i];
                var assignment = new Assignment(claimant.ContactKey, code?.Code, code is null, now, null, null);
                made.Add(assignment);
                actions.Add(new(TableTransactionActionType.Add, AssignedRow(slug, assignment, claimant.Receipt)));
                owners.Add(i);
                if (claimant.Receipt is not null)
                {
                    actions.Add(new(TableTransactionActionType.Add, new TableEntity(slug, Receipt(claimant.Receipt))
                    {
                        ["ContactKey"] = claimant.ContactKey, ["Code"] = code?.Code, ["Missed"] = code is null,
                    }));
                    owners.Add(i);
                }
                if (code is not null)
                {
                    actions.Add(new(TableTransactionActionType.Delete, new TableEntity(slug, code.FreeKey), code.ETag));
                    owners.Add(i);
                }
            }
            try
            {
                await Table.SubmitTransactionAsync(actions, cancellationToken);
                candidates.RemoveRange(0, free.Count);
                lostRaces = 0;
                results.AddRange(made);
                foreach (var m in made) waiting.RemoveAll(c => c.ContactKey == m.ContactKey);
            }
            catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex is { } failed && failed < actions.Count)
            {
                var claimant = group[owners[failed]];
                if (actions[failed].ActionType == TableTransactionActionType.Delete)
                {
                    // Another taker got a code first: the candidates are read again (others may be gone too).
                    candidates.Clear();
                    if (++lostRaces > MaxLostRaces) throw new InvalidOperationException($"Could not hand out codes of {slug}: other takers kept taking the same ones.", ex);
                    continue;
                }
                // Handled before: the contact keeps what it got.
                results.Add(await GetAsync(slug, claimant.ContactKey, cancellationToken)
                            ?? throw new InvalidOperationException($"A contact of {slug} conflicts on its assignment but has none.", ex));
                waiting.Remove(claimant);
                seenBefore = true;
            }
        }
        return results;
    }

    public async Task<Assignment?> GetAsync(string slug, string contactKey, CancellationToken cancellationToken = default)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(slug, Assigned(contactKey), cancellationToken: cancellationToken);
        return row.HasValue ? ToAssignment(row.Value!) : null;
    }

    /// <summary>What the submission with <paramref name="receipt"/> brought its fan: a code, an empty pool, or nothing (yet).</summary>
    public async Task<ReceiptOffer?> ForReceiptAsync(string slug, string receipt, CancellationToken cancellationToken = default)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(slug, Receipt(receipt), cancellationToken: cancellationToken);
        return row.HasValue ? new ReceiptOffer(row.Value!.GetString("Code"), row.Value.GetBoolean("Missed") == true) : null;
    }

    /// <summary>
    /// Takes the sending of a contact's offer mail: null when it was sent already or there is no assignment. Two deliveries
    /// of the same mail job meet here: the second finds the first's claim and throws <see cref="MailBusyException"/>, so
    /// its message comes back later, finds the mail sent and is done. A claim older than <see cref="SendingClaim"/> is
    /// taken over (its sender died).
    /// </summary>
    public async Task<Assignment?> ClaimSendingAsync(string slug, string contactKey, CancellationToken cancellationToken = default)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(slug, Assigned(contactKey), cancellationToken: cancellationToken);
        if (!row.HasValue) return null;
        var assignment = ToAssignment(row.Value!);
        if (assignment.EmailedAt is not null) return null;
        var now = time.GetUtcNow();
        if (row.Value!.GetDateTimeOffset("SendingAt") is { } since && now - since < SendingClaim) throw new MailBusyException();
        try
        {
            await Table.UpdateEntityAsync(new TableEntity(slug, Assigned(contactKey)) { ["SendingAt"] = now.UtcDateTime }, row.Value.ETag,
                TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            throw new MailBusyException();
        }
        return assignment;
    }

    /// <summary>How long a claim on sending a mail holds before another delivery may take it over.</summary>
    public static readonly TimeSpan SendingClaim = TimeSpan.FromMinutes(2);

    /// <summary>Gives a claim on sending back (the server refused the mail), so the retry of its job need not wait the claim out.</summary>
    public Task ReleaseSendingAsync(string slug, string contactKey, CancellationToken cancellationToken = default) =>
        Table.UpdateEntityAsync(new TableEntity(slug, Assigned(contactKey)) { ["SendingAt"] = DateTime.UnixEpoch }, ETag.All, TableUpdateMode.Merge, cancellationToken);

    public Task MarkEmailedAsync(string slug, string contactKey, CancellationToken cancellationToken = default) =>
        Table.UpdateEntityAsync(new TableEntity(slug, Assigned(contactKey)) { ["EmailedAt"] = time.GetUtcNow().UtcDateTime }, ETag.All,
            TableUpdateMode.Merge, cancellationToken);

    /// <summary>Wrong staff PINs one code may take in a <see cref="PinWindow"/> before it redeems nothing until the window ends.</summary>
    public const int MaxWrongPinsPerCode = 5;

    /// <summary>Wrong staff PINs the whole offer may take in a window: a guesser holding many codes is bounded too.</summary>
    public const int MaxWrongPinsPerOffer = 50;

    public static readonly TimeSpan PinWindow = TimeSpan.FromMinutes(15);

    /// <summary>When redemption of this code opens again if it or its offer took too many wrong PINs in this window; null when open.</summary>
    public async Task<DateTimeOffset?> PinLockedUntilAsync(string slug, string contactKey, CancellationToken cancellationToken = default)
    {
        var (offerKey, codeKey, ends) = PinRowsOf(contactKey);
        var offerRow = WrongPinsAsync(slug, offerKey, cancellationToken);
        var codeRow = WrongPinsAsync(slug, codeKey, cancellationToken);
        return await offerRow >= MaxWrongPinsPerOffer || await codeRow >= MaxWrongPinsPerCode ? ends : null;
    }

    /// <summary>Counts a wrong staff PIN for the code and for its offer in the current window.</summary>
    public async Task CountWrongPinAsync(string slug, string contactKey, CancellationToken cancellationToken = default)
    {
        var (offerKey, codeKey, _) = PinRowsOf(contactKey);
        await Task.WhenAll(IncrementAsync(slug, offerKey, cancellationToken), IncrementAsync(slug, codeKey, cancellationToken));
    }

    private async Task<int> WrongPinsAsync(string slug, string key, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(slug, key, ["Wrong"], cancellationToken);
        return row.HasValue ? row.Value!.GetInt32("Wrong") ?? 0 : 0;
    }

    /// <summary>One more in a counter row, replaced under its ETag so two wrong PINs at once both count.</summary>
    private async Task IncrementAsync(string slug, string key, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(slug, key, ["Wrong"], cancellationToken);
            try
            {
                if (!row.HasValue) await Table.AddEntityAsync(new TableEntity(slug, key) { ["Wrong"] = 1 }, cancellationToken);
                else await Table.UpdateEntityAsync(new TableEntity(slug, key) { ["Wrong"] = (row.Value!.GetInt32("Wrong") ?? 0) + 1 },
                    row.Value.ETag, TableUpdateMode.Merge, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another wrong PIN was counted at the same moment: read again.
            }
        }
    }

    private (string Offer, string Code, DateTimeOffset Ends) PinRowsOf(string contactKey)
    {
        var start = time.GetUtcNow().UtcTicks / PinWindow.Ticks * PinWindow.Ticks;
        return ($"pins|{start:D19}", $"pins|{start:D19}|{contactKey}", new DateTimeOffset(start, TimeSpan.Zero) + PinWindow);
    }

    /// <summary>Records the first redemption of a contact's code; a later one changes nothing and gets the first's time back.</summary>
    public async Task<Redemption?> RedeemAsync(string slug, string contactKey, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(slug, Assigned(contactKey), cancellationToken: cancellationToken);
            if (!row.HasValue || ToAssignment(row.Value!) is not { Code: not null } assignment) return null;
            if (assignment.RedeemedAt is { } first) return new Redemption(assignment, First: false);
            var at = time.GetUtcNow();
            try
            {
                await Table.UpdateEntityAsync(new TableEntity(slug, Assigned(contactKey)) { ["RedeemedAt"] = at.UtcDateTime }, row.Value!.ETag,
                    TableUpdateMode.Merge, cancellationToken);
                return new Redemption(assignment with { RedeemedAt = at }, First: true);
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < 5)
            {
                // Changed since read (another till redeemed it, or its mail was recorded): read again.
            }
        }
    }

    /// <summary>
    /// Puts codes into the pool, all or none: they become takeable only when the import is marked committed, after every
    /// one of them is written. A code the pool has had before is left out and reported.
    /// </summary>
    public async Task<PoolImport> ImportAsync(string slug, IReadOnlyList<string> codes, string source, CancellationToken cancellationToken = default)
    {
        var id = $"{time.GetUtcNow().UtcTicks:D19}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        await Table.AddEntityAsync(new TableEntity(slug, Import(id)) { ["State"] = Pending, ["Source"] = source, ["Count"] = 0 }, cancellationToken);
        var known = new ConcurrentBag<string>();
        var written = new ConcurrentBag<(string Code, string FreeKey)>();
        try
        {
            await Parallel.ForEachAsync(codes.Chunk(CodesPerTransaction), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                async (chunk, ct) =>
                {
                    var left = chunk.Select(code => (Code: code, FreeKey: FreePrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)))).ToList();
                    while (left.Count > 0)
                    {
                        var actions = left.SelectMany(c => new TableTransactionAction[]
                        {
                            new(TableTransactionActionType.Add, new TableEntity(slug, Code(c.Code)) { ["Import"] = id }),
                            new(TableTransactionActionType.Add, new TableEntity(slug, c.FreeKey) { ["Code"] = c.Code, ["Import"] = id }),
                        }).ToList();
                        try
                        {
                            await Table.SubmitTransactionAsync(actions, ct);
                            foreach (var c in left) written.Add(c);
                            return;
                        }
                        catch (TableTransactionFailedException ex) when (ex.Status == 409 && ex.FailedTransactionActionIndex is { } failed)
                        {
                            var clash = left[failed / 2];
                            left.RemoveAt(failed / 2);
                            // An even action is the code's own row: the pool has had this code. An odd one is a random key met twice.
                            if (failed % 2 == 0) known.Add(clash.Code);
                            else left.Add((clash.Code, FreePrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))));
                        }
                    }
                });
            await Table.UpdateEntityAsync(new TableEntity(slug, Import(id)) { ["State"] = Committed, ["Count"] = written.Count }, ETag.All,
                TableUpdateMode.Merge, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await UndoAsync(slug, id, written);
            throw;
        }
        return new PoolImport(id, written.Count, [.. known.Order(StringComparer.Ordinal)]);
    }

    public async Task<PoolStats> StatsAsync(string slug, CancellationToken cancellationToken = default)
    {
        long total = 0, free = 0, assigned = 0, missed = 0, redeemed = 0;
        var committed = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in Table.QueryAsync<TableEntity>(StartingWith(slug, ImportPrefix), select: ["RowKey", "State", "Count"], cancellationToken: cancellationToken))
        {
            if (row.GetString("State") != Committed) continue;
            committed.Add(row.RowKey[ImportPrefix.Length..]);
            total += row.GetInt32("Count") ?? 0;
        }
        await foreach (var row in Table.QueryAsync<TableEntity>(StartingWith(slug, FreePrefix), select: ["Import"], cancellationToken: cancellationToken))
        {
            if (committed.Contains(row.GetString("Import") ?? "")) free++;
        }
        await foreach (var row in Table.QueryAsync<TableEntity>(StartingWith(slug, AssignedPrefix), select: ["Missed", "RedeemedAt"], cancellationToken: cancellationToken))
        {
            if (row.GetBoolean("Missed") == true) missed++;
            else assigned++;
            if (row.GetDateTimeOffset("RedeemedAt") is not null) redeemed++;
        }
        return new PoolStats(total, free, assigned, missed, redeemed);
    }

    private async Task<HashSet<string>> CommittedImportsAsync(string slug, CancellationToken cancellationToken)
    {
        var committed = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in Table.QueryAsync<TableEntity>(StartingWith(slug, ImportPrefix), select: ["RowKey", "State"], cancellationToken: cancellationToken))
        {
            if (row.GetString("State") == Committed) committed.Add(row.RowKey[ImportPrefix.Length..]);
        }
        return committed;
    }

    /// <summary>Up to <paramref name="count"/> takeable codes, read from a random place in the pool so concurrent takers rarely want the same ones.</summary>
    private async Task<List<FreeCode>> FreeCodesAsync(string slug, int count, HashSet<string> committed, CancellationToken cancellationToken)
    {
        var start = FreePrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var found = await ReadFreeAsync(StartingWith(slug, FreePrefix, start), count, committed, cancellationToken);
        if (found.Count < count)
        {
            var before = TableClient.CreateQueryFilter($"PartitionKey eq {slug} and RowKey ge {FreePrefix} and RowKey lt {start}");
            found.AddRange(await ReadFreeAsync(before, count - found.Count, committed, cancellationToken));
        }
        return found;
    }

    private async Task<List<FreeCode>> ReadFreeAsync(string filter, int count, HashSet<string> committed, CancellationToken cancellationToken)
    {
        var found = new List<FreeCode>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Max(count, 10), select: ["RowKey", "Code", "Import"], cancellationToken: cancellationToken))
        {
            if (!committed.Contains(row.GetString("Import") ?? "")) continue;
            found.Add(new FreeCode(row.RowKey, row.GetString("Code"), row.ETag));
            if (found.Count == count) break;
        }
        return found;
    }

    private async Task UndoAsync(string slug, string id, IEnumerable<(string Code, string FreeKey)> written)
    {
        try
        {
            await Table.UpdateEntityAsync(new TableEntity(slug, Import(id)) { ["State"] = Failed }, ETag.All, TableUpdateMode.Merge);
            foreach (var chunk in written.Chunk(CodesPerTransaction))
            {
                await Table.SubmitTransactionAsync(chunk.SelectMany(c => new TableTransactionAction[]
                {
                    new(TableTransactionActionType.Delete, new TableEntity(slug, c.FreeKey)),
                    new(TableTransactionActionType.Delete, new TableEntity(slug, Code(c.Code))),
                }));
            }
        }
        catch (Exception)
        {
            // The import stays pending or failed: its codes are never takeable, which is what matters.
        }
    }

    private static TableEntity AssignedRow(string slug, Assignment a, string? receipt) => new(slug, Assigned(a.ContactKey))
    {
        ["Code"] = a.Code, ["Missed"] = a.Missed, ["Receipt"] = receipt, ["AssignedAt"] = a.AssignedAt.UtcDateTime,
    };

    private static Assignment ToAssignment(TableEntity row) => new(
        row.RowKey[AssignedPrefix.Length..], row.GetString("Code"), row.GetBoolean("Missed") == true,
        row.GetDateTimeOffset("AssignedAt") ?? default, row.GetDateTimeOffset("EmailedAt"), row.GetDateTimeOffset("RedeemedAt"));

    private sealed record FreeCode(string FreeKey, string Code, ETag ETag);
}

/// <summary>A contact to give a code, with the receipt of the submission it came with (null when none).</summary>
public sealed record Claimant(string ContactKey, string? Receipt);

/// <summary>What a contact got: a code, or <see cref="Missed"/> when the pool was empty for them.</summary>
public sealed record Assignment(string ContactKey, string? Code, bool Missed, DateTimeOffset AssignedAt, DateTimeOffset? EmailedAt, DateTimeOffset? RedeemedAt);

/// <summary>A redemption: the assignment with its (first) redemption time, and whether this call made it.</summary>
public sealed record Redemption(Assignment Assignment, bool First);

public sealed record ReceiptOffer(string? Code, bool Missed);

public sealed record PoolImport(string Id, int Imported, IReadOnlyList<string> AlreadyInPool);

public sealed record PoolStats(long Codes, long Left, long Assigned, long Missed, long Redeemed);
