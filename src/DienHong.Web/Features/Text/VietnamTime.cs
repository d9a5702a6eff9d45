using System.Globalization;

namespace DienHong.Features.Text;

/// <summary>
/// Times are stored in UTC and shown in Vietnam time. Vietnam keeps UTC+7 all year (no daylight
/// saving), so a fixed offset is exact and needs no time-zone database.
/// </summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    // Clamped at the ends of the calendar, so that a time stored out of range (old data) cannot break a page.
    public static DateTime ToLocal(DateTime utc) =>
        DateTime.SpecifyKind(utc > DateTime.MaxValue - Offset ? DateTime.MaxValue : utc.Add(Offset), DateTimeKind.Utc);

    public static DateTime ToUtc(DateTime local) =>
        DateTime.SpecifyKind(local < DateTime.MinValue + Offset ? DateTime.MinValue : local.Subtract(Offset), DateTimeKind.Utc);

    public static DateTime Now => ToLocal(DateTime.UtcNow);

    /// <summary>"19/11/2021 8h00", the way offices write a time.</summary>
    public static string Format(DateTime utc)
    {
        var local = ToLocal(utc);
        return string.Create(CultureInfo.InvariantCulture, $"{local:dd/MM/yyyy} {local.Hour}h{local:mm}");
    }

    /// <summary>"19/11/2021 08:00": how a time is shown in an input, in Vietnam time, 24-hour.</summary>
    public static string FormatInput(DateTime utc) =>
        ToLocal(utc).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"19/11/2021".</summary>
    public static string FormatInput(DateOnly day) =>
        day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
