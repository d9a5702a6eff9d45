using DienHong.Features.Localization;
using DienHong.Features.Meetings;
using DienHong.Features.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DienHong.Features.Drafting;

/// <summary>XLSX where a table is the document: participants by site, assignment tracking.</summary>
public static class MeetingSpreadsheets
{
    /// <summary>Participants site by site, of the sites <paramref name="visibleSite"/> lets through (a site operator's own).</summary>
    public static byte[] ParticipantsBySite(Meeting meeting, Func<Sites.Site, bool>? visibleSite = null)
    {
        var rows = meeting.Sites.Where(visibleSite ?? (_ => true)).OrderByDescending(s => s.IsHost).ThenBy(s => s.Level).ThenBy(s => s.Id)
            .SelectMany(site => meeting.Participants.Where(p => p.Site == site || p.SiteId == site.Id)
                .OrderBy(p => p.PersonName is null).ThenBy(p => p.PersonName ?? p.DisplayName, VietnameseText.PersonNameOrder)
                .Select((p, i) => new[] { site.Name, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), p.PersonName ?? p.DisplayName, p.Title ?? "", p.Organization?.Name ?? p.OrganizationName ?? "", Labels.Of(p.Role), p.Email ?? "", p.Phone ?? "" }));
        return Workbook("Thành phần", ["Điểm cầu", "STT", "Họ tên / Cơ quan", "Chức vụ", "Cơ quan", "Vai trò", "Email", "Điện thoại"], [40, 6, 36, 24, 36, 14, 26, 16], rows);
    }

    public static byte[] AssignmentTracking(Meeting meeting, DateOnly today)
    {
        var rows = meeting.Assignments.OrderBy(a => a.Deadline ?? DateOnly.MaxValue)
            .Select((a, i) => new[]
            {
                (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), a.Assignee, a.Content,
                a.Deadline is { } d ? VietnameseDates.Short(d) : "", Labels.Of(a.Status),
                a.Status != Assignments.AssignmentStatus.Done && a.Deadline < today ? "Quá hạn" : "",
            });
        return Workbook("Phân công", ["STT", "Cơ quan thực hiện", "Nhiệm vụ", "Hạn", "Trạng thái", "Ghi chú"], [6, 36, 80, 12, 16, 12], rows);
    }

    /// <summary>One sheet: a bold frozen header row, then the rows, wrapped; shared by every table export.</summary>
    internal static byte[] Workbook(string sheetName, string[] headers, double[] widths, IEnumerable<string[]> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font(new FontName { Val = "Times New Roman" }), new Font(new Bold(), new FontName { Val = "Times New Roman" })) { Count = 2 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
                new Borders(new Border()) { Count = 1 },
                new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }, new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true }) { Count = 3 });
            var sheet = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, headers, style: 1));
            var index = 2u;
            foreach (var row in rows)
            {
                data.Append(Row(index++, row, style: 2));
            }

            sheet.Worksheet = new Worksheet(
                new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }),
                new Columns(widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true })),
                data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = sheetName }));
        }

        return stream.ToArray();
    }

    private static Row Row(uint index, string[] cells, uint style) =>
        new(cells.Select((text, i) => new Cell
        {
            CellReference = $"{(char)('A' + i)}{index}",
            DataType = CellValues.InlineString,
            InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text)),
            StyleIndex = style,
        }))
        { RowIndex = index };
}
