using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CampaignEngine.Benchmarks;

/// <summary>
/// Solved proof-of-work challenges for wrk to send, one per vote: each fetched as a fresh device
/// (no cookie, so the engine issues one with the challenge), solved here, and written as
/// "cookie TAB solution" lines, one file per wrk thread (votes.lua's "pow" mode reads them).
/// Solving happens before the run, as fans' browsers do it before they vote; what the run measures
/// is the engine checking them.
/// </summary>
internal static class ChallengePool
{
    /// <param name="returning">
    /// Fetch a second challenge with the device cookie the first one set, and write that one: a returning
    /// device's challenge, which the engine keeps to one use in its single-use table.
    /// </param>
    public static async Task WriteAsync(Uri engine, string slug, int perThread, int threads, string pathPrefix, bool returning = false)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = 16 }) { BaseAddress = engine };
        var lines = new string[perThread * threads];
        await Parallel.ForAsync(0, lines.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var response = await http.GetAsync($"/c/{slug}/challenge", ct);
            response.EnsureSuccessStatusCode();
            var device = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).First(c => c.StartsWith("ce_device=", StringComparison.Ordinal));
            if (returning)
            {
                response.Dispose();
                using var again = new HttpRequestMessage(HttpMethod.Get, $"/c/{slug}/challenge") { Headers = { { "Cookie", device } } };
                response = await http.SendAsync(again, ct);
                response.EnsureSuccessStatusCode();
            }
            using var answered = response;
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            var challenge = body.GetProperty("challenge").GetString()!;
            lines[i] = $"{device}\t{challenge}:{Solve(challenge, body.GetProperty("difficulty").GetInt32())}";
        });
        for (var t = 0; t < threads; t++)
        {
            await File.WriteAllLinesAsync($"{pathPrefix}-{t + 1}.txt", lines.Skip(t * perThread).Take(perThread));
        }
    }

    /// <summary>The first decimal nonce whose SHA-256(challenge + nonce) starts with <paramref name="difficulty"/> zero bits.</summary>
    private static string Solve(string challenge, int difficulty)
    {
        for (var n = 0L; ; n++)
        {
            var nonce = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var hash = SHA256.HashData(Encoding.ASCII.GetBytes(challenge + nonce));
            if (LeadingZeroBits(hash) >= difficulty) return nonce;
        }
    }

    private static int LeadingZeroBits(byte[] hash)
    {
        var bits = 0;
        foreach (var b in hash)
        {
            if (b == 0) { bits += 8; continue; }
            return bits + System.Numerics.BitOperations.LeadingZeroCount((uint)b) - 24;
        }
        return bits;
    }
}
