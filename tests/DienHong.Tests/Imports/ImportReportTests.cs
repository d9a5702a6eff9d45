using System.Text;
using DienHong.Data;
using DienHong.Features.AdministrativeUnits;
using DienHong.Features.Imports;
using DienHong.Features.Meetings;
using DienHong.Features.Organizations;
using DienHong.Features.Sites;
using DienHong.Tests.Infrastructure;
using DienHong.Tests.Meetings;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Imports;

/// <summary>
/// What an office meets when it imports: every problem of a file in one report, each on its line
/// (the whole plan's rules too), codes as Excel leaves them, and a template to start from.
/// </summary>
public class ImportReportTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    private static async Task<int> AddMeetingAsync(TestDatabase database, bool withSites = true)
    {
        await using var db = database.CreateContext();
        var meeting = MeetingPersistenceTests.NewMeeting();
        if (!withSites)
        {
            meeting.Sites.Clear();
        }

        db.Meetings.Add(meeting);
        await db.SaveMeetingAsync(meeting, Token);
        return meeting.Id;
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_site_file_reports_row_errors_and_the_plans_rules_together_each_on_its_lines(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var meetingId = await AddMeetingAsync(database, withSites: false);
        // The meeting starts 19/11/2021 8h00 (Vietnam time).
        var csv = Csv("""
            Tên điểm cầu,Trung tâm,Sức chứa,Giờ kiểm tra kết nối
            Hội trường tỉnh,x,80,18/11/2021 14:00
            Xã Tân Lập,,ba mươi,
            Xã Tân Hòa,x,30,
            Xã Tân Tiến,,30,19/11/2021 09:00
            """);

        await using var db = database.CreateContext();
        var result = await db.ImportSitesAsync(meetingId, csv, "diem-cau.csv", Token);

        Assert.Equal([2, 3, 4, 5], result.Errors.Select(e => e.Line));
        Assert.Equal("Các dòng 2, 4 cùng đánh dấu Trung tâm, mà cuộc họp chỉ có một điểm cầu trung tâm.", result.Errors[0].Message);
        Assert.Equal("Sức chứa \"ba mươi\" không phải số nguyên dương.", result.Errors[1].Message);
        Assert.Equal("Các dòng 2, 4 cùng đánh dấu Trung tâm, mà cuộc họp chỉ có một điểm cầu trung tâm.", result.Errors[2].Message);
        Assert.Equal("Giờ kiểm tra kết nối 19/11/2021 9h00 phải trước khi cuộc họp bắt đầu (19/11/2021 8h00).", result.Errors[3].Message);
        Assert.All(result.Errors, e => Assert.DoesNotContain("Dòng", e.Message, StringComparison.Ordinal));
        await using var check = database.CreateContext();
        Assert.Equal(0, await check.Sites.CountAsync(Token));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_first_site_file_without_a_host_says_so_beside_its_row_errors(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var meetingId = await AddMeetingAsync(database, withSites: false);

        await using var db = database.CreateContext();
        var result = await db.ImportSitesAsync(meetingId, Csv("Tên điểm cầu,Sức chứa\nXã Tân Lập,30\nXã Tân Hòa,\n"), "diem-cau.csv", Token);

        Assert.Equal([(0, "Chưa có điểm cầu trung tâm: ghi x ở cột Trung tâm của một dòng."), (3, "Thiếu Sức chứa.")], result.Errors.Select(e => (e.Line, e.Message)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Unit_codes_that_Excel_turned_into_numbers_are_read_as_the_official_codes(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var meetingId = await AddMeetingAsync(database);
        await using (var setup = database.CreateContext())
        {
            var hanoi = new AdministrativeUnit { Code = "01", Name = "Thành phố Hà Nội", Level = AdministrativeLevel.Province };
            var baDinh = new AdministrativeUnit { Code = "001", Name = "Quận Ba Đình", Level = AdministrativeLevel.District, Parent = hanoi, ValidTo = new DateOnly(2025, 6, 30) };
            setup.AdministrativeUnits.AddRange(hanoi, baDinh, new AdministrativeUnit { Code = "00001", Name = "Phường Phúc Xá", Level = AdministrativeLevel.Commune, Parent = baDinh });
            await setup.SaveChangesAsync(Token);
        }

        // Typed 01, 001 and 2 where the official list writes 01, 001 and 02; Excel stores the numbers 1, 1 and 2.
        var sites = SpreadsheetBuilder.Build(
            ["Tên điểm cầu", "Cấp", "Mã đơn vị hành chính", "Sức chứa"],
            ["Đoàn ĐBQH thành phố Hà Nội", "Tỉnh", 1, 40],
            ["Phường Phúc Xá", "Xã", 1, 30]);
        var organizations = SpreadsheetBuilder.Build(["Tên", "Mã đơn vị hành chính"], ["Sở Y tế Hà Nội", 1]);
        var units = SpreadsheetBuilder.Build(["Mã", "Tên", "Cấp", "Mã đơn vị cấp trên"], [2, "Tỉnh Hà Giang", "Tỉnh", null], [26, "Huyện Đồng Văn", "Huyện", 2]);

        await using (var db = database.CreateContext())
        {
            var result = await db.ImportSitesAsync(meetingId, new MemoryStream(sites), "diem-cau.xlsx", Token);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        }

        await using (var db = database.CreateContext())
        {
            var ambiguous = await db.ImportOrganizationsAsync(new MemoryStream(organizations), "co-quan.xlsx", Token);
            Assert.Equal("Mã \"1\" có thể là 00001, 001, 01: hãy ghi đủ chữ số.", Assert.Single(ambiguous.Errors).Message);
        }

        await using (var db = database.CreateContext())
        {
            var result = await db.ImportAdministrativeUnitsAsync(new MemoryStream(units), "don-vi.xlsx", Token);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        }

        await using var check = database.CreateContext();
        var placed = await check.Sites.Include(s => s.AdministrativeUnit).Where(s => s.AdministrativeUnitId != null).ToDictionaryAsync(s => s.Name, s => s.AdministrativeUnit!.Code, Token);
        Assert.Equal("01", placed["Đoàn ĐBQH thành phố Hà Nội"]);
        Assert.Equal("00001", placed["Phường Phúc Xá"]);
        var dongVan = await check.AdministrativeUnits.Include(u => u.Parent).SingleAsync(u => u.Name == "Huyện Đồng Văn", Token);
        Assert.Equal(("026", "02"), (dongVan.Code, dongVan.Parent!.Code));
    }

    [Theory]
    [InlineData("mau-diem-cau.xlsx", "Tên điểm cầu", "Mã đơn vị hành chính")]
    [InlineData("mau-thanh-phan.xlsx", "Họ tên", "Điện thoại")]
    [InlineData("mau-co-quan.xlsx", "Tên", "Mã đơn vị hành chính")]
    [InlineData("mau-don-vi-hanh-chinh.xlsx", "Mã", "Mã đơn vị cấp trên")]
    public async Task Each_import_has_a_downloadable_template_whose_code_columns_are_text(string fileName, string firstHeader, string codeHeader)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite));
        var client = await app.AdministratorClientAsync();

        var response = await client.GetAsync($"/api/import-templates/{fileName}", Token);

        response.EnsureSuccessStatusCode();
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Token);
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var sheet = (WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        var headers = sheet.Worksheet.Descendants<Row>().First().Elements<Cell>().Select(c => c.InnerText).ToList();
        Assert.Equal(firstHeader, headers[0]);
        var codeColumn = (uint)headers.IndexOf(codeHeader) + 1;
        var column = sheet.Worksheet.Descendants<Column>().Single(c => c.Min! <= codeColumn && codeColumn <= c.Max!);
        var format = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)column.Style!.Value);
        Assert.Equal(49u, format.NumberFormatId!.Value);
        Assert.Contains(workbook.Workbook.Sheets!.Elements<Sheet>().First().Name!.Value, new[] { "Thành phần", "Điểm cầu", "Cơ quan", "Đơn vị hành chính" });
        Assert.Equal("Hướng dẫn", workbook.Workbook.Sheets!.Elements<Sheet>().ElementAt(1).Name!.Value);

        // Read back by the import's own reader: the header row names the columns the import expects.
        var (_, error) = await TabularFile.ReadAsync(new MemoryStream(bytes), fileName, Token);
        Assert.Equal("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.", error!.Message);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync("/api/import-templates/khong-co.xlsx", Token)).StatusCode);
    }
}
