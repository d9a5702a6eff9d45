using DienHong.Features.Localization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DienHong.Features.Imports;

/// <summary>A column of an import file: its header, what goes in it, and whether it is text that looks like a number (a code).</summary>
public sealed record ImportColumn(string Header, string Meaning, string Example, bool IsCode = false);

/// <summary>An import file's columns, and its downloadable XLSX template.</summary>
public sealed record ImportTemplate(string Name, string SheetName, IReadOnlyList<ImportColumn> Columns)
{
    public string FileName => $"mau-{Name}.xlsx";

    /// <summary>"Tên điểm cầu, Trung tâm, …" for a hint beside the upload box.</summary>
    public string ColumnList => string.Join(", ", Columns.Select(c => c.Header));
}

/// <summary>
/// The templates of the four imports. Code columns (administrative unit codes such as "01") are
/// formatted as text for a thousand rows, so Excel keeps their leading zeros; a second sheet says
/// what goes in each column.
/// </summary>
public static class ImportTemplates
{
    private const uint TemplateRows = 1000;

    private static readonly string Levels = string.Join(", ", Labels.SiteLevels.Values);

    public static readonly ImportTemplate Sites = new("diem-cau", "Điểm cầu",
    [
        new("Tên điểm cầu", "bắt buộc; không trùng trong cuộc họp", "Hội trường UBND xã Tân Lập"),
        new("Trung tâm", "ghi x cho điểm cầu trung tâm (đúng một điểm cầu), để trống cho các điểm cầu khác", ""),
        new("Cấp", Levels, "Xã"),
        new("Mã đơn vị hành chính", "mã trong danh mục đơn vị hành chính, đủ chữ số (tỉnh 2, huyện 3, xã 5 chữ số)", "25480", IsCode: true),
        new("Phòng họp", "", "Hội trường UBND xã"),
        new("Sức chứa", "số người tối đa, số nguyên dương; bắt buộc", "30"),
        new("Người chủ trì", "", "Chủ tịch UBMTTQVN xã"),
        new("Cán bộ kỹ thuật", "", "Nguyễn Văn Kỹ"),
        new("Điện thoại", "", "0912345678", IsCode: true),
        new("Giờ kiểm tra kết nối", "dd/MM/yyyy HH:mm, giờ Việt Nam, trước khi cuộc họp bắt đầu", "18/11/2021 14:00"),
    ]);

    public static readonly ImportTemplate Participants = new("thanh-phan", "Thành phần",
    [
        new("Họ tên", "họ tên người dự; để trống nếu mời đại diện cơ quan", "Phan Viết Lượng"),
        new("Chức vụ", "", "Đại biểu Quốc hội"),
        new("Cơ quan", "tên cơ quan đã đăng ký (không cần dấu) hoặc ghi tên; cần Họ tên hoặc Cơ quan", "Sở Y tế"),
        new("Vai trò", string.Join(", ", Labels.ParticipantRoles.Values), "Đại biểu"),
        new("Điểm cầu", "tên một điểm cầu của cuộc họp", "Hội trường UBND xã Tân Lập"),
        new("Email", "", "luong@example.vn"),
        new("Điện thoại", "", "0912345678", IsCode: true),
    ]);

    public static readonly ImportTemplate Organizations = new("co-quan", "Cơ quan",
    [
        new("Tên", "bắt buộc; không trùng cơ quan đã có", "Sở Y tế tỉnh Bình Phước"),
        new("Tên viết tắt", "", "SYT"),
        new("Loại", string.Join(", ", Labels.OrganizationKinds.Values), "Sở, ngành"),
        new("Cơ quan cấp trên", "cơ quan đã có hoặc ở dòng trên", "UBND tỉnh Bình Phước"),
        new("Mã đơn vị hành chính", "mã trong danh mục, đủ chữ số", "70", IsCode: true),
        new("Hiệu lực từ", "dd/MM/yyyy", "01/01/2020"),
        new("Hiệu lực đến", "dd/MM/yyyy; để trống nếu còn hiệu lực", ""),
    ]);

    public static readonly ImportTemplate AdministrativeUnits = new("don-vi-hanh-chinh", "Đơn vị hành chính",
    [
        new("Mã", "mã trong danh mục, đủ chữ số (tỉnh 2, huyện 3, xã 5 chữ số)", "70", IsCode: true),
        new("Tên", "bắt buộc", "Tỉnh Bình Phước"),
        new("Cấp", string.Join(", ", Labels.AdministrativeLevels.Values), "Tỉnh"),
        new("Mã đơn vị cấp trên", "đơn vị đã có hoặc ở dòng trên", "", IsCode: true),
        new("Hiệu lực từ", "dd/MM/yyyy", ""),
        new("Hiệu lực đến", "dd/MM/yyyy; để trống nếu còn hiệu lực", ""),
    ]);

