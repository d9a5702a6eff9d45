using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DienHong.Tests.Imports;

/// <summary>Builds a small XLSX the way Excel saves one: shared strings, numbers, and a date-formatted serial.</summary>
internal static class SpreadsheetBuilder
{
    /// <summary>Cells are strings, ints, or DateTime (written as a serial number with a date format).</summary>
    public static byte[] Build(params object?[][] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "dd/mm/yyyy hh:mm" }) { Count = 1 },
                new Fonts(new Font()) { Count = 1 },
                new Fills(new Fill()) { Count = 1 },
                new Borders(new Border()) { Count = 1 },
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true }) { Count = 2 });
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            var shared = new List<string>();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{r + 1}";
                    switch (rows[r][c])
                    {
                        case null:
                            break;
                        case int number:
                            row.Append(new Cell { CellReference = reference, CellValue = new CellValue(number), DataType = CellValues.Number });
                            break;
                        case DateTime date:
                            row.Append(new Cell { CellReference = reference, CellValue = new CellValue(date.ToOADate()), StyleIndex = 1 });
                            break;
                        case var text:
                            shared.Add(text.ToString()!);
                            row.Append(new Cell { CellReference = reference, CellValue = new CellValue(shared.Count - 1), DataType = CellValues.SharedString });
                            break;
                    }
                }

                data.Append(row);
            }

            strings.SharedStringTable.Append(shared.Select(s => new SharedStringItem(new DocumentFormat.OpenXml.Spreadsheet.Text(s))));
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Điểm cầu" }));
        }

        return stream.ToArray();
    }
}
