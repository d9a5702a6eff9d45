using System.IO.Compression;
using DienHong.Features.Drafting;
using DienHong.Features.Issuing;
using Microsoft.Extensions.DependencyInjection;

namespace DienHong.Tests.Drafting;

/// <summary>
/// The layout flaws seen on printed paperwork, each checked on the PDF LibreOffice makes and poppler
/// reads back (positions in points), for meetings unlike the demo: where "Kính gửi:" and its list
/// stand, paragraphs ending on a lone word, agenda rows split across pages, a page holding only the
/// tail, a backdrop using its whole A3 page, and printed QR codes that a phone can read.
/// </summary>
public class PrintedLayoutTests
{
    private static readonly DateOnly On = new(2025, 11, 20);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Addressees_stand_in_a_list_beside_Kinh_gui_and_no_paragraph_ends_on_a_lone_word()
    {
        if (PrintedPages.Unavailable)
        {
            Assert.Skip(PrintedPages.SkipReason);
        }

        await using var unlike = new UnlikeMeetings();
        await unlike.InitializeAsync();
        await using var scope = unlike.App.Services.CreateAsyncScope();
        var issuer = scope.ServiceProvider.GetRequiredService<DocumentIssuer>();

        // "Kính gửi:" stands left of the middle, its list starts right after it on the same line, every item under the first, the last ending ".".
        var letter = await PrintedPages.PrintAsync("layout-session-letter", await issuer.DraftDocxAsync(unlike.SessionId, DocumentKind.Letter, unlike.CouncilId, null, On, null, Token), Token);
        var (width, _) = await PrintedPages.PageSizeAsync(letter);
        var lines = await PrintedPages.LinesAsync(letter);
        var labelLine = lines.First(l => l.Page == 1 && l.Text.Contains("Kính gửi:", StringComparison.Ordinal));
        var label = labelLine.Words.First(w => w.Text == "gửi:");
        string[] addressees = ["Sở Khoa học và Công nghệ;", "Công ty Điện lực Lai Châu;", "Sở Tài chính."];
        var items = addressees.Select(a =>
        {
            var line = lines.First(l => l.Page == 1 && l.Text.Contains("- " + a, StringComparison.Ordinal));
            var first = a.Split(' ')[0];
            var dash = line.Words.Select((w, i) => (w, i)).First(x => x.w.Text == "-" && x.i + 1 < line.Words.Count && line.Words[x.i + 1].Text == first).w;
            return (Line: line, X: dash.X0);
        }).ToList();
        Assert.True(Math.Abs(items[0].Line.Y0 - labelLine.Y0) < 3, $"the first addressee is on the label's line ({items[0].Line.Y0} vs {labelLine.Y0})");
        Assert.InRange(items[0].X - label.X1, 1, 20);
        Assert.All(items, i => Assert.InRange(i.X, items[0].X - 1.5, items[0].X + 1.5));
        Assert.True(items[0].X < width / 2, $"the list starts left of the middle, not pushed right ({items[0].X:0} of {width:0})");
        Assert.True(Math.Abs(((labelLine.Words[0].X0 + label.X1) / 2) - (width / 2)) > 100, "\"Kính gửi:\" is not centred");
        Assert.True(items.Zip(items.Skip(1)).All(p => p.First.Line.Y0 < p.Second.Line.Y0), "one addressee per line, in order");

        // No paragraph ends with one word alone on its last line, in any kind of document.
        var documents = new (string Name, byte[] Docx)[]
        {
            ("layout-session-plan", await issuer.DraftDocxAsync(unlike.SessionId, DocumentKind.Plan, unlike.CouncilId, null, On, null, Token)),
            ("layout-session-notice", await issuer.DraftDocxAsync(unlike.SessionId, DocumentKind.Notice, unlike.CouncilId, null, On, null, Token)),
            ("layout-sitting-letter", await issuer.DraftDocxAsync(unlike.SittingId, DocumentKind.Letter, unlike.StandingCommitteeId, null, On, null, Token)),
            ("layout-national-letter", await issuer.DraftDocxAsync(unlike.NationalId, DocumentKind.Letter, unlike.StandingCommitteeId, null, On, null, Token)),
            ("layout-contact-letter", await issuer.DraftDocxAsync(unlike.VoterContactId, DocumentKind.Letter, unlike.CouncilId, null, On, null, Token)),
        };
        var printed = new List<PrintedLine>(lines);
        foreach (var (name, docx) in documents)
        {
            printed.AddRange((await PrintedPages.LinesAsync(await PrintedPages.PrintAsync(name, docx, Token))).Select(l => l with { Block = l.Block + (documents.ToList().FindIndex(d => d.Name == name) + 1) * 100_000 }));
        }

        // A last line of one word under a line of several (a column of numbers is not a paragraph).
        var lonely = printed.GroupBy(l => l.Block).Select(b => b.ToList()).Where(b => b.Count > 1 && b[^1].Words.Count == 1 && b[^2].Words.Count >= 3)
            .Select(b => $"'{b[^1].Text}' after '{b[^2].Text}'").ToList();
        Assert.True(lonely.Count == 0, "paragraphs ending on a lone word: " + string.Join("; ", lonely));
    }