    /// <summary>Written petitions (a commune's, or the Front committee's compiled list); the last three columns when already classified.</summary>
    public static readonly ImportTemplate Petitions = new("y-kien-cu-tri", "Ý kiến cử tri",
    [
        new("Nội dung", "bắt buộc; nguyên văn ý kiến của cử tri", "Đề nghị sửa chữa đường ĐT741 đoạn qua xã Tân Lập"),
        new("Họ tên cử tri", "", "Nguyễn Văn An"),
        new("Địa chỉ", "", "Ấp 3, xã Tân Lập"),
        new("Điểm cầu", "tên một điểm cầu của cuộc họp", "Hội trường UBND xã Tân Lập"),
        new("Xã", "tên xã, phường nơi cử tri nêu ý kiến", "Xã Tân Lập"),
        new("Đại biểu", "đại biểu tiếp nhận ý kiến", "Phan Viết Lượng"),
        new("Lĩnh vực", "tên lĩnh vực đã có; để trống nếu chưa phân loại", "Giao thông"),
        new("Cấp", "cấp có thẩm quyền giải quyết", ""),
        new("Cơ quan", "tên cơ quan trả lời đã đăng ký", "Sở Giao thông vận tải"),
    ]);

    public static IReadOnlyList<ImportTemplate> All { get; } = [Sites, Participants, Organizations, AdministrativeUnits, Petitions];

    public static ImportTemplate? Find(string fileName) => All.FirstOrDefault(t => t.FileName == fileName);

    /// <summary>The template: a header row over empty rows (codes as text), and a sheet that explains each column.</summary>
    public static byte[] Workbook(ImportTemplate template)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            // Styles: 0 normal, 1 bold header, 2 text (number format "@", id 49), 3 wrapped.
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = new Stylesheet(
                new Fonts(new Font(new FontName { Val = "Times New Roman" }), new Font(new Bold(), new FontName { Val = "Times New Roman" })) { Count = 2 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
                new Borders(new Border()) { Count = 1 },
                new CellFormats(
                    new CellFormat(),
                    new CellFormat { FontId = 1, ApplyFont = true },
                    new CellFormat { NumberFormatId = 49, ApplyNumberFormat = true },
                    new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true })
                { Count = 4 });

            var columns = template.Columns;
            var data = new SheetData(Row(1, columns.Select(c => c.Header), 1));
            // Empty text cells down the code columns: what is typed there stays "01", not 1.
            for (var row = 2u; row <= TemplateRows; row++)
            {
                var cells = columns.Select((c, i) => (c, i)).Where(x => x.c.IsCode)
                    .Select(x => new Cell { CellReference = Reference(x.i, row), StyleIndex = 2 });
                data.Append(new Row(cells) { RowIndex = row });
            }

            var sheet = workbook.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new Worksheet(
                new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }),
                new Columns(columns.Select((c, i) => new Column
                {
                    Min = (uint)(i + 1),
                    Max = (uint)(i + 1),
                    Width = Math.Max(14, c.Header.Length + 6),
                    CustomWidth = true,
                    Style = c.IsCode ? 2u : null,
                })),
                data);

            var guide = workbook.AddNewPart<WorksheetPart>();
            var guideRows = new SheetData(Row(1, ["Cột", "Nội dung", "Ví dụ"], 1));
            var index = 2u;
            foreach (var column in columns)
            {
                guideRows.Append(Row(index++, [column.Header, column.Meaning, column.Example], 3));
            }

            guide.Worksheet = new Worksheet(
                new Columns(new Column { Min = 1, Max = 1, Width = 24, CustomWidth = true }, new Column { Min = 2, Max = 2, Width = 70, CustomWidth = true }, new Column { Min = 3, Max = 3, Width = 30, CustomWidth = true }),
                guideRows);

            workbook.Workbook.AppendChild(new Sheets(
                new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = template.SheetName },
                new Sheet { Id = workbook.GetIdOfPart(guide), SheetId = 2, Name = "Hướng dẫn" }));
        }

        return stream.ToArray();
    }

    private static string Reference(int column, uint row) => $"{(char)('A' + column)}{row}";

    private static Row Row(uint index, IEnumerable<string> texts, uint style) =>
        new(texts.Select((text, i) => new Cell
        {
            CellReference = Reference(i, index),
            DataType = CellValues.InlineString,
            InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text)),
            StyleIndex = style,
        }))
        { RowIndex = index };
}
