using DienHong.Features.Validation;

namespace DienHong.Features.Imports;

/// <summary>
/// A bad row of an imported file: its line in the file (header is line 1; 0 for the file as a whole)
/// and why, in Vietnamese. The message does not repeat the line: the reader shows it beside.
/// </summary>
public sealed record ImportRowError(int Line, string Message)
{
    /// <summary>"Thiếu Tên điểm cầu; Sức chứa "abc" không phải số nguyên dương." (a rule's own full stop is dropped)</summary>
    public static ImportRowError For(TabularRow row, IEnumerable<string> problems) => For(row.Line, problems);

    public static ImportRowError For(int line, IEnumerable<string> problems)
    {
        var sentence = string.Join("; ", problems.Select(p => p.TrimEnd('.'))) + ".";
        return new(line, char.ToUpper(sentence[0], System.Globalization.CultureInfo.InvariantCulture) + sentence[1..]);
    }
}

/// <summary>
/// The outcome of an import: either every row landed (Imported = row count, no errors) or none did
/// and Errors says, row by row, what to fix.
/// </summary>
public sealed record ImportResult(int Imported, IReadOnlyList<ImportRowError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static ImportResult Failed(IReadOnlyList<ImportRowError> errors) => new(0, errors);

    /// <summary>Rules broken by the whole plan once the rows are in (e.g. a second host site).</summary>
    public static ImportResult Failed(IEnumerable<RuleViolation> violations) =>
        new(0, [.. violations.Select(v => new ImportRowError(0, v.Message()))]);
}
