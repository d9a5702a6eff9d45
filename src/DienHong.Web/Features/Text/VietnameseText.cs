using System.Globalization;
using System.Text;

namespace DienHong.Features.Text;

/// <summary>
/// The project's one place for Vietnamese text rules: NFC storage, accent-insensitive folding for
/// search, and sorting in Vietnamese alphabetical order (a ă â b c d đ e ê …).
/// </summary>
public static class VietnameseText
{
    private static readonly CompareInfo VietnameseCompare = CultureInfo.GetCultureInfo("vi-VN").CompareInfo;

    /// <summary>Normalizes to NFC and trims; null stays null.</summary>
    public static string? Nfc(string? text) =>
        text is null ? null : text.Normalize(NormalizationForm.FormC).Trim();

    /// <summary>
    /// Folds text for search: lower case, tone and vowel marks removed, đ→d (đ has no decomposition,
    /// so stripping marks alone would keep it), runs of whitespace collapsed.
    /// "Điện Biên" and "dien  bien" both fold to "dien bien".
    /// </summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        var lastWasSpace = true;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            // Control characters (NUL among them) separate words like spaces; kept, they would reach
            // the database in a LIKE pattern, which PostgreSQL refuses for NUL.
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (!lastWasSpace)
                {
                    folded.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            lastWasSpace = false;
            folded.Append(c switch
            {
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(c),
            });
        }

        return folded.ToString().TrimEnd();
    }

    /// <summary>Compares in Vietnamese alphabetical order (culture vi-VN).</summary>
    public static int Compare(string? x, string? y) =>
        VietnameseCompare.Compare(x, y, CompareOptions.IgnoreCase);

    /// <summary>
    /// Vietnamese names sort by given name (the last word), then by the rest:
    /// "Phan Viết Lượng" sorts under "Lượng".
    /// </summary>
    public static IComparer<string?> PersonNameOrder { get; } = Comparer<string?>.Create((x, y) =>
    {
        var byGivenName = Compare(GivenName(x), GivenName(y));
        return byGivenName != 0 ? byGivenName : Compare(x, y);
    });

    /// <summary>The given name: the last word of a full name.</summary>
    public static string GivenName(string? fullName)
    {
        if (string.IsNullOrWhiteSpace(fullName))
        {
            return string.Empty;
        }

        var trimmed = fullName.Trim();
        var lastSpace = trimmed.LastIndexOf(' ');
        return lastSpace < 0 ? trimmed : trimmed[(lastSpace + 1)..];
    }
}
