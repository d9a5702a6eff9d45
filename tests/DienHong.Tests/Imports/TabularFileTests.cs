using System.Text;
using DienHong.Features.Imports;
using DienHong.Features.Localization;
using DienHong.Features.Organizations;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DienHong.Tests.Imports;

public class TabularFileTests
{
    private static async Task<IReadOnlyList<TabularRow>> ReadAsync(byte[] content, string fileName)
    {
        var (rows, error) = await TabularFile.ReadAsync(new MemoryStream(content), fileName, TestContext.Current.CancellationToken);
        Assert.Null(error);
        return rows;
    }

    [Theory]
    [InlineData(",")]
    [InlineData(";")]
    public async Task A_csv_with_either_separator_and_a_BOM_reads_by_accent_free_header(string separator)
    {
        var text = $"Tên điểm cầu{separator}Sức chứa\n\"Xã Tân Lập, huyện Đồng Phú\"{separator}30\n{separator}\nPhường An Lộc{separator}25\n";
        var content = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();

        var rows = await ReadAsync(content, "diem-cau.csv");

        Assert.Equal(2, rows.Count);
        Assert.Equal("Xã Tân Lập, huyện Đồng Phú", rows[0].Get("ten diem cau"));
        Assert.Equal("30", rows[0].Get("SỨC CHỨA"));
        Assert.Equal((2, 4), (rows[0].Line, rows[1].Line));
    }

    [Fact]
    public async Task Decomposed_input_comes_back_composed()
    {
        var nfd = "Tên\nHuyện Bù Đăng\n".Normalize(NormalizationForm.FormD);

        var rows = await ReadAsync(Encoding.UTF8.GetBytes(nfd), "x.csv");

        Assert.Equal("Huyện Bù Đăng".Normalize(NormalizationForm.FormC), rows[0].Get("Tên"));
    }

    [Fact]
    public async Task An_xlsx_reads_shared_strings_numbers_and_date_cells()
    {
        var xlsx = SpreadsheetBuilder.Build(
            ["Tên điểm cầu", "Sức chứa", "Giờ kiểm tra kết nối"],
            ["Xã Minh Hưng", 30, new DateTime(2021, 11, 18, 14, 0, 0)]);

        var rows = await ReadAsync(xlsx, "diem-cau.xlsx");

        var row = Assert.Single(rows);
        Assert.Equal(("Xã Minh Hưng", "30", "18/11/2021 14:00", 2), (row.Get("Tên điểm cầu"), row.Get("Sức chứa"), row.Get("Giờ kiểm tra kết nối"), row.Line));
    }

    [Theory]
    [InlineData("diem-cau.pdf", "chỉ nhận tệp .csv hoặc .xlsx")]
    [InlineData("diem-cau.xlsx", "tệp hỏng hoặc không đúng định dạng")]
    public async Task An_unreadable_file_is_a_Vietnamese_error_not_an_exception(string fileName, string message)
    {
        var (rows, error) = await TabularFile.ReadAsync(new MemoryStream("không phải bảng tính"u8.ToArray()), fileName, TestContext.Current.CancellationToken);

        Assert.Empty(rows);
        Assert.Contains(message, error!.Message);
    }

