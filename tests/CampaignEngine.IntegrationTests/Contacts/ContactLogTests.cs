using System.Net;
using System.Net.Http.Json;
using CampaignEngine.Contacts;
using CampaignEngine.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CampaignEngine.IntegrationTests.Contacts;

/// <summary>Everything the contacts capability does, logged at Information and above: no email or name appears.</summary>
public sealed class ContactLogTests
{
    [Fact]
    public async Task CaptureWithdrawalRekeyAndRetentionLogNoEmailsOrNames()
    {
        var logs = new CapturedLogs();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await EngineHost.StartAsync(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
            ["Timers:Enabled"] = "false",
        }, services: s => s.AddSingleton<ILoggerProvider>(logs).AddSingleton<TimeProvider>(clock));
        var slug = (await host.CreateCampaignAsync(new PollBuilder().UniqueSlug("logs").WithContact("required", retentionDays: 1))).Slug;

        using (var fan = host.CreateClient())
        {
            var form = await fan.PostAsync($"/c/{slug}/votes", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["optionId"] = "choc", ["email"] = "Secret.Fan@Example.com", ["name"] = "Zebedee Quux",
            }));
            Assert.Equal(HttpStatusCode.SeeOther, form.StatusCode);
        }
        using (var fan = host.CreateClient())
            Assert.Equal(HttpStatusCode.Accepted, (await fan.PostAsJsonAsync($"/c/{slug}/votes", new { optionId = "van", email = "other.fan@example.com", consent = true })).StatusCode);
        await Eventually.ReturnsAsync(async () => (await host.Admin.GetFromJsonAsync<ContactRecord[]>($"/api/campaigns/{slug}/contacts", EngineJson.Options))!,
            c => c.Length == 2, because: "both contacts captured");
        (await host.Admin.PostAsJsonAsync($"/api/campaigns/{slug}/contacts/withdraw-consent", new { email = "other.fan@example.com" })).EnsureSuccessStatusCode();
        await new ContactTable(host).WriteLegacyAsync(slug, "legacy.fan@example.com", "Legacy Name", campaign: true);
        (await host.Admin.PostAsync("/api/admin/contacts/rekey", null)).EnsureSuccessStatusCode();
        (await host.Admin.PostAsync($"/api/campaigns/{slug}/close", null)).EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromDays(1));
        var report = await host.Services.GetRequiredService<ContactRetentionJob>().RunAsync();

        Assert.Equal(3, report.Deleted);
        var lines = logs.Lines.ToList();
        Assert.Contains(lines, l => l.Contains("Captured 1 contacts", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("withdraw-consent", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Rekey:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Retention over for " + slug, StringComparison.Ordinal));
        foreach (var secret in new[] { "example.com", "secret.fan", "other.fan", "legacy.fan", "Zebedee", "Quux", "Legacy Name", EngineHost.ContactKeySecret })
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }
}
