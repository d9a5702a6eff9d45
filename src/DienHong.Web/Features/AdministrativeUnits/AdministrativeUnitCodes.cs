namespace DienHong.Features.AdministrativeUnits;

/// <summary>
/// Unit codes as offices type them. The official list writes provinces with 2 digits, districts
/// with 3 and communes with 5 ("01", "001", "00001"); Excel reads a typed 01 as the number 1, so a
/// code of digits only is matched by its number — to the one unit of the expected level, or to the
/// one unit with that number at all.
/// </summary>
public static class AdministrativeUnitCodes
{
    /// <summary>Digits of an official code at each level.</summary>
    public static int Width(AdministrativeLevel level) => level switch
    {
        AdministrativeLevel.Province => 2,
        AdministrativeLevel.District => 3,
        _ => 5,
    };

    /// <summary>"1" for a province is "01"; codes that are not only digits are kept as typed.</summary>
    public static string Normalize(string code, AdministrativeLevel level) =>
        IsNumber(code) && code.Length < Width(level) ? code.PadLeft(Width(level), '0') : code;

    private static bool IsNumber(string code) => code.Length > 0 && code.All(char.IsAsciiDigit);

    /// <summary>The number a code of digits stands for, without its leading zeros.</summary>
    private static string NumberKey(string code) => code.TrimStart('0') is { Length: > 0 } trimmed ? trimmed : "0";

    /// <summary>Finds units by typed codes; built once per import from the units that may be named.</summary>
    public sealed class Index<T>(IEnumerable<T> units, Func<T, string> code)
        where T : class
    {
        private readonly Dictionary<string, T> exact = units.GroupBy(code).ToDictionary(g => g.Key, g => g.First());
        private readonly Dictionary<string, List<T>> byNumber = units.Where(u => IsNumber(code(u))).GroupBy(u => NumberKey(code(u))).ToDictionary(g => g.Key, g => g.ToList());

        /// <summary>Adds a unit named later in the same file.</summary>
        public void Add(T unit)
        {
            exact[code(unit)] = unit;
            if (IsNumber(code(unit)))
            {
                var key = NumberKey(code(unit));
                byNumber[key] = [.. byNumber.GetValueOrDefault(key) ?? [], unit];
            }
        }

        /// <summary>
        /// The unit a typed code means, or null with the reason in <paramref name="problem"/> (no such
        /// code, or a bare number that several units share). <paramref name="fits"/> says which units
        /// the row can mean (a province for a province's site), to choose among codes of one number.
        /// </summary>
        public T? Find(string typed, Func<T, bool>? fits, out string? problem, string notFoundNote = "")
        {
            problem = null;
            fits ??= _ => true;
            var found = exact.GetValueOrDefault(typed);
            if (found is not null && (fits(found) || !IsNumber(typed)))
            {
                return found;
            }

            var candidates = IsNumber(typed) ? byNumber.GetValueOrDefault(NumberKey(typed)) ?? [] : [];
            var fitting = candidates.Where(fits).ToList();
            if (fitting.Count == 1)
            {
                return fitting[0];
            }

            if (found is not null)
            {
                return found;
            }

            problem = fitting.Count > 1
                ? $"mã \"{typed}\" có thể là {string.Join(", ", fitting.Select(code).Order(StringComparer.Ordinal))}: hãy ghi đủ chữ số"
                : $"không có đơn vị hành chính mã \"{typed}\"{notFoundNote}";
            return null;
        }
    }
}
