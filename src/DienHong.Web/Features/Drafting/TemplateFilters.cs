using System.Globalization;
using Fluid;
using Fluid.Values;

namespace DienHong.Features.Drafting;

/// <summary>
/// Liquid filters for what Vietnamese paperwork needs: dates and times as the decree writes them,
/// a title lower-cased mid-sentence, lists joined with "; " and a final ".", people by rank.
/// </summary>
public static class TemplateFilters
{
    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        ["long_date"] = "ngày 09 tháng 11 năm 2021",
        ["short_date"] = "19/11/2021, 07/4/2020",
        ["time"] = "8h00",
        ["weekday"] = "thứ sáu",
        ["place_date"] = "Bình Phước, ngày 19 tháng 11 năm 2021 (địa danh | place_date: ngày)",
        ["two_digits"] = "01, 11",
        ["mid_sentence"] = "Kỳ họp thứ 13 → kỳ họp thứ 13",
        ["without_owner"] = "phiên họp thứ 50 của Ủy ban Thường vụ Quốc hội → phiên họp thứ 50 (tham số: cơ quan vừa nêu)",
        ["sentence"] = "bỏ dấu cuối thừa, kết thúc bằng dấu chấm",
        ["join_list"] = "a; b; c. (tham số: dấu kết thúc)",
        ["join_and"] = "a, b và c",
        ["by_rank"] = "người chủ trì trước, rồi theo chức vụ",
        ["upper"] = "CHỮ HOA TIẾNG VIỆT",
        ["clause"] = "bỏ dấu chấm, chấm phẩy cuối (giữ dấu hai chấm)",
        ["roman"] = "1 → I, 4 → IV",
    };

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static void Register(FilterCollection filters)
    {
        filters.AddFilter("long_date", (input, _, _) => Text(AsDate(input) is { } d ? VietnameseDates.Long(d) : string.Empty));
        filters.AddFilter("short_date", (input, _, _) => Text(AsDate(input) is { } d ? VietnameseDates.InText(d) : string.Empty));
        filters.AddFilter("time", (input, _, _) => Text(AsTime(input) is { } t ? VietnameseDates.Time(t) : string.Empty));
        filters.AddFilter("weekday", (input, _, _) => Text(AsDate(input) is { } d ? VietnameseDates.Weekday(d) : string.Empty));
        filters.AddFilter("place_date", (input, arguments, _) =>
            Text(AsDate(arguments.At(0)) is { } d ? VietnameseDates.PlaceAndDate(input.ToStringValue(), d) : input.ToStringValue()));
        filters.AddFilter("two_digits", (input, _, _) => Text(((int)input.ToNumberValue()).ToString("00", CultureInfo.InvariantCulture)));
        filters.AddFilter("mid_sentence", (input, _, _) => Text(MidSentence(input.ToStringValue())));
        filters.AddFilter("without_owner", (input, arguments, _) => Text(WithoutOwner(input.ToStringValue(), arguments.At(0).ToStringValue())));
        filters.AddFilter("sentence", (input, _, _) => Text(Sentence(input.ToStringValue())));
        filters.AddFilter("clause", (input, _, _) => Text(input.ToStringValue().Trim().TrimEnd('.', ';', ',', ' ')));
        filters.AddFilter("roman", (input, _, _) => Text(Roman((int)input.ToNumberValue())));
        filters.AddFilter("upper", (input, _, _) => Text(input.ToStringValue().ToUpper(Vietnamese)));
        filters.AddFilter("join_list", (input, arguments, _) =>
        {
            var end = arguments.Count > 0 ? arguments.At(0).ToStringValue() : ".";
            var items = Items(input).Select(i => i.TrimEnd(';', '.', ' ')).Where(i => i.Length > 0).ToList();
            return Text(items.Count == 0 ? string.Empty : string.Join("; ", items) + end);
        });
        filters.AddFilter("join_and", (input, _, _) =>
        {
            var items = Items(input).Where(i => i.Length > 0).ToList();
            return Text(items.Count <= 1 ? string.Concat(items) : string.Join(", ", items.Take(items.Count - 1)) + " và " + items[^1]);
        });
        filters.AddFilter("by_rank", (input, _, context) =>
        {
            var people = input.Enumerate(context).Select(v => v.ToObjectValue()).OfType<ParticipantView>();
            return new ValueTask<FluidValue>(FluidValue.Create(ParticipantView.ByRank(people).ToList(), context.Options));
        });
    }

    /// <summary>A title inside a sentence: its first letter lower-cased unless the first word is an abbreviation ("HĐND").</summary>
    public static string MidSentence(string text)
    {
        text = text.Trim();
        return text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLower(text[0], Vietnamese) + text[1..] : text;
    }

    /// <summary>
    /// A title after its own body as the sentence's actor: "phiên họp thứ 50 của Ủy ban Thường vụ Quốc hội"
    /// becomes "phiên họp thứ 50", so that one sentence does not name the committee twice.
    /// </summary>
    public static string WithoutOwner(string title, string owner)
    {
        title = title.Trim();
        var suffix = " của " + owner.Trim();
        return owner.Trim().Length > 0 && title.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) ? title[..^suffix.Length] : title;
    }

    /// <summary>A sentence ends with one full stop (or keeps its colon or "./.").</summary>
    public static string Sentence(string text)
    {
        text = text.Trim();
        if (text.Length == 0 || text.EndsWith(':') || text.EndsWith("./.", StringComparison.Ordinal) || text.EndsWith('?'))
        {
            return text;
        }

        return text.TrimEnd(';', ',', '.', ' ') + ".";
    }

    private static string Roman(int number)
    {
        (int Value, string Letters)[] numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
        var text = new System.Text.StringBuilder();
        foreach (var (value, letters) in numerals)
        {
            for (; number >= value; number -= value)
            {
                text.Append(letters);
            }
        }

        return text.ToString();
    }

    private static ValueTask<FluidValue> Text(string text) => new(new StringValue(text));

    private static IEnumerable<string> Items(FluidValue input) =>
        input is ArrayValue array ? array.Values.Select(v => v.ToStringValue().Trim()) : [input.ToStringValue().Trim()];

    private static DateOnly? AsDate(FluidValue value) => value.ToObjectValue() switch
    {
        DateOnly d => d,
        DateTime d => DateOnly.FromDateTime(d),
        DateTimeOffset d => DateOnly.FromDateTime(d.DateTime),
        _ => null,
    };

    private static TimeOnly? AsTime(FluidValue value) => value.ToObjectValue() switch
    {
        TimeOnly t => t,
        DateTime d => TimeOnly.FromDateTime(d),
        DateTimeOffset d => TimeOnly.FromDateTime(d.DateTime),
        _ => null,
    };
}
