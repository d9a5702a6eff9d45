using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DienHong.Features.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DienHong.Features.Imports;

/// <summary>A data row of an imported file: its line in the file (the header is line 1) and its cells by column.</summary>
public sealed class TabularRow(int line, IReadOnlyDictionary<string, string> cells)
{
    public int Line { get; } = line;

    /// <summary>The trimmed text under a column whose folded header is one of <paramref name="headers"/>, or null if empty.</summary>
    public string? Get(params string[] headers)
    {
        foreach (var header in headers)
        {
            if (cells.TryGetValue(VietnameseText.Fold(header), out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return VietnameseText.Nfc(value);
            }
        }

        return null;
    }
}

/// <summary>
/// Reads a CSV (comma or semicolon, UTF-8 with or without BOM) or an XLSX (first sheet) into rows.
/// Headers are matched without regard to accents or case ("Sức chứa" = "suc chua"); fully empty
/// rows are skipped. A file that cannot be read gives an error, not an exception.
/// </summary>
public static class TabularFile
{
    public static async Task<(IReadOnlyList<TabularRow> Rows, ImportRowError? Error)> ReadAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        try
        {
            // Both readers want a seekable stream; an upload is copied once, in memory.
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer, cancellationToken);
            buffer.Position = 0;
            var rows = extension switch
            {
                ".csv" or ".txt" => ReadCsv(buffer),
                ".xlsx" => ReadXlsx(buffer),
                _ => throw new NotSupportedException(),
            };
            return rows.Count == 0
                ? ([], new ImportRowError(0, "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
                : (rows, null);
        }
        catch (NotSupportedException)
        {
            return ([], new ImportRowError(0, $"Không đọc được tệp \"{fileName}\": chỉ nhận tệp .csv hoặc .xlsx."));
        }
        catch (Exception exception) when (exception is CsvHelperException or InvalidDataException or IOException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or FormatException)
        {
            return ([], new ImportRowError(0, $"Không đọc được tệp \"{fileName}\": tệp hỏng hoặc không đúng định dạng."));
        }
    }

    private static List<TabularRow> ReadCsv(Stream content)
    {
        using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            BadDataFound = null,
            MissingFieldFound = null,
        };
        using var csv = new CsvReader(reader, configuration);
        if (!csv.Read() || !csv.ReadHeader())
        {
            return [];
        }

        var headers = csv.HeaderRecord!.Select(VietnameseText.Fold).ToArray();
        var rows = new List<TabularRow>();
        while (csv.Read())
        {
            var cells = new Dictionary<string, string>();
            for (var i = 0; i < headers.Length; i++)
            {
                cells[headers[i]] = csv.GetField(i) ?? string.Empty;
            }

            if (cells.Values.Any(v => !string.IsNullOrWhiteSpace(v)))
            {
                rows.Add(new TabularRow(csv.Parser.Row, cells));
            }
        }

        return rows;
    }

    private static List<TabularRow> ReadXlsx(Stream content)
    {
        using var document = SpreadsheetDocument.Open(content, isEditable: false);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException();
        var firstSheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException();
        var sheet = (WorksheetPart)workbook.GetPartById(firstSheet.Id!);
        var sharedStrings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToArray() ?? [];
        var dateStyles = DateStyleIndexes(workbook);

        string[]? headers = null;
        var rows = new List<TabularRow>();
        foreach (var row in sheet.Worksheet.Descendants<Row>())
        {
            var values = row.Elements<Cell>().ToDictionary(c => ColumnIndex(c.CellReference!.Value!), c => CellText(c, sharedStrings, dateStyles));
            if (headers is null)
            {
                headers = new string[values.Count == 0 ? 0 : values.Keys.Max() + 1];
                foreach (var (column, text) in values)
                {
                    headers[column] = VietnameseText.Fold(text);
                }

                continue;
            }

            var cells = new Dictionary<string, string>();
            foreach (var (column, text) in values.Where(v => v.Key < headers.Length && !string.IsNullOrEmpty(headers[v.Key])))
            {
                cells[headers[column]] = text;
            }

            if (cells.Values.Any(v => !string.IsNullOrWhiteSpace(v)))
            {
                rows.Add(new TabularRow((int)row.RowIndex!.Value, cells));
            }
        }

        return rows;
    }

    private static string CellText(Cell cell, string[] sharedStrings, HashSet<uint> dateStyles)
    {
        var raw = cell.CellValue?.Text ?? string.Empty;
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(raw, CultureInfo.InvariantCulture, out var index) && index < sharedStrings.Length ? sharedStrings[index] : string.Empty;
        }

        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? string.Empty;
        }

        // A date typed in Excel is a serial number in a date-formatted cell: give it back as dd/MM/yyyy HH:mm.
        if (cell.StyleIndex is { } style && dateStyles.Contains(style.Value) && double.TryParse(raw, CultureInfo.InvariantCulture, out var serial))
        {
            var date = DateTime.FromOADate(serial);
            return date.TimeOfDay == TimeSpan.Zero
                ? date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)
                : date.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
        }

        return raw;
    }

    /// <summary>Cell formats whose number format is a date (built-in ids 14–22, 45–47, or a custom code with d/m/y).</summary>
    private static HashSet<uint> DateStyleIndexes(WorkbookPart workbook)
    {
        var styles = workbook.WorkbookStylesPart?.Stylesheet;
        var customDates = styles?.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.FormatCode?.Value is { } code && code.Any(c => c is 'd' or 'y') && code.Contains('m'))
            .Select(f => f.NumberFormatId!.Value).ToHashSet() ?? [];
        var result = new HashSet<uint>();
        var index = 0u;
        foreach (var format in styles?.CellFormats?.Elements<CellFormat>() ?? [])
        {
            var id = format.NumberFormatId?.Value ?? 0;
            if (id is >= 14 and <= 22 or >= 45 and <= 47 || customDates.Contains(id))
            {
                result.Add(index);
            }

            index++;
        }

        return result;
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter))
        {
            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return index - 1;
    }
}
