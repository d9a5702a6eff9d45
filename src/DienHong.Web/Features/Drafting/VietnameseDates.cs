using System.Globalization;

namespace DienHong.Features.Drafting;

/// <summary>Dates and times as official documents write them (Decree 30/2020, Appendix I).</summary>
public static class VietnameseDates
{
    /// <summary>"ngày 09 tháng 11 năm 2021": day below 10 and months 1–2 with a leading zero.</summary>
    public static string Long(DateOnly date) => string.Create(CultureInfo.InvariantCulture,
        $"ngày {date.Day:00} tháng {(date.Month <= 2 ? date.Month.ToString("00", CultureInfo.InvariantCulture) : date.Month.ToString(CultureInfo.InvariantCulture))} năm {date.Year}");

    /// <summary>"Bình Phước, ngày 09 tháng 11 năm 2021".</summary>
    public static string PlaceAndDate(string place, DateOnly date) => $"{place}, {Long(date)}";

    /// <summary>"19/11/2021".</summary>
    public static string Short(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>A date inside a document's sentence: "19/11/2021", "07/4/2020" (months 1–2 with a leading zero, as in <see cref="Long"/>).</summary>
    public static string InText(DateOnly date) => string.Create(CultureInfo.InvariantCulture,
        $"{date.Day:00}/{(date.Month <= 2 ? date.Month.ToString("00", CultureInfo.InvariantCulture) : date.Month.ToString(CultureInfo.InvariantCulture))}/{date.Year}");

    /// <summary>"8h00", "14h30".</summary>
    public static string Time(TimeOnly time) => string.Create(CultureInfo.InvariantCulture, $"{time.Hour}h{time.Minute:00}");

    /// <summary>"thứ sáu", "chủ nhật".</summary>
    public static string Weekday(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Monday => "thứ hai",
        DayOfWeek.Tuesday => "thứ ba",
        DayOfWeek.Wednesday => "thứ tư",
        DayOfWeek.Thursday => "thứ năm",
        DayOfWeek.Friday => "thứ sáu",
        DayOfWeek.Saturday => "thứ bảy",
        _ => "chủ nhật",
    };
}
