using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DienHong.Features.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DienHong.Features.Imports;

/// <summary>A data row of an imported file: its line in the file (the header is line 1) and its cells by column.</summary>
public sealed class TabularRow(int line, IReadOnlyDictionary<string, string> cells)
{
    /// <summary>The imports ask for the same few headers on every row: each is folded once.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> FoldedHeaders = new();

    public int Line { get; } = line;

    /// <summary>The trimmed text under a column whose folded header is one of <paramref name="headers"/>, or null if empty.</summary>
    public string? Get(params string[] headers)
    {
        foreach (var header in headers)
        {
            if (cells.TryGetValue(FoldedHeaders.GetOrAdd(header, VietnameseText.Fold), out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return VietnameseText.Nfc(value);
            }
        }

        return null;
    }

    /// <summary>
    /// Like <see cref="Get"/>, for a column stored in at most <paramref name="maxLength"/> characters:
    /// a longer cell is a problem of the row, named by the first of <paramref name="headers"/>.
    /// </summary>
    public string? Text(int maxLength, List<string> problems, params string[] headers)
    {
        var value = Get(headers);
        if (value is not null && value.Length > maxLength)
        {
            problems.Add($"{headers[0]} dài {value.Length} ký tự, tối đa {maxLength}");
        }

        return value;
    }
}

/// <summary>
/// Reads a CSV (comma or semicolon, UTF-8 with or without BOM; other encodings are refused) or an XLSX (first sheet) into rows.
/// Headers are matched without regard to accents or case ("Sức chứa" = "suc chua"); fully empty
/// rows are skipped. A file that cannot be read gives an error, not an exception. An XLSX is read
/// as a stream, row by row, and refused when it unpacks to more than <see cref="MaxUnpackedBytes"/>
/// (a few hundred kilobytes of zip can hold gigabytes of XML) or holds more than <see cref="MaxRows"/> rows.
/// </summary>
public static class TabularFile
{
    /// <summary>Most data rows one file may hold: a national meeting's participants, with room to spare.</summary>
    public const int MaxRows = 50_000;

    /// <summary>Most bytes the parts of an XLSX may unpack to; 50,000 rows of ten columns take about 30 MB.</summary>
    public const long MaxUnpackedBytes = 64L * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<(IReadOnlyList<TabularRow> Rows, ImportRowError? Error)> ReadAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        Func<Stream, CancellationToken, List<TabularRow>>? reader = Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".csv" or ".txt" => ReadCsv,
            ".xlsx" => ReadXlsx,
            _ => null,
        };
        if (reader is null)
        {
            return ([], new ImportRowError(0, $"Không đọc được tệp \"{fileName}\": chỉ nhận tệp .csv hoặc .xlsx."));
        }

        try
        {
            // Both readers want a seekable stream; an upload is copied once, in memory.
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer, cancellationToken);
            buffer.Position = 0;
            var rows = reader(buffer, cancellationToken);
            return rows.Count == 0
                ? ([], new ImportRowError(0, "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
                : (rows, null);
        }
        catch (TooLargeException tooLarge)
        {
            return ([], new ImportRowError(0, tooLarge.Message));
        }
        catch (UnclosedQuoteException quote)
        {
            return ([], new ImportRowError(quote.Line, "Dấu ngoặc kép (\") ở dòng này không khớp: các dòng sau sẽ bị gộp vào một ô, nên tệp chưa được nhập. Hãy sửa dấu ngoặc kép rồi nhập lại."));
        }
        catch (DecoderFallbackException)
        {
            // Excel's plain "CSV" is saved in the Windows code page, which turns Vietnamese letters into garbage.
            return ([], new ImportRowError(0, $"Tệp \"{fileName}\" không phải văn bản UTF-8: trong Excel hãy lưu bằng \"CSV UTF-8 (Comma delimited)\" hoặc dùng tệp .xlsx."));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            if (IsPartLimit(exception))
            {
                return ([], new ImportRowError(0, TooLargeException.Unpacked().Message));
            }

            // Whatever a damaged or foreign file throws (zip, XML, package, CSV errors), the user gets one sentence.
            return ([], new ImportRowError(0, $"Không đọc được tệp \"{fileName}\": tệp hỏng hoặc không đúng định dạng."));
        }
    }

    /// <summary>The XML reader's own limit, for a zip whose directory understates what its parts unpack to.</summary>
    private static bool IsPartLimit(Exception exception) =>
        exception is System.Xml.XmlException && exception.Message.Contains("MaxCharactersInDocument", StringComparison.Ordinal)
        || exception.InnerException is { } inner && IsPartLimit(inner);

    private sealed class UnclosedQuoteException(int line) : Exception
    {
        public int Line { get; } = line;
    }

    private sealed class TooLargeException(string message) : Exception(message)
    {
        private static string RowLimit => MaxRows.ToString("N0", CultureInfo.GetCultureInfo("vi-VN"));

        public static TooLargeException Unpacked() => new(
            $"Tệp XLSX giải nén ra hơn {MaxUnpackedBytes / 1024 / 1024} MB, vượt giới hạn: hãy xóa các trang tính, định dạng và ô thừa, hoặc chia thành nhiều tệp (mỗi tệp tối đa {RowLimit} dòng).");

        public static TooLargeException Rows() => new($"Tệp có hơn {RowLimit} dòng dữ liệu, vượt giới hạn: hãy chia thành nhiều tệp.");
    }

