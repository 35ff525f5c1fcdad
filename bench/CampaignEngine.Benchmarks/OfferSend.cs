using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;

namespace CampaignEngine.Benchmarks;

/// <summary>
/// The close-time send: a closed campaign with <paramref name="contacts"/> consented contacts and as many codes; from the
/// moment the send starts until every mail has been handed to the local SMTP server (maildev). The contacts are written
/// straight into the contacts table as the capture function writes them (seeding is not what is measured).
/// </summary>
public static class OfferSend
{
    public static async Task<OfferSendRun> RunAsync(Engine engine, string storage, string prefix, string slug, int contacts, Func<long> peakKib)
    {
        var http = engine.Http;
        await engine.CreatePollAsync(slug, 3, contact: new { mode = "optional", consentText = "Send me offers." });
        using (var put = await http.PutAsJsonAsync($"/api/campaigns/{slug}/offer", new
               {
                   subject = "Your code", message = "Thanks for voting, {{ name }}! Your code: {{ code }}", sendWhen = "atClose", staffPin = "1234",
               }))
        {
            if (!put.IsSuccessStatusCode) throw new InvalidOperationException($"Offer: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
        }
        var seeding = Stopwatch.StartNew();
        // In parts, each well inside the driver's 30 s request timeout.
        for (var made = 0; made < contacts; made += 20_000)
        {
            using var generated = await http.PostAsJsonAsync($"/api/campaigns/{slug}/offer/codes/generate", new { count = Math.Min(20_000, contacts - made), pattern = "BENCH-####-####" });
            if (!generated.IsSuccessStatusCode) throw new InvalidOperationException($"Codes: {(int)generated.StatusCode} {await generated.Content.ReadAsStringAsync()}");
        }
        var codesSeconds = seeding.Elapsed.TotalSeconds;
        await SeedContactsAsync(storage, prefix + "contacts", slug, contacts);
        Console.WriteLine($"  {contacts:N0} codes generated in {codesSeconds:0.0} s; {contacts:N0} consented contacts written in {seeding.Elapsed.TotalSeconds - codesSeconds:0.0} s");
        using (var closed = await http.PostAsync($"/api/campaigns/{slug}/close", null)) closed.EnsureSuccessStatusCode();

        var sentBefore = await SentAsync(http);
        var clock = Stopwatch.StartNew();
        using (var started = await http.PostAsync("/bench/offer-close-sends", null)) started.EnsureSuccessStatusCode();
        var deadline = TimeSpan.FromMinutes(20);
        long sent = 0;
        TimeSpan? handedOut = null;
        while (clock.Elapsed < deadline)
        {
            var progress = await http.GetFromJsonAsync<JsonElement>("/bench/emails");
            sent = progress.GetProperty("sent").GetInt64() - sentBefore;
            if (handedOut is null && progress.GetProperty("closeSends").GetInt64() > 0) handedOut = clock.Elapsed;
            if (sent >= contacts) break;
            await Task.Delay(500);
        }
        var elapsed = clock.Elapsed;
        var codes = (await OfferAsync(http, slug)).GetProperty("codes");
        var run = new OfferSendRun(contacts, sent, codes.GetProperty("assigned").GetInt64(), codes.GetProperty("missed").GetInt64(),
            codes.GetProperty("left").GetInt64(), elapsed, handedOut, sent / elapsed.TotalSeconds, peakKib() / 1024.0);
        Console.WriteLine($"  {run.Sent:N0} mails handed to the SMTP server in {elapsed.TotalSeconds:0.0} s ({run.MailsPerSecond:N0}/s); codes assigned {run.Assigned:N0}, " +
                          $"missed {run.Missed:N0}, left {run.Left:N0}; every code handed out {(handedOut is { } h ? $"{h.TotalSeconds:0.0} s" : "not by the end")} after the start");
        return run;
    }

    private static async Task<long> SentAsync(HttpClient http) => (await http.GetFromJsonAsync<JsonElement>("/bench/emails")).GetProperty("sent").GetInt64();

    // The offer's figures count the pool's rows, which takes a while under a send's load: a client of their own, patient.
    private static readonly HttpClient Patient = new() { Timeout = TimeSpan.FromMinutes(5) };

    private static async Task<JsonElement> OfferAsync(HttpClient http, string slug)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(http.BaseAddress!, $"/api/campaigns/{slug}/offer"));
        request.Headers.Authorization = http.DefaultRequestHeaders.Authorization;
        using var response = await Patient.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Contact rows as the capture function writes them: keyed by HMAC of the email with the bench's contact key secret.</summary>
    private static async Task SeedContactsAsync(string storage, string table, string slug, int contacts)
    {
        var client = new TableServiceClient(storage).GetTableClient(table);
        var secret = Encoding.UTF8.GetBytes(Engine.ContactKeySecret);
        var now = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(Enumerable.Range(0, contacts).Chunk(100), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (chunk, ct) =>
        {
            var actions = chunk.Select(i =>
            {
                var email = $"fan{i}@bench.example";
                var key = Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(email)));
                return new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(slug, "contact|" + key)
                {
                    ["Email"] = email, ["Name"] = $"Fan {i}", ["UpdatedAt"] = now, ["PurposeMarketing"] = true,
                });
            }).ToList();
            await client.SubmitTransactionAsync(actions, ct);
        });
    }
}

/// <summary>
/// One close-time send: mails handed to the SMTP server out of <paramref name="Contacts"/>, the pool's figures after, the
/// time to the last mail and to the last code (<paramref name="Assigned"/> at the offer's <c>sentAt</c>), and the engine's peak.
/// </summary>
public sealed record OfferSendRun(
    int Contacts, long Sent, long Assigned, long Missed, long Left, TimeSpan Elapsed, TimeSpan? CodesHandedOut, double MailsPerSecond, double PeakMib)
{
    public bool Exact => Sent == Contacts && Assigned == Contacts && Missed == 0 && Left == 0;
}
