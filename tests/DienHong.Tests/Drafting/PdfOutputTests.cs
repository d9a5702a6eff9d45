using System.Diagnostics;
using DienHong.Features.Drafting;
using DienHong.Tests.Infrastructure;

namespace DienHong.Tests.Drafting;

/// <summary>Every kind of document through LibreOffice to PDF: the Vietnamese text survives, and page 1 is kept as a PNG to look at.</summary>
public class PdfOutputTests(DemoDocuments demo) : IClassFixture<DemoDocuments>
{
    public static TheoryData<string, string> Kinds => new()
    {
        { "plan", "Phối hợp tổ chức Hội nghị tiếp xúc cử tri trực tuyến sau kỳ họp thứ hai" },
        { "letter", "Kính gửi" },
        { "notice", "THÔNG BÁO" },
        { "invitations", "GIẤY MỜI" },
        { "backdrop", "TIẾP XÚC CỬ TRI VỚI ĐOÀN ĐẠI BIỂU QUỐC HỘI" },
        { "minutes", "BIÊN BẢN" },
    };

    [Theory, MemberData(nameof(Kinds))]
    public async Task Each_document_converts_to_a_PDF_with_every_diacritic(string kind, string expected)
    {
        if (!PdfConverter.IsAvailable && Environment.GetEnvironmentVariable("CI") is null)
        {
            Assert.Skip("LibreOffice (soffice) is not installed: PDF conversion skipped. Install libreoffice-writer to run it.");
        }

        var docx = kind switch
        {
            "plan" => demo.Plan(),
            "letter" => demo.Letter(),
            "notice" => demo.Notice(),
            "invitations" => demo.Invitations(),
            "backdrop" => demo.Backdrop(demo.Conference),
            _ => demo.Minutes(),
        };

        var pdf = await PdfConverter.ConvertAsync(docx, TestContext.Current.CancellationToken);

        var file = Path.Combine(BrowserSession.ArtifactsFolder, $"document-{kind}.pdf");
        await File.WriteAllBytesAsync(file, pdf, TestContext.Current.CancellationToken);
        var text = await RunAsync("pdftotext", $"-layout \"{file}\" -");
        Assert.Contains(expected, text, StringComparison.Ordinal);
        var signer = kind == "letter" ? "Giàng Thị Hoa" : "Điêu Huỳnh Sang";
        if (kind is not "backdrop")
        {
            Assert.Contains(signer, text, StringComparison.Ordinal);
        }

        var date = kind switch
        {
            "plan" => "Bình Phước, ngày 09 tháng 11 năm 2021",
            "letter" => "Điện Biên, ngày 10 tháng 4 năm 2020",
            "backdrop" => "Bình Phước, ngày 19 tháng 11 năm 2021",
            _ => "Bình Phước, ngày",
        };
        Assert.Contains(date, text, StringComparison.Ordinal);
        await RunAsync("pdftoppm", $"-png -r 70 -f 1 -l 1 -singlefile \"{file}\" \"{Path.ChangeExtension(file, null)}\"");
        Assert.True(File.Exists(Path.ChangeExtension(file, ".png")));
    }

    internal static async Task<string> RunAsync(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} failed: {await process.StandardError.ReadToEndAsync()}");
        return output;
    }
}
