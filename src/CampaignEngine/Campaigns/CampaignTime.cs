using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CampaignEngine.Campaigns;

/// <summary>
/// A campaign's clock: its IANA time zone, the local day an instant falls in (<c>d20260329</c>),
/// when that day ends, and how an instant reads in the zone. A campaign without a zone runs on UTC.
/// Zones come from the host's tz database (/usr/share/zoneinfo on Linux, also for self-contained apps).
/// </summary>
public static partial class CampaignTime
{
    public const int MaxZoneIdLength = 64;

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9][A-Za-z0-9_+\-]*){0,2}$")]
    private static partial Regex IanaShape();

    /// <summary>Why an id is not a usable IANA zone id, or null when it is. Null (no zone) means UTC and is fine.</summary>
    public static string? ValidateZoneId(string? id)
    {
        if (id is null) return null;
        const string Hint = "Use an IANA time zone id such as Europe/Warsaw or America/New_York.";
        if (id.Length is 0 or > MaxZoneIdLength || !IanaShape().IsMatch(id))
        {
            return TimeZoneInfo.TryConvertWindowsIdToIanaId(id, out var iana)
                ? $"'{id}' is a Windows time zone id; use the IANA id instead, e.g. {iana}."
                : Hint;
        }
        // The tz directory also holds files that are not zones people live in.
        if (id is "Factory" or "localtime" or "posixrules" || id.StartsWith("posix/", StringComparison.Ordinal) || id.StartsWith("right/", StringComparison.Ordinal))
            return Hint;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)) return $"Unknown time zone '{id}'. {Hint}";
        // On Linux a Windows id such as "UTC-11" is found by conversion; it has no IANA id then.
        if (!zone.HasIanaId) return $"'{id}' is a Windows time zone id. {Hint}";
        return zone.Id == id ? null : $"Time zone ids are case-sensitive: did you mean {zone.Id}?";
    }

    /// <summary>The zone of a campaign: UTC when it names none.</summary>
    public static bool TryGetZone(string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        if (ValidateZoneId(id) is not null) return false;
        zone = id is null ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(id);
        return true;
    }

    /// <summary>The zone of a campaign (UTC when it names none); looked up once per id, as votes ask on every request.</summary>
    public static TimeZoneInfo Zone(string? id) => id is null
        ? TimeZoneInfo.Utc
        : Zones.GetOrAdd(id, static key => TryGetZone(key, out var zone) ? zone : throw new ArgumentException(ValidateZoneId(key), nameof(id)));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TimeZoneInfo> Zones = new(StringComparer.Ordinal);

    public static DateOnly LocalDate(DateTimeOffset at, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>The "day" period key: <c>d</c> and the local calendar date, e.g. <c>d20260329</c>.</summary>
    public static string DayKey(DateTimeOffset at, TimeZoneInfo zone) =>
        "d" + LocalDate(at, zone).ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static DateTimeOffset DayStart(DateTimeOffset at, TimeZoneInfo zone) => StartOf(LocalDate(at, zone), zone);

    /// <summary>When the local day of <paramref name="at"/> ends: the first instant of the next local date.</summary>
    public static DateTimeOffset DayEnd(DateTimeOffset at, TimeZoneInfo zone) => StartOf(LocalDate(at, zone).AddDays(1), zone);

    /// <summary>The first instant whose local date is <paramref name="date"/>; usually its midnight.</summary>
    public static DateTimeOffset StartOf(DateOnly date, TimeZoneInfo zone)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // Midnight happens twice when clocks go back to it (Havana in November): the day starts at the first.
        if (zone.IsAmbiguousTime(midnight)) return new DateTimeOffset(midnight, zone.GetAmbiguousTimeOffsets(midnight).Max());
        if (!zone.IsInvalidTime(midnight)) return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
        return FirstInstantFrom(midnight, zone);
    }

    /// <summary>
    /// Midnight was skipped (Santiago in September jumps from 24:00 to 01:00): the day starts at the
    /// jump, the first instant whose local time is past midnight. Offsets lie within ±14 h, so that
    /// instant is within the window searched; clocks change on whole seconds.
    /// </summary>
    private static DateTimeOffset FirstInstantFrom(DateTime localMidnight, TimeZoneInfo zone)
    {
        var asUtc = new DateTimeOffset(localMidnight, TimeSpan.Zero);
        long low = asUtc.AddHours(-15).ToUnixTimeSeconds(), high = asUtc.AddHours(15).ToUnixTimeSeconds();
        while (low < high)
        {
            var mid = low + (high - low) / 2;
            if (TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(mid), zone).DateTime >= localMidnight) high = mid;
            else low = mid + 1;
        }
        return TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(low), zone);
    }

    /// <summary>A moment for people: long date, 24-hour time and UTC offset in the zone, e.g. "Monday, 4 May 2026 15:45 UTC+2".</summary>
    public static string Format(DateTimeOffset at, TimeZoneInfo zone, CultureInfo culture, string datePattern = "D")
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return LocalDateTime(local, culture, datePattern) + " " + OffsetLabel(local.Offset);
    }

    internal static string LocalDateTime(DateTimeOffset local, CultureInfo culture, string datePattern) =>
        local.ToString(datePattern, culture) + " " + local.ToString("HH:mm", culture);

    /// <summary>
    /// "UTC", "UTC+2", "UTC-3", "UTC+5:30". .NET exposes no zone abbreviations (CEST), and those
    /// are ambiguous anyway (CST is three zones).
    /// </summary>
    public static string OffsetLabel(TimeSpan offset)
    {
        if (offset == TimeSpan.Zero) return "UTC";
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var abs = offset.Duration();
        var hours = ((int)abs.TotalHours).ToString(CultureInfo.InvariantCulture);
        return abs.Minutes == 0 ? $"UTC{sign}{hours}" : $"UTC{sign}{hours}:{abs.Minutes.ToString("00", CultureInfo.InvariantCulture)}";
    }
}
