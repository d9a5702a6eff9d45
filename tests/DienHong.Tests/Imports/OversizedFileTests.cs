using System.IO.Compression;
using System.Text;
using DienHong.Features.Imports;

namespace DienHong.Tests.Imports;

/// <summary>
/// A file that unpacks or runs beyond what an import may hold is refused with a clear message, before
/// it is read into memory: a few hundred kilobytes of XLSX can hold gigabytes of sheet XML.
/// </summary>
public class OversizedFileTests
{
    /// <summary>A valid one-sheet workbook whose sheet repeats one row until it is <paramref name="sheetBytes"/> long.</summary>
    internal static byte[] HighlyCompressedWorkbook(long sheetBytes)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Write(string name, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(xml);
            }

            Write("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Write("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Write("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Thành phần" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Write("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            using var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false));
            sheet.Write("""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row><c t="inlineStr"><is><t>Họ tên</t></is></c></row>""");
            const string row = """<row><c t="inlineStr"><is><t>Nguyễn Văn An</t></is></c></row>""";
            for (long written = 0; written < sheetBytes; written += row.Length)
            {
                sheet.Write(row);
            }

            sheet.Write("</sheetData></worksheet>");
        }

        return stream.ToArray();
    }

    [Fact]
    public async Task An_xlsx_of_a_few_hundred_kilobytes_holding_150_MB_of_sheet_is_refused_without_being_unpacked()
    {
        var bomb = HighlyCompressedWorkbook(150L * 1024 * 1024);
        Assert.InRange(bomb.Length, 1, 2 * 1024 * 1024);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var (rows, error) = await TabularFile.ReadAsync(new MemoryStream(bomb), "thanh-phan.xlsx", TestContext.Current.CancellationToken);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Empty(rows);
        Assert.Contains("giải nén ra hơn 64 MB, vượt giới hạn", error!.Message);
        Assert.InRange(allocated, 0, 32L * 1024 * 1024);
    }

    [Fact]
    public async Task An_xlsx_within_the_limit_is_read_row_by_row()
    {
        var workbook = HighlyCompressedWorkbook(2L * 1024 * 1024);

        var (rows, error) = await TabularFile.ReadAsync(new MemoryStream(workbook), "thanh-phan.xlsx", TestContext.Current.CancellationToken);

        Assert.Null(error);
        Assert.InRange(rows.Count, 30_000, TabularFile.MaxRows);
        Assert.Equal(("Nguyễn Văn An", 2), (rows[0].Get("Họ tên"), rows[0].Line));
    }

    [Fact]
    public async Task A_file_with_more_rows_than_an_import_may_hold_is_refused_with_the_limit()
    {
        var csv = new StringBuilder("Họ tên\n");
        for (var i = 0; i <= TabularFile.MaxRows; i++)
        {
            csv.Append("Người thứ ").Append(i).Append('\n');
        }

        var (rows, error) = await TabularFile.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), "thanh-phan.csv", TestContext.Current.CancellationToken);

        Assert.Empty(rows);
        Assert.Equal("Tệp có hơn 50.000 dòng dữ liệu, vượt giới hạn: hãy chia thành nhiều tệp.", error!.Message);
    }
}