    [Fact]
    public async Task Agenda_rows_never_split_across_pages_and_no_page_holds_only_the_tail()
    {
        if (PrintedPages.Unavailable)
        {
            Assert.Skip(PrintedPages.SkipReason);
        }

        var heading = new DocumentHeading(null, "HỘI ĐỒNG NHÂN DÂN\nTỈNH LAI CHÂU", "12/KH-HĐND", "Lai Châu", On);
        var signature = new SignatureBlock(["TM. THƯỜNG TRỰC HĐND TỈNH"], "CHỦ TỊCH", UnlikeMeetings.ChairName);

        // Thirty agenda rows of three or four lines each: the table runs over pages, and each row stays on one.
        var markup = "@summary Tổ chức kỳ họp thứ 25\n# I. CHƯƠNG TRÌNH KỲ HỌP\n| STT | NỘI DUNG | CƠ QUAN TRÌNH |\n" + string.Join("\n", Enumerable.Range(1, 30).Select(n =>
            $"| {n:00} | Mở{n:00} Xem xét, cho ý kiến về tờ trình và dự thảo nghị quyết quy định chính sách hỗ trợ phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2026 - 2030 Hết{n:00} | Ủy ban nhân dân tỉnh |"))
            + "\nTrên đây là Kế hoạch tổ chức kỳ họp thứ 25./.";
        var table = await PrintedPages.PrintAsync("layout-agenda", DocumentComposer.Compose(DocumentKind.Plan, DocumentContent.Parse(markup), heading, signature, "Lưu: VT"), Token);
        var pages = await PrintedPages.PagesAsync(table);
        Assert.True(pages.Count >= 3, $"the agenda runs over pages ({pages.Count})");
        foreach (var n in Enumerable.Range(1, 30))
        {
            var opens = pages.FindIndex(p => p.Contains($"Mở{n:00}", StringComparison.Ordinal));
            var closes = pages.FindIndex(p => p.Contains($"Hết{n:00}", StringComparison.Ordinal));
            Assert.True(opens >= 0 && opens == closes, $"row {n:00} starts on page {opens + 1} and ends on page {closes + 1}");
        }

        // The header row is repeated on every page the table reaches.
        Assert.All(pages.Where(p => p.Contains("Mở", StringComparison.Ordinal)), p => Assert.Contains("NỘI DUNG", p, StringComparison.Ordinal));

        // A notice lengthened a line at a time: wherever the page breaks, "Nơi nhận", "- Lưu: VT." and the signer stay with the end of the text.
        var twoPages = 0;
        foreach (var count in new[] { 9, 12, 15, 18, 21 })
        {
            var body = "@summary Về việc tổ chức kỳ họp thứ 25\n" + string.Join("\n", Enumerable.Range(1, count).Select(i => $"{i}. Nội dung thứ {i} của thông báo về kỳ họp.")) + "\nĐề nghị các cơ quan, đơn vị, cá nhân liên quan biết, thực hiện./.\n@cc Thường trực Tỉnh ủy\n@cc UBND tỉnh\n@cc Các đại biểu HĐND tỉnh";
            var file = await PrintedPages.PrintAsync($"layout-tail-{count}", DocumentComposer.Compose(DocumentKind.Notice, DocumentContent.Parse(body), heading, signature, "Lưu: VT"), Token);
            var printed = await PrintedPages.PagesAsync(file);
            twoPages += printed.Count > 1 ? 1 : 0;
            var tail = Assert.Single(printed, p => p.Contains("Lưu: VT.", StringComparison.Ordinal));
            Assert.Contains("Nơi nhận:", tail, StringComparison.Ordinal);
            Assert.Contains(UnlikeMeetings.ChairName, tail, StringComparison.Ordinal);
            Assert.Contains("thực hiện./.", tail, StringComparison.Ordinal);
        }

        Assert.True(twoPages > 0, "some lengths run onto a second page");
    }