    [Theory]
    [InlineData("Tên điểm cầu,Sức chứa\nXã Tân Lập,30\n\"Xã Minh Hưng,25\nXã Thiện Hưng,40\nXã Lộc Thái,20\n", 3)]
    [InlineData("Tên điểm cầu,Sức chứa\nXã Tân Lập,30\nXã \"Minh\" Hưng,25\nXã Thiện Hưng,40\n", 3)]
    public async Task A_csv_with_an_unclosed_or_stray_quote_is_refused_at_its_line_instead_of_merging_the_lines_below(string text, int line)
    {
        var (rows, error) = await TabularFile.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), "diem-cau.csv", TestContext.Current.CancellationToken);

        Assert.Empty(rows);
        Assert.Equal(line, error!.Line);
        Assert.StartsWith("Dấu ngoặc kép", error.Message);
    }

    [Fact]
    public async Task A_quoted_cell_may_hold_commas_doubled_quotes_and_a_line_break()
    {
        var text = "Tên điểm cầu,Địa chỉ\n\"Hội trường \"\"Diên Hồng\"\"\",\"Số 1, Độc Lập\nBa Đình\"\nXã Tân Lập,Đồng Phú\n";

        var rows = await ReadAsync(Encoding.UTF8.GetBytes(text), "diem-cau.csv");

        Assert.Equal(2, rows.Count);
        Assert.Equal("Hội trường \"Diên Hồng\"", rows[0].Get("Tên điểm cầu"));
        Assert.Equal("Số 1, Độc Lập\nBa Đình", rows[0].Get("Địa chỉ"));
        Assert.Equal("Xã Tân Lập", rows[1].Get("Tên điểm cầu"));
    }

    [Fact]
    public async Task An_xlsx_without_cell_references_reads_inline_strings_after_a_blank_first_row()
    {
        // Some generators write neither row numbers nor cell references, and inline strings instead of a shared table.
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            static Cell Inline(string text) => new() { DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text)) };
            sheet.Worksheet = new Worksheet(new SheetData(
                new Row(),
                new Row(Inline("Tên điểm cầu"), Inline("Sức chứa"), Inline("Trung tâm")),
                new Row(Inline("Xã Bù Nho"), new Cell { CellValue = new CellValue(30), DataType = CellValues.Number }, new Cell { CellValue = new CellValue("1"), DataType = CellValues.Boolean })));
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "Sheet1" }));
        }

        var row = Assert.Single(await ReadAsync(stream.ToArray(), "diem-cau.xlsx"));

        Assert.Equal(("Xã Bù Nho", "30", "1", 3), (row.Get("Tên điểm cầu"), row.Get("Sức chứa"), row.Get("Trung tâm"), row.Line));
    }

    [Fact]
    public async Task A_csv_saved_in_the_Windows_code_page_is_refused_with_advice()
    {
        // "Xã Tân Lập" as Excel's plain "CSV" writes it in Windows-1258: not UTF-8.
        byte[] content = [.. "Tên\nX"u8, 0xE3, .. " T"u8, 0xE2, .. "n L"u8, 0xE2, .. "p\n"u8];

        var (rows, error) = await TabularFile.ReadAsync(new MemoryStream(content), "diem-cau.csv", TestContext.Current.CancellationToken);

        Assert.Empty(rows);
        Assert.Contains("không phải văn bản UTF-8", error!.Message);
        Assert.Contains("CSV UTF-8", error.Message);
    }

    [Theory]
    [InlineData("18/11/2021 14:00")]
    [InlineData("18/11/2021 14h00")]
    [InlineData("14h00 18/11/2021")]
    [InlineData("14h00' ngày 18/11/2021")]
    [InlineData("14 giờ 00 phút, ngày 18/11/2021")]
    [InlineData("14h ngày 18/11/2021")]
    [InlineData("2021-11-18T14:00")]
    public void Vietnamese_ways_of_writing_a_time_read_as_Vietnam_time(string text)
    {
        Assert.True(CellParsing.TryVietnamDateTime(text, out var utc));
        Assert.Equal(new DateTime(2021, 11, 18, 7, 0, 0), utc);
    }

    [Theory]
    [InlineData("18/11/2021")]
    [InlineData("31/02/2021 14:00")]
    [InlineData("chiều 18/11")]
    public void Incomplete_or_impossible_times_are_not_read(string text) =>
        Assert.False(CellParsing.TryVietnamDateTime(text, out _));

    [Theory]
    [InlineData("23/11/2021")]
    [InlineData("23-11-2021")]
    [InlineData("2021-11-23")]
    public void Dates_read_in_Vietnamese_or_ISO_order(string text)
    {
        Assert.True(CellParsing.TryDate(text, out var date));
        Assert.Equal(new DateOnly(2021, 11, 23), date);
    }

    [Theory]
    [InlineData("x", true, true)]
    [InlineData("Có", true, true)]
    [InlineData("TRUE", true, true)]
    [InlineData("", true, false)]
    [InlineData("không", true, false)]
    [InlineData("0", true, false)]
    [InlineData("có lẽ", false, false)]
    public void Yes_no_cells(string text, bool readable, bool yes)
    {
        Assert.Equal(readable, CellParsing.TryYesNo(text, out var value));
        Assert.Equal(yes, value);
    }

    [Theory]
    [InlineData("Sở/ngành")]
    [InlineData("so, nganh")]
    [InlineData("Department")]
    public void Labels_match_without_accents_case_or_punctuation(string text)
    {
        Assert.True(CellParsing.TryLabel(text, Labels.OrganizationKinds, out var kind));
        Assert.Equal(OrganizationKind.Department, kind);
    }
}
