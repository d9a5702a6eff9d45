using System.Globalization;
using DienHong.Features.Text;

namespace DienHong.Features.Imports;

/// <summary>Reading typed values out of imported cells, as Vietnamese offices write them.</summary>
public static class CellParsing
{
    private static readonly string[] DateFormats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd", "dd-MM-yyyy", "d-M-yyyy"];
    private static readonly string[] DateTimeFormats =
    [
        "dd/MM/yyyy HH:mm", "d/M/yyyy H:mm", "dd/MM/yyyy H'h'mm", "d/M/yyyy H'h'mm", "H'h'mm dd/MM/yyyy", "H'h'mm d/M/yyyy",
        "H:mm dd/MM/yyyy", "H:mm d/M/yyyy", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss",
    ];

    public static bool TryPositiveInt(string? text, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value > 0;

    public static bool TryDate(string? text, out DateOnly value) =>
        DateOnly.TryParseExact(text?.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    /// <summary>A Vietnam local date and time ("18/11/2021 14:00", "14h00 18/11/2021") as UTC.</summary>
    public static bool TryVietnamDateTime(string? text, out DateTime utc)
    {
        if (DateTime.TryParseExact(text?.Trim(), DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            utc = VietnamTime.ToUtc(local);
            return true;
        }

        utc = default;
        return false;
    }

    /// <summary>"x", "có", "1", "true", "yes" are yes.</summary>
    public static bool IsYes(string? text) => VietnameseText.Fold(text) is "x" or "co" or "1" or "true" or "yes" or "y";

    /// <summary>An enum value by its Vietnamese label or its code name, compared folded.</summary>
    public static bool TryLabel<TEnum>(string? text, IReadOnlyDictionary<TEnum, string> labels, out TEnum value)
        where TEnum : struct, Enum
    {
        var folded = VietnameseText.Fold(text);
        foreach (var (candidate, label) in labels)
        {
            if (VietnameseText.Fold(label) == folded || VietnameseText.Fold(candidate.ToString()) == folded)
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