    private static List<TabularRow> ReadCsv(Stream content, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(content, StrictUtf8, detectEncodingFromByteOrderMarks: true);
        var recordStartsOnLine = 1;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            // A stray or unclosed quote makes the parser run the following lines into one cell
            // (a whole list read as one name): the file is refused at the line where it starts.
            BadDataFound = _ => throw new UnclosedQuoteException(recordStartsOnLine),
            MissingFieldFound = null,
        };
        using var csv = new CsvReader(reader, configuration);
        if (!csv.Read() || !csv.ReadHeader())
        {
            return [];
        }

        var headers = csv.HeaderRecord!.Select(VietnameseText.Fold).ToArray();
        var rows = new List<TabularRow>();
        recordStartsOnLine = csv.Parser.RawRow + 1;
        while (csv.Read())
        {
            var cells = new Dictionary<string, string>();
            for (var i = 0; i < headers.Length; i++)
            {
                cells[headers[i]] = csv.GetField(i) ?? string.Empty;
            }

            if (cells.Values.Any(v => !string.IsNullOrWhiteSpace(v)))
            {
                Add(rows, new TabularRow(csv.Parser.Row, cells), cancellationToken);
            }

            recordStartsOnLine = csv.Parser.RawRow + 1;
        }

        return rows;
    }

    private static void Add(List<TabularRow> rows, TabularRow row, CancellationToken cancellationToken)
    {
        if (rows.Count >= MaxRows)
        {
            throw TooLargeException.Rows();
        }

        if (rows.Count % 1024 == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        rows.Add(row);
    }

    private static List<TabularRow> ReadXlsx(Stream content, CancellationToken cancellationToken)
    {
        // What the zip says its parts unpack to, checked before anything is unpacked; the XML
        // readers' own limit catches a zip that says less than it holds.
        using (var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true))
        {
            if (zip.Entries.Sum(e => e.Length) > MaxUnpackedBytes)
            {
                throw TooLargeException.Unpacked();
            }
        }

        content.Position = 0;
        var limits = new OpenXmlPartReaderOptions { MaxCharactersInPart = MaxUnpackedBytes };
        using var document = SpreadsheetDocument.Open(content, isEditable: false, new OpenSettings { MaxCharactersInPart = MaxUnpackedBytes });
        var workbook = document.WorkbookPart ?? throw new InvalidDataException();
        var firstSheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException();
        var sheet = (WorksheetPart)workbook.GetPartById(firstSheet.Id!);
        var sharedStrings = SharedStrings(workbook, limits);
        var dateStyles = DateStyleIndexes(workbook);

        string[]? headers = null;
        var rows = new List<TabularRow>();
        var line = 0;
        // Row by row, so memory follows one row, not the sheet.
        using var reader = new OpenXmlPartReader(sheet, limits);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
            {
                continue;
            }

            var row = (Row)reader.LoadCurrentElement()!;
            // Row and cell references are optional in the format: without them, rows and cells follow one another.
            line = row.RowIndex?.Value is { } rowIndex ? (int)rowIndex : line + 1;
            var values = new Dictionary<int, string>();
            var position = -1;
            foreach (var cell in row.Elements<Cell>())
            {
                position = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : position + 1;
                values[position] = CellText(cell, sharedStrings, dateStyles);
            }

            if (headers is null)
            {
                if (values.Values.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                headers = new string[values.Keys.Max() + 1];
                foreach (var (column, text) in values)
                {
                    headers[column] = VietnameseText.Fold(text);
                }

                continue;
            }

            var cells = new Dictionary<string, string>();
            foreach (var (index, text) in values.Where(v => v.Key < headers.Length && !string.IsNullOrEmpty(headers[v.Key])))
            {
                cells[headers[index]] = text;
            }

            if (cells.Values.Any(v => !string.IsNullOrWhiteSpace(v)))
            {
                Add(rows, new TabularRow(line, cells), cancellationToken);
            }
        }

        return rows;
    }

    private static List<string> SharedStrings(WorkbookPart workbook, OpenXmlPartReaderOptions limits)
    {
        var strings = new List<string>();
        if (workbook.SharedStringTablePart is not { } part)
        {
            return strings;
        }

        using var reader = new OpenXmlPartReader(part, limits);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                strings.Add(reader.LoadCurrentElement()!.InnerText);
            }
        }

        return strings;
    }

    private static string CellText(Cell cell, List<string> sharedStrings, HashSet<uint> dateStyles)
    {
        var raw = cell.CellValue?.Text ?? string.Empty;
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(raw, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < sharedStrings.Count ? sharedStrings[index] : string.Empty;
        }

        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? string.Empty;
        }

        // A date cell written as ISO 8601 text (t="d") reads like a date-formatted serial.
        if (cell.DataType?.Value == CellValues.Date && DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var isoDate))
        {
            return DateText(isoDate);
        }

        // A date typed in Excel is a serial number in a date-formatted cell: give it back as dd/MM/yyyy HH:mm.
        if (cell.StyleIndex is { } style && dateStyles.Contains(style.Value) && double.TryParse(raw, CultureInfo.InvariantCulture, out var serial))
        {
            return DateText(DateTime.FromOADate(serial));
        }

        return raw;
    }

    private static string DateText(DateTime date) =>
        date.ToString(date.TimeOfDay == TimeSpan.Zero ? "dd/MM/yyyy" : "dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

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
