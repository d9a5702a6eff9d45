using DienHong.Features.Drafting;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DienHong.Tests.Drafting;

public class GeneratedDocumentsTests(DemoDocuments demo) : IClassFixture<DemoDocuments>
{
    public static TheoryData<string> Kinds => ["plan", "letter", "notice", "invitations", "backdrop", "minutes"];

    private byte[] Build(string kind) => kind switch
    {
        "plan" => demo.Plan(),
        "letter" => demo.Letter(),
        "notice" => demo.Notice(),
        "invitations" => demo.Invitations(),
        "backdrop" => demo.Backdrop(demo.Conference),
        _ => demo.Minutes(),
    };

    [Theory, MemberData(nameof(Kinds))]
    public void Every_document_passes_the_Open_XML_validator(string kind) =>
        Assert.Empty(DocxText.ValidationErrors(Build(kind)));

    [Fact]
    public void Spreadsheets_pass_the_Open_XML_validator()
    {
        Assert.Empty(DocxText.ValidationErrors(MeetingSpreadsheets.ParticipantsBySite(demo.Conference), spreadsheet: true));
        Assert.Empty(DocxText.ValidationErrors(MeetingSpreadsheets.AssignmentTracking(demo.Conference, new DateOnly(2021, 11, 20)), spreadsheet: true));
    }

