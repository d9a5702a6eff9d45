using System.Text;
using DienHong.Features.Imports;

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
}