    [Fact]
    public async Task The_backdrop_fills_its_A3_page_and_printed_QR_codes_read_back_as_the_petition_page()
    {
        if (PrintedPages.Unavailable)
        {
            Assert.Skip(PrintedPages.SkipReason);
        }

        await using var unlike = new UnlikeMeetings();
        await unlike.InitializeAsync();
        await using var scope = unlike.App.Services.CreateAsyncScope();
        var issuer = scope.ServiceProvider.GetRequiredService<DocumentIssuer>();
        var petitionPage = $"{UnlikeMeetings.PublicAddress}cong-khai/hoi-nghi/{unlike.VoterContactId}";

        // The host's backdrop as the office downloads it (the ZIP of every site's).
        using var zip = new ZipArchive(new MemoryStream(await issuer.BackdropsZipAsync(unlike.VoterContactId, cancellationToken: Token)));
        var host = zip.Entries.First(e => e.Name.StartsWith("01-", StringComparison.Ordinal) && e.Name.EndsWith(".docx", StringComparison.Ordinal));
        using var content = new MemoryStream();
        await using (var entry = await host.OpenAsync(Token))
        {
            await entry.CopyToAsync(content, Token);
        }

        var backdrop = await PrintedPages.PrintAsync("layout-contact-backdrop", content.ToArray(), Token);
        Assert.Equal(1, await PrintedPages.PageCountAsync(backdrop));
        var (width, height) = await PrintedPages.PageSizeAsync(backdrop);
        Assert.Equal((1191, 842), ((int)Math.Round(width), (int)Math.Round(height)));
        var lines = await PrintedPages.LinesAsync(backdrop);
        // The lines reach from the top fifth to the bottom fifth of the page, the widest across most of it.
        Assert.True(lines.Min(l => l.Y0) < height * 0.2, $"starts at {lines.Min(l => l.Y0):0} of {height:0}");
        Assert.True(lines.Max(l => l.Y1) > height * 0.8, $"ends at {lines.Max(l => l.Y1):0} of {height:0}");
        Assert.True(lines.Max(l => l.X1 - l.X0) > width * 0.6, $"widest line {lines.Max(l => l.X1 - l.X0):0} of {width:0}");
        // The title is the largest line.
        var title = lines.Where(l => l.Text.Contains("TIẾP XÚC CỬ TRI", StringComparison.Ordinal) || l.Text.Contains("KỲ HỌP THỨ 26", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, title.Count);
        Assert.All(lines.Except(title), l => Assert.True(l.Height < title.Min(t => t.Height), $"'{l.Text}' ({l.Height:0.0}) is as large as the title ({title.Min(t => t.Height):0.0})"));
        // Its QR code, printed, reads back as the meeting's public page.
        Assert.Equal([petitionPage], await PrintedPages.QrCodesAsync(backdrop, 1, dpi: 100));

        // Each invitation carries two codes: the invitee's check-in code and the petition page.
        var invitations = await PrintedPages.PrintAsync("layout-contact-invitations", await issuer.DraftDocxAsync(unlike.VoterContactId, DocumentKind.Invitation, unlike.CouncilId, null, On, null, Token), Token);
        var codes = await PrintedPages.QrCodesAsync(invitations, 1);
        Assert.Equal(2, codes.Count);
        Assert.Contains(petitionPage, codes);
        Assert.Single(codes, c => c != petitionPage && c.Length > 20);
    }
}