    [Fact]
    public void The_plan_follows_the_decree_layout()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(demo.Plan()), false);
        var body = document.MainDocumentPart!.Document.Body!;
        var section = body.Elements<SectionProperties>().Single();
        var size = section.GetFirstChild<PageSize>()!;
        var margins = section.GetFirstChild<PageMargin>()!;
        Assert.Equal((11906u, 16838u), (size.Width!.Value, size.Height!.Value));
        Assert.Equal((1134, 1134, 1701u, 850u), (margins.Top!.Value, margins.Bottom!.Value, margins.Left!.Value, margins.Right!.Value));
        Assert.NotNull(section.GetFirstChild<TitlePage>());
        Assert.Contains(document.MainDocumentPart.HeaderParts, h => h.Header.InnerXml.Contains("PAGE", StringComparison.Ordinal));
        var defaults = document.MainDocumentPart.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        Assert.Equal("Times New Roman", defaults.GetFirstChild<RunFonts>()!.Ascii!.Value);

        Run RunOf(string text) => body.Descendants<Run>().First(r => r.InnerText == text);
        Assert.Equal(("26", true), (RunOf("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").RunProperties!.FontSize!.Val!.Value, RunOf("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").RunProperties!.Bold is not null));
        Assert.Equal("28", RunOf("Độc lập - Tự do - Hạnh phúc").RunProperties!.FontSize!.Val!.Value);
        Assert.Equal(("28", true), (RunOf("KẾ HOẠCH").RunProperties!.FontSize!.Val!.Value, RunOf("KẾ HOẠCH").RunProperties!.Bold is not null));
        var recipients = RunOf("Nơi nhận:").RunProperties!;
        Assert.Equal(("24", true, true), (recipients.FontSize!.Val!.Value, recipients.Bold is not null, recipients.Italic is not null));
        Assert.Equal("22", RunOf("- Các vị ĐBQH tỉnh;").RunProperties!.FontSize!.Val!.Value);
        var date = RunOf("Bình Phước, ngày 09 tháng 11 năm 2021").RunProperties!;
        Assert.Equal(("28", true), (date.FontSize!.Val!.Value, date.Italic is not null));
        var bodyParagraph = body.Descendants<Paragraph>().First(p => p.InnerText.StartsWith("Thực hiện ", StringComparison.Ordinal)).ParagraphProperties!;
        Assert.Equal((JustificationValues.Both, "720", "120"), (bodyParagraph.Justification!.Val!.Value, bodyParagraph.Indentation!.FirstLine!.Value, bodyParagraph.SpacingBetweenLines!.After!.Value));
    }

    [Fact]
    public void Dates_and_numbers_are_written_the_decrees_way()
    {
        Assert.Equal("ngày 09 tháng 11 năm 2021", VietnameseDates.Long(new DateOnly(2021, 11, 9)));
        Assert.Equal("ngày 14 tháng 4 năm 2020", VietnameseDates.Long(new DateOnly(2020, 4, 14)));
        Assert.Equal("ngày 05 tháng 02 năm 2025", VietnameseDates.Long(new DateOnly(2025, 2, 5)));
        Assert.Equal(("8h00", "thứ sáu"), (VietnameseDates.Time(new TimeOnly(8, 0)), VietnameseDates.Weekday(new DateOnly(2021, 11, 19))));
        Assert.Contains("Số: 05/TB-ĐBQH", DocxText.All(demo.Notice()), StringComparison.Ordinal);
    }

    [Fact]
    public void The_plan_has_the_sections_and_facts_of_seed_002()
    {
        var text = DocxText.Paragraphs(demo.Plan());
        var all = string.Join("\n", text);

        int[] order = [.. new[] { "KẾ HOẠCH", "Thực hiện Luật Tổ chức Quốc hội", "I. MỤC ĐÍCH, YÊU CẦU", "II. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN THAM DỰ", "2.1. Thời gian", "2.2. Địa điểm", "2.3. Số lượng người", "2.4. Thành phần tham dự", "2.5. Maket", "III. CHƯƠNG TRÌNH", "IV. TỔ CHỨC THỰC HIỆN", "Trên đây là Kế hoạch", "Nơi nhận:" }.Select(heading => text.IndexOfContaining(heading))];
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);

        Assert.Contains("Số: 62/KH-ĐBQH", all, StringComparison.Ordinal);
        // The issuing body breaks between words that belong together, never mid-name.
        Assert.Contains("ĐOÀN ĐBQH\nTỈNH BÌNH PHƯỚC", all, StringComparison.Ordinal);
        Assert.Contains("bắt đầu lúc 8h00, ngày 19/11/2021 (thứ sáu)", all, StringComparison.Ordinal);
        Assert.Contains("kết nối đến 01 điểm cầu Văn phòng Quốc hội (Hà Nội) và 11 điểm cầu cấp xã", all, StringComparison.Ordinal);
        Assert.Contains("không quá 30 người/điểm cầu", all, StringComparison.Ordinal);
        Assert.Contains("kiểm tra kết nối từ 14h00 ngày 18/11/2021", all, StringComparison.Ordinal);
        Assert.Contains("Nguyễn Tuấn Anh", all, StringComparison.Ordinal);
        // The eleven commune sites are one subsection, their place names made general, as in the seed.
        Assert.Contains("2.4.3. Điểm cầu trực tuyến tại UBND 11 xã, phường, thị trấn.", text);
        Assert.Contains("Thường trực HĐND, UBND huyện, thị xã, thành phố và xã, phường, thị trấn", all, StringComparison.Ordinal);
        Assert.Single(text, p => p.Contains("Ban Thường trực UBMTTQVN xã, phường, thị trấn", StringComparison.Ordinal));
        Assert.Contains("ĐOÀN ĐẠI BIỂU QUỐC HỘI - ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM", all, StringComparison.Ordinal);
        Assert.Contains("TỈNH BÌNH PHƯỚC", text);
        Assert.Contains("XÃ.....", text);
        Assert.Contains("TIẾP XÚC CỬ TRI VỚI ĐOÀN ĐẠI BIỂU QUỐC HỘI", text);
        Assert.Contains("SAU KỲ HỌP THỨ 2, QUỐC HỘI KHÓA XV", text);
        Assert.Contains("Bình Phước, ngày 19 tháng 11 năm 2021", text);
        // The commune sites' place: one rule for all of them, as the seed says, not eleven names.
        var communes = text.Single(p => p.StartsWith("2.2.", StringComparison.Ordinal) && p.Contains("Điểm cầu cấp xã", StringComparison.Ordinal));
        Assert.Equal("2.2.3. Điểm cầu cấp xã: Mỗi huyện, thị xã, thành phố chọn 01 đơn vị cấp xã kết nối tham dự hội nghị trực tuyến.", communes);

        // The agenda table: six rows, STT with leading zeros, the seed's presenters.
        string[] presenters = ["Đại diện BTTUBMTTQVN tỉnh", "Đại diện Đoàn ĐBQH tỉnh", "Cử tri dự họp tại các điểm cầu", "Đại diện lãnh đạo các sở, ban, ngành tham dự Hội nghị", "Đại diện Đoàn ĐBQH tỉnh", "Đại diện Ban Thường trực UBMTTQVN tỉnh"];
        var agendaStart = text.IndexOfContaining("III. CHƯƠNG TRÌNH");
        for (var i = 0; i < 6; i++)
        {
            var stt = (i + 1).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
            var row = text.FindIndex(agendaStart, p => p == stt);
            Assert.True(row > agendaStart, $"agenda row {stt} missing");
            Assert.Equal(presenters[i], text[row + 2]);
        }

        Assert.Contains("trước ngày 23/11/2021", all, StringComparison.Ordinal);
        Assert.Contains("4.1. Đề nghị", all, StringComparison.Ordinal);
        foreach (var recipient in new[] { "- Các vị ĐBQH tỉnh;", "- Trung tâm tin học, VPQH;", "- Sở Thông tin và Truyền thông;", "- Viễn thông Bình Phước;", "- Đài PTTH và Báo BP;", "- LĐVP, Phòng TTDN, Phòng CTQH;", "- Lưu: VT." })
        {
            Assert.Contains(recipient, text);
        }

        var signer = text.IndexOf("TM. ĐOÀN ĐẠI BIỂU QUỐC HỘI");
        Assert.True(signer > text.IndexOf("Nơi nhận:"));
        Assert.Equal("PHÓ TRƯỞNG ĐOÀN PHỤ TRÁCH", text[signer + 1]);
        Assert.Equal("Điêu Huỳnh Sang", text[^1]);
    }

    [Fact]
    public void The_letter_and_backdrop_have_the_facts_of_seed_004()
    {
        var text = DocxText.Paragraphs(demo.Letter());
        var all = string.Join("\n", text);

        Assert.Contains("HỘI ĐỒNG NHÂN DÂN\nTỈNH ĐIỆN BIÊN", all, StringComparison.Ordinal);
        Assert.Contains("Số: 51/HĐND-VP", text);
        Assert.Contains("V/v đảm bảo các điều kiện phục vụ phiên họp trực tuyến, kỳ họp thứ 13 (bất thường), HĐND tỉnh khóa XIV", text);
        Assert.Contains("Điện Biên, ngày 10 tháng 4 năm 2020", text);
        var kinhGui = text.IndexOf("Kính gửi:");
        // As the seed: a department of the province needs no place, and the last addressee ends with ".".
        Assert.Equal(["- Sở Thông tin và Truyền thông;", "- Công ty Điện lực Điện Biên;", "- Thường trực HĐND, UBND các huyện, thị xã, thành phố."], text.Skip(kinhGui + 1).Take(3));
        Assert.Contains("1. Sở Thông tin và Truyền thông", text);
        Assert.Contains("2. Công ty Điện lực Điện Biên", text);
        Assert.Contains("ngày 14/4/2020", all, StringComparison.Ordinal);
        Assert.Contains("7h30", all, StringComparison.Ordinal);
        Assert.Contains("0914.920.045", all, StringComparison.Ordinal);
        Assert.Equal("- Như trên;", text[text.IndexOf("Nơi nhận:") + 1]);
        Assert.Contains("- Lưu: VT, TCHC(2b).", text);
        var signer = text.IndexOf("TM. THƯỜNG TRỰC HĐND TỈNH");
        Assert.Equal(["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Giàng Thị Hoa"], text.Skip(signer + 1).Take(3));

        var backdrop = DocxText.Paragraphs(demo.Backdrop(demo.Session));
        Assert.Contains("KỲ HỌP THỨ 13 (BẤT THƯỜNG)", backdrop);
        Assert.Equal("Điện Biên, ngày 14 tháng 4 năm 2020", backdrop[^1]);
        Assert.Contains("KỲ HỌP THỨ 13 (BẤT THƯỜNG)", all, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_and_commune_backdrops_name_different_bodies_and_places()
    {
        var host = BackdropText.For(demo.Conference, demo.Conference.Sites.Single(s => s.IsHost)).Select(l => l.Text).ToList();
        var commune = BackdropText.For(demo.Conference, demo.Conference.Sites.First(s => s.Level == Features.Sites.SiteLevel.Commune && s.Name.Contains("Tân Lập", StringComparison.Ordinal))).Select(l => l.Text).ToList();

        Assert.Equal(["ĐOÀN ĐẠI BIỂU QUỐC HỘI - ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM", "TỈNH BÌNH PHƯỚC", "HỘI NGHỊ", "TIẾP XÚC CỬ TRI VỚI ĐOÀN ĐẠI BIỂU QUỐC HỘI", "SAU KỲ HỌP THỨ 2, QUỐC HỘI KHÓA XV", "Bình Phước, ngày 19 tháng 11 năm 2021"], host);
        Assert.Equal(["ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM", "XÃ TÂN LẬP", "HỘI NGHỊ", "TIẾP XÚC CỬ TRI VỚI ĐOÀN ĐẠI BIỂU QUỐC HỘI", "SAU KỲ HỌP THỨ 2, QUỐC HỘI KHÓA XV", "Tân Lập, ngày 19 tháng 11 năm 2021"], commune);
    }

    [Fact]
    public void The_screen_backdrop_is_a_16_by_9_svg_whose_lines_fit_the_width()
    {
        var svg = System.Xml.Linq.XDocument.Parse(BackdropDocument.Svg(Features.Issuing.DocumentIssuer.BackdropLines(demo.Conference, demo.Conference.Sites.Single(s => s.IsHost), WordingTemplates.Default(Features.Issuing.DocumentKind.Backdrop, demo.Conference.Kind))));
        var root = svg.Root!;
        Assert.Equal(("1920", "1080"), (root.Attribute("width")!.Value, root.Attribute("height")!.Value));
        var lines = root.Elements().Where(e => e.Name.LocalName == "text").ToList();
        Assert.Equal(6, lines.Count);
        foreach (var line in lines)
        {
            var size = double.Parse(line.Attribute("font-size")!.Value, System.Globalization.CultureInfo.InvariantCulture);
            var estimated = line.Value.Length * size * (line.Attribute("font-weight")!.Value == "bold" ? 0.62 : 0.5);
            Assert.True(estimated <= 1720 || line.Attribute("textLength") is not null, $"'{line.Value}' overflows");
        }
    }

    [Fact]
    public void Invitations_are_one_per_page_with_a_QR_code_each()
    {
        // Everyone taking part is invited, except the person who signs the invitations.
        var invited = demo.Conference.Participants.Count(p => p.PersonName != demo.Conference.SignerName);
        Assert.True(invited > 3, "the demo invites several people");
        var docx = demo.Invitations();
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var images = document.MainDocumentPart!.ImageParts.ToList();
        Assert.Equal(invited, images.Count);
        // One QR code per invitation, each its own code: none shared or repeated.
        Assert.Equal(invited, images.Select(Fingerprint).Distinct().Count());
        Assert.Equal(invited - 1, document.MainDocumentPart.Document.Body!.Descendants<Break>().Count(b => b.Type?.Value == BreakValues.Page));
        var text = DocxText.All(docx);
        Assert.Equal(invited, text.Split("GIẤY MỜI").Length - 1);
        var references = DocxText.Paragraphs(docx).Where(p => p.StartsWith($"Mã điểm danh: {demo.Conference.Id}-", StringComparison.Ordinal)).ToList();
        Assert.Equal(invited, references.Distinct().Count());

        static string Fingerprint(ImagePart image)
        {
            using var stream = image.GetStream();
            return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(stream));
        }
    }
}
