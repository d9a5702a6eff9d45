using System.Globalization;
using System.Text.RegularExpressions;
using DienHong.Features.Text;

namespace DienHong.Features.Imports;

/// <summary>Reading typed values out of imported cells, as Vietnamese offices write them.</summary>
public static partial class CellParsing
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

    /// <summary>
    /// A Vietnam local date and time as UTC: "18/11/2021 14:00", "14h00 18/11/2021",
    /// "14 giờ 00 ngày 18/11/2021", "14h00' ngày 18/11/2021", "8h 19/11/2021", ISO.
    /// </summary>
    public static bool TryVietnamDateTime(string? text, out DateTime utc)
    {
        if (DateTime.TryParseExact(SpokenTime(text), DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            utc = VietnamTime.ToUtc(local);
            return true;
        }

        utc = default;
        return false;
    }

    /// <summary>"14 giờ 00 phút, ngày 18/11/2021" → "14h00 18/11/2021"; "8h 19/11/2021" → "8h00 19/11/2021".</summary>
    private static string SpokenTime(string? text)
    {
        var spoken = VietnameseText.Nfc(text) ?? string.Empty;
        spoken = SpokenWords().Replace(spoken, " ");
        spoken = HourWord().Replace(spoken, "h");
        spoken = BareHour().Replace(spoken, "${hour}h00");
        return string.Join(' ', spoken.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [GeneratedRegex(@"ngày|phút|lúc|,|'|’", RegexOptions.IgnoreCase)]
    private static partial Regex SpokenWords();

    [GeneratedRegex(@"\s*giờ\s*", RegexOptions.IgnoreCase)]
    private static partial Regex HourWord();

    [GeneratedRegex(@"\b(?<hour>\d{1,2})h(?!\d)")]
    private static partial Regex BareHour();

    /// <summary>
    /// A yes/no cell: "x", "có", "1", "true", "yes" are yes; empty, "không", "0", "false", "no" are no;
    /// anything else is not a yes/no (false), so that a typo does not silently mean no.
    /// </summary>
    public static bool TryYesNo(string? text, out bool value)
    {
        var folded = VietnameseText.Fold(text);
        value = folded is "x" or "co" or "1" or "true" or "yes" or "y";
        return value || folded is "" or "khong" or "0" or "false" or "no" or "n" or "-";
    }

    /// <summary>
    /// An enum value by its Vietnamese label, one of <paramref name="aliases"/>, or its code name,
    /// compared folded and without punctuation ("Sở/ngành" = "Sở, ngành").
    /// </summary>
    public static bool TryLabel<TEnum>(string? text, IReadOnlyDictionary<TEnum, string> labels, out TEnum value, params (string Alias, TEnum Value)[] aliases)
        where TEnum : struct, Enum
    {
        var key = LabelKey(text);
        var candidates = labels.Select(l => (Text: l.Value, l.Key))
            .Concat(labels.Keys.Select(k => (Text: k.ToString(), Key: k)))
            .Concat(aliases.Select(a => (Text: a.Alias, Key: a.Value)));
        foreach (var (label, candidate) in candidates)
        {
            if (key.Length > 0 && LabelKey(label) == key)
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string LabelKey(string? text) => new([.. VietnameseText.Fold(text).Where(char.IsLetterOrDigit)]);
}
