using DienHong.Features.Issuing;
using DienHong.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DienHong.Tests.Drafting;

/// <summary>
/// Page-level checks on the PDFs LibreOffice makes of the demo's documents and of meetings unlike it
/// (poppler reads them back): the signer block on one page, no page holding only the "Nơi nhận"
/// tail, the issuing body broken only where intended, one font family for all the text. Every page
/// is kept as a PNG in the artifacts folder.
/// </summary>
public class PdfPageTests(DemoDocuments demo) : IClassFixture<DemoDocuments>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Documents_keep_their_blocks_whole_and_print_in_one_Vietnamese_font()
    {
        if (PrintedPages.Unavailable)
        {
            Assert.Skip(PrintedPages.SkipReason);
        }

        await using var unlike = new UnlikeMeetings();
        await unlike.InitializeAsync();
        await using var scope = unlike.App.Services.CreateAsyncScope();
        var issuer = scope.ServiceProvider.GetRequiredService<DocumentIssuer>();
        var on = new DateOnly(2025, 11, 20);
        var documents = new (string Name, byte[] Docx, string[] Heading, string Signer, string SignerTitle)[]
        {
            ("demo-plan", demo.Plan(), ["ĐOÀN ĐBQH", "TỈNH BÌNH PHƯỚC"], "Điêu Huỳnh Sang", "PHÓ TRƯỞNG ĐOÀN PHỤ TRÁCH"),
            ("demo-letter", demo.Letter(), ["HỘI ĐỒNG NHÂN DÂN", "TỈNH ĐIỆN BIÊN"], "Giàng Thị Hoa", "PHÓ CHỦ TỊCH"),
            ("demo-minutes", demo.Minutes(), ["ĐOÀN ĐBQH", "TỈNH BÌNH PHƯỚC"], "Điêu Huỳnh Sang", "PHÓ TRƯỞNG ĐOÀN PHỤ TRÁCH"),
            ("session-plan", await issuer.DraftDocxAsync(unlike.SessionId, DocumentKind.Plan, unlike.CouncilId, null, on, null, Token), ["HỘI ĐỒNG NHÂN DÂN", "TỈNH LAI CHÂU"], UnlikeMeetings.ChairName, "CHỦ TỊCH"),
            ("session-invitations", await issuer.DraftDocxAsync(unlike.SessionId, DocumentKind.Invitation, unlike.CouncilId, null, on, null, Token), ["HỘI ĐỒNG NHÂN DÂN", "TỈNH LAI CHÂU"], UnlikeMeetings.ChairName, "CHỦ TỊCH"),
            ("national-plan", await issuer.DraftDocxAsync(unlike.NationalId, DocumentKind.Plan, unlike.StandingCommitteeId, null, on, null, Token), ["ỦY BAN THƯỜNG VỤ", "QUỐC HỘI"], "Trần Thanh Mẫn", "CHỦ TỊCH QUỐC HỘI"),
            ("empty-notice", await issuer.DraftDocxAsync(unlike.EmptyId, DocumentKind.Notice, unlike.CouncilId, null, on, null, Token), ["HỘI ĐỒNG NHÂN DÂN", "TỈNH LAI CHÂU"], UnlikeMeetings.ChairName, "CHỦ TỊCH"),
        };

        foreach (var (name, docx, heading, signer, signerTitle) in documents)
        {
            var file = await PrintedPages.PrintAsync(name, docx, Token);
            var pages = await PrintedPages.PagesAsync(file);

            // One font family for every glyph: no fallback font inside Vietnamese words.
            var fonts = (await PrintedPages.RunAsync("pdffonts", $"\"{file}\"")).Split('\n').Skip(2).Where(l => l.Length > 0).Select(l => l.Split(' ')[0].Split('+')[^1]).ToList();
            Assert.All(fonts, f => Assert.StartsWith("LiberationSerif", f, StringComparison.Ordinal));

            // The issuing body on page 1, each line of it whole on one printed line.
            var first = pages[0].Split('\n').Select(l => l.Trim()).ToList();
            Assert.All(heading, line => Assert.Contains(first, printed => printed.StartsWith(line + "  ", StringComparison.Ordinal) || printed == line));

            // Every page that has a signature has all of it, and the end of the text above it.
            foreach (var page in pages.Where(p => p.Contains(signer, StringComparison.Ordinal) && p.Contains("Nơi nhận", StringComparison.Ordinal)))
            {
                Assert.Contains(signerTitle, page, StringComparison.Ordinal);
                Assert.Contains("./.", page, StringComparison.Ordinal);
            }

            Assert.All(pages.Where(p => p.Contains("Nơi nhận", StringComparison.Ordinal)), p => Assert.Contains(signer, p, StringComparison.Ordinal));
            Assert.True(File.Exists(Path.ChangeExtension(file, null) + "-1.png") || File.Exists(Path.ChangeExtension(file, null) + "-01.png"), $"{name}: page images");
        }

        // Minutes: the secretary's and the chair's names on one line.
        var minutes = string.Join("\n", await PrintedPages.PagesAsync(Path.Combine(BrowserSession.ArtifactsFolder, "pages-demo-minutes.pdf")));
        Assert.Contains(minutes.Split('\n'), l => l.Contains("Nguyễn Thị Thu", StringComparison.Ordinal) && l.Contains("Điêu Huỳnh Sang", StringComparison.Ordinal));
    }
}
