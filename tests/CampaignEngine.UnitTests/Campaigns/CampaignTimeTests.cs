using System.Globalization;
using CampaignEngine.Campaigns;
using CampaignEngine.Submissions;
using CsCheck;
using Microsoft.Extensions.Time.Testing;

namespace CampaignEngine.UnitTests.Campaigns;

public sealed class CampaignTimeTests
{
    private static readonly TimeZoneInfo Warsaw = CampaignTime.Zone("Europe/Warsaw");

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("Europe/Warsaw")]
    [InlineData("America/Argentina/Buenos_Aires")]
    [InlineData("Asia/Kolkata")]
    [InlineData("Europe/Kiev")]
    [InlineData("Etc/GMT+5")]
    [InlineData("UTC")]
    [InlineData(null)]
    public void IanaIdsAreAccepted(string? id) => Assert.Null(CampaignTime.ValidateZoneId(id));

    [Theory]
    [InlineData("Central European Standard Time", "Europe/Warsaw")]
    [InlineData("W. Europe Standard Time", "Europe/Berlin")]
    [InlineData("Pacific Standard Time", "America/Los_Angeles")]
    public void WindowsIdsAreRefusedWithTheIanaIdToUse(string id, string iana)
    {
        var error = CampaignTime.ValidateZoneId(id);
        Assert.NotNull(error);
        Assert.Contains("Windows", error);
        Assert.Contains(iana, error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Europe/Warsaw ")]
    [InlineData("../../etc/passwd")]
    [InlineData("/usr/share/zoneinfo/Europe/Warsaw")]
    [InlineData("posix/Europe/Warsaw")]
    [InlineData("right/Europe/Warsaw")]
    [InlineData("posixrules")]
    [InlineData("localtime")]
    [InlineData("Factory")]
    [InlineData("UTC-11")]
    [InlineData("+02:00")]
    [InlineData("europe/warsaw")]
    public void GarbageAndNonZonesAreRefused(string id)
    {
        Assert.NotNull(CampaignTime.ValidateZoneId(id));
        Assert.False(CampaignTime.TryGetZone(id, out _));
        Assert.Throws<ArgumentException>(() => CampaignTime.Zone(id));
    }

    [Fact]
    public void NoZoneIsUtc() => Assert.Same(TimeZoneInfo.Utc, CampaignTime.Zone(null));

    [Theory]
    [InlineData("2026-03-28T22:59:59Z", "d20260328")]
    [InlineData("2026-03-28T23:00:00Z", "d20260329")]
    [InlineData("2026-03-29T21:59:59Z", "d20260329")]
    [InlineData("2026-03-29T22:00:00Z", "d20260330")]
    [InlineData("2026-10-24T21:59:59Z", "d20261024")]
    [InlineData("2026-10-24T22:00:00Z", "d20261025")]
    [InlineData("2026-10-25T22:59:59Z", "d20261025")]
    [InlineData("2026-10-25T23:00:00Z", "d20261026")]
    public void TheDayKeyIsTheLocalDate(string instant, string key) => Assert.Equal(key, CampaignTime.DayKey(At(instant), Warsaw));

    [Fact]
    public void WarsawsSpringForwardDayLasts23Hours()
    {
        var during = At("2026-03-29T12:00:00Z");

        Assert.Equal(At("2026-03-29T00:00:00+01:00"), CampaignTime.DayStart(during, Warsaw));
        Assert.Equal(At("2026-03-30T00:00:00+02:00"), CampaignTime.DayEnd(during, Warsaw));
        Assert.Equal(TimeSpan.FromHours(23), CampaignTime.DayEnd(during, Warsaw) - CampaignTime.DayStart(during, Warsaw));
    }

    [Fact]
    public void WarsawsFallBackDayLasts25Hours()
    {
        var during = At("2026-10-25T01:30:00Z");

        Assert.Equal(At("2026-10-25T00:00:00+02:00"), CampaignTime.DayStart(during, Warsaw));
        Assert.Equal(At("2026-10-26T00:00:00+01:00"), CampaignTime.DayEnd(during, Warsaw));
        Assert.Equal(TimeSpan.FromHours(25), CampaignTime.DayEnd(during, Warsaw) - CampaignTime.DayStart(during, Warsaw));
    }

    [Fact]
    public void TheDayBeforeMidnightEndsAtMidnight()
    {
        var justBefore = At("2026-03-28T22:59:59.999Z");

        Assert.Equal(At("2026-03-28T23:00:00Z"), CampaignTime.DayEnd(justBefore, Warsaw));
        Assert.NotEqual(CampaignTime.DayKey(justBefore, Warsaw), CampaignTime.DayKey(CampaignTime.DayEnd(justBefore, Warsaw), Warsaw));
    }

    [Fact]
    public void WhenSantiagoSkipsMidnightTheDayStartsAtOneOClock()
    {
        // On 6 September 2026 Chile's clocks jump from 24:00 (UTC-4) to 01:00 (UTC-3).
        var santiago = CampaignTime.Zone("America/Santiago");
        var saturday = At("2026-09-05T12:00:00-04:00");

        var end = CampaignTime.DayEnd(saturday, santiago);

        Assert.Equal(At("2026-09-06T04:00:00Z"), end);
        Assert.Equal(new TimeSpan(1, 0, 0), TimeZoneInfo.ConvertTime(end, santiago).TimeOfDay);
        Assert.Equal("d20260905", CampaignTime.DayKey(end.AddTicks(-1), santiago));
        Assert.Equal("d20260906", CampaignTime.DayKey(end, santiago));
        Assert.Equal(TimeSpan.FromHours(23), CampaignTime.DayEnd(end, santiago) - end);
    }

    [Fact]
    public void WhenHavanaRepeatsMidnightTheDayStartsAtTheFirst()
    {
        // On 1 November 2026 Cuba's clocks go back from 01:00 (UTC-4) to 00:00 (UTC-5).
        var havana = CampaignTime.Zone("America/Havana");

        var end = CampaignTime.DayEnd(At("2026-10-31T12:00:00-04:00"), havana);

        Assert.Equal(At("2026-11-01T00:00:00-04:00"), end);
        Assert.Equal("d20261101", CampaignTime.DayKey(end, havana));
        Assert.Equal("d20261031", CampaignTime.DayKey(end.AddTicks(-1), havana));
        Assert.Equal(TimeSpan.FromHours(25), CampaignTime.DayEnd(end, havana) - end);
    }

    [Fact]
    public void WhenSamoaSkippedADayItsEveEndedAtTheDayAfter()
    {
        // Samoa crossed the date line: 29 December 2011 was followed by 31 December.
        var apia = CampaignTime.Zone("Pacific/Apia");

        var end = CampaignTime.DayEnd(At("2011-12-29T12:00:00-10:00"), apia);

        Assert.Equal(At("2011-12-31T00:00:00+14:00"), end);
        Assert.Equal("d20111231", CampaignTime.DayKey(end, apia));
    }

    [Fact]
    public void TheUtcDayKeyIsTheOneVotesUseToday() =>
        Gen.Long[DateTimeOffset.Parse("2000-01-01Z").ToUnixTimeMilliseconds(), DateTimeOffset.Parse("2060-01-01Z").ToUnixTimeMilliseconds()]
            .Select(DateTimeOffset.FromUnixTimeMilliseconds)
            .Sample(at => Assert.Equal(SubmissionKeys.PeriodKey(VotingPeriod.Day, at), CampaignTime.DayKey(at, TimeZoneInfo.Utc)));

    [Fact]
    public void EveryInstantLiesInItsDayAndTheNextDayStartsAtItsEnd()
    {
        var zones = new[] { "Europe/Warsaw", "America/Santiago", "America/Havana", "Australia/Lord_Howe", "Pacific/Chatham", "Asia/Kolkata", "UTC" }
            .Select(CampaignTime.Zone).ToArray();
        Gen.Select(Gen.Long[DateTimeOffset.Parse("2000-01-01Z").ToUnixTimeSeconds(), DateTimeOffset.Parse("2040-01-01Z").ToUnixTimeSeconds()], Gen.Int[0, zones.Length - 1])
            .Sample((seconds, z) =>
            {
                var (at, zone) = (DateTimeOffset.FromUnixTimeSeconds(seconds), zones[z]);
                var (start, end) = (CampaignTime.DayStart(at, zone), CampaignTime.DayEnd(at, zone));

                Assert.InRange(at, start, end.AddTicks(-1));
                Assert.Equal(CampaignTime.DayKey(at, zone), CampaignTime.DayKey(start, zone));
                Assert.Equal(CampaignTime.DayKey(at, zone), CampaignTime.DayKey(end.AddTicks(-1), zone));
                Assert.NotEqual(CampaignTime.DayKey(at, zone), CampaignTime.DayKey(end, zone));
                Assert.InRange(end - start, TimeSpan.FromHours(23), TimeSpan.FromHours(25));
            }, iter: 5000);
    }

    [Fact]
    public void TheKeyTurnsOverAtLocalMidnightAsTheClockAdvances()
    {
        var time = new FakeTimeProvider(At("2026-03-28T22:59:00Z"));
        var before = CampaignTime.DayKey(time.GetUtcNow(), Warsaw);

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(("d20260328", "d20260329"), (before, CampaignTime.DayKey(time.GetUtcNow(), Warsaw)));
    }

    [Theory]
    [InlineData("Europe/Warsaw", "en-GB", "Monday, 4 May 2026 15:45 UTC+2")]
    [InlineData("America/New_York", "en-GB", "Monday, 4 May 2026 09:45 UTC-4")]
    [InlineData("Asia/Kathmandu", "en-GB", "Monday, 4 May 2026 19:30 UTC+5:45")]
    [InlineData("UTC", "pl-PL", "poniedziałek, 4 maja 2026 13:45 UTC")]
    [InlineData("Europe/Paris", "fr-FR", "lundi 4 mai 2026 15:45 UTC+2")]
    public void InstantsAreShownInTheZoneWithItsOffset(string zone, string culture, string expected) =>
        Assert.Equal(expected, CampaignTime.Format(At("2026-05-04T13:45:00Z"), CampaignTime.Zone(zone), CultureInfo.GetCultureInfo(culture)));

    [Fact]
    public void TheShownOffsetFollowsDaylightSavingTime() =>
        Assert.Equal("Thursday, 1 January 2026 13:45 UTC+1", CampaignTime.Format(At("2026-01-01T12:45:00Z"), Warsaw, CultureInfo.GetCultureInfo("en-GB")));
}
