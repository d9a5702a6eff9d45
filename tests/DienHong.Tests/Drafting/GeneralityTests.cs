using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Drafting;
using DienHong.Features.Issuing;
using DienHong.Features.Meetings;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DienHong.Tests.Drafting;

/// <summary>
/// Every kind generated for meetings unlike the demo, on both databases, and none of the flaws
/// seen in the frames that were shaped on the two seeds.
/// </summary>
public partial class GeneralityTests
{
    private static readonly DateOnly IssuedOn = new(2025, 11, 20);

    private static async Task<T> UseAsync<T>(UnlikeMeetings meetings, Func<DocumentIssuer, Task<T>> work)
    {
        await using var scope = meetings.App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<DocumentIssuer>());
    }

    private static Task<List<string>> TextAsync(UnlikeMeetings meetings, int meetingId, DocumentKind kind, int organizationId) =>
        UseAsync(meetings, async issuer => DocxText.Paragraphs(await issuer.DraftDocxAsync(meetingId, kind, organizationId, null, IssuedOn)));

    /// <summary>Flaws any document of any meeting must not have.</summary>
    private static void AssertNoCommonFlaws(List<string> paragraphs, string issuer)
    {
        var all = string.Join("\n", paragraphs);
        Assert.DoesNotMatch(EmptyGrounds(), all);
        var doubled = DoubledWord().Match(string.Join(" ", paragraphs));
        Assert.False(doubled.Success, $"doubled word: '{doubled.Value}'");
        Assert.DoesNotContain("Đề nghị " + issuer, all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Giao " + issuer, all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Ông/Bà", all, StringComparison.Ordinal);
        Assert.DoesNotContain("tổ chức Kỳ họp", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Điểm cầu tại Điểm cầu", all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Căn cứ ;", all, StringComparison.Ordinal);
        // A numbered section has something under it before the next one.
        var sections = paragraphs.Select((p, i) => (p, i)).Where(x => RomanSection().IsMatch(x.p)).Select(x => x.i).ToList();
        Assert.All(sections, i => Assert.False(i + 1 < paragraphs.Count && RomanSection().IsMatch(paragraphs[i + 1]), $"empty section: {paragraphs[i]}"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_three_day_council_session_of_five_sites_without_legal_bases_reads_as_offices_write(DatabaseProvider provider)
    {
        await using var meetings = new UnlikeMeetings { Provider = provider };
        await meetings.InitializeAsync();

        var plan = await TextAsync(meetings, meetings.SessionId, DocumentKind.Plan, meetings.CouncilId);
        var letter = await TextAsync(meetings, meetings.SessionId, DocumentKind.Letter, meetings.CouncilId);
        var notice = await TextAsync(meetings, meetings.SessionId, DocumentKind.Notice, meetings.CouncilId);
        var invitations = await TextAsync(meetings, meetings.SessionId, DocumentKind.Invitation, meetings.CouncilId);
        foreach (var document in new[] { plan, letter, notice, invitations })
        {
            AssertNoCommonFlaws(document, UnlikeMeetings.CouncilName);
        }

        var planText = string.Join("\n", plan);
        // Three days, from the first to the last.
        Assert.Contains("03 ngày", planText, StringComparison.Ordinal);
        Assert.Contains("đến ngày 10/12/2025", planText, StringComparison.Ordinal);
        Assert.Contains("từ ngày 08/12/2025 đến ngày 10/12/2025", string.Join("\n", letter), StringComparison.OrdinalIgnoreCase);
        // The chair before the deputy, though entered after and later in the alphabet.
        Assert.True(planText.IndexOf(UnlikeMeetings.ChairName, StringComparison.Ordinal) < planText.IndexOf(UnlikeMeetings.DeputyName, StringComparison.Ordinal), "chair first");
        // The council's own task is not addressed to it; its office is assigned ("Giao"), others asked ("Đề nghị").
        Assert.DoesNotContain("Chủ trì kỳ họp theo chương trình", planText, StringComparison.Ordinal);
        Assert.Contains(plan, p => p.Contains("Giao Văn phòng Đoàn ĐBQH và HĐND tỉnh", StringComparison.Ordinal));
        Assert.Contains(plan, p => p.Contains("Đề nghị Sở Khoa học và Công nghệ", StringComparison.Ordinal));
        // Deadlines only where set: two tasks have one.
        Assert.Equal(2, Regex.Count(planText, "trước ngày"));
        Assert.Contains("hoàn thành trước ngày 05/12/2025", planText, StringComparison.Ordinal);
        // Without legal bases, the letter opens on the date; the standing body acts.
        var opening = letter.First(p => p.StartsWith("Ngày 08/12/2025", StringComparison.Ordinal) || p.StartsWith("Từ ngày", StringComparison.Ordinal));
        Assert.Contains("Thường trực HĐND tỉnh tổ chức kỳ họp thứ 25", opening, StringComparison.Ordinal);
        // The addressees are the bodies asked, never the issuer or its own office; the last ends with ".".
        // The province's departments without the place, as the seeds write them.
        var to = letter.Skip(letter.IndexOf("Kính gửi:") + 1).TakeWhile(p => p.StartsWith("- ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["- Sở Khoa học và Công nghệ;", "- Công ty Điện lực Lai Châu;", "- Sở Tài chính."], to);
        // Invitations: never to the signer, addressed as offices do, the place said once.
        var invitationText = string.Join("\n", invitations);
        Assert.Equal(3, Regex.Count(invitationText, "GIẤY MỜI"));
        Assert.DoesNotContain("Kính gửi: Đồng chí " + UnlikeMeetings.ChairName, invitationText, StringComparison.Ordinal);
        Assert.Contains("Kính gửi: Đồng chí Lê Văn An, Phó Chủ tịch HĐND tỉnh.", invitations);
        Assert.Contains("Địa điểm: Hội trường tầng 3, Hội trường HĐND tỉnh Lai Châu.", invitations);

        var backdrop = DocxText.Paragraphs(await UseAsync(meetings, async issuer =>
            BackdropDocument.Print(DocumentIssuer.BackdropLines(await issuer.LoadMeetingAsync(meetings.SessionId), (await issuer.LoadMeetingAsync(meetings.SessionId)).Sites.Single(s => s.IsHost), WordingTemplates.Default(DocumentKind.Backdrop, Features.Meetings.MeetingKind.RegularSession)))));
        Assert.Equal("Lai Châu, ngày 08 tháng 12 năm 2025", backdrop[^1]);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_national_conference_of_63_provincial_sites_writes_them_once(DatabaseProvider provider)
    {
        await using var meetings = new UnlikeMeetings { Provider = provider };
        await meetings.InitializeAsync();

        var plan = await TextAsync(meetings, meetings.NationalId, DocumentKind.Plan, meetings.StandingCommitteeId);
        var notice = await TextAsync(meetings, meetings.NationalId, DocumentKind.Notice, meetings.StandingCommitteeId);
        AssertNoCommonFlaws(plan, "Ủy ban Thường vụ Quốc hội");
        AssertNoCommonFlaws(notice, "Ủy ban Thường vụ Quốc hội");
        var planText = string.Join("\n", plan);

        // One line for the 63 sites, each province named once; the central host named once.
        Assert.Single(plan, p => p.Contains("Điểm cầu An Giang", StringComparison.Ordinal));
        Assert.Single(plan, p => p.StartsWith("- Điểm cầu cấp tỉnh:", StringComparison.Ordinal));
        Assert.Contains("kết nối đến 63 điểm cầu cấp tỉnh", planText, StringComparison.Ordinal);
        Assert.DoesNotContain("Văn phòng Quốc hội (Hà Nội), Văn phòng Quốc hội (Hà Nội)", planText, StringComparison.Ordinal);
        Assert.DoesNotContain("Văn phòng Quốc hội (Hà Nội): Văn phòng Quốc hội (Hà Nội)", planText, StringComparison.Ordinal);
        Assert.Contains("Giao Văn phòng Quốc hội bảo đảm kết nối 63 điểm cầu.", planText, StringComparison.Ordinal);

        // The backdrop of a conference whose title starts "Hội nghị" does not say it twice.
        var meeting = await UseAsync(meetings, issuer => issuer.LoadMeetingAsync(meetings.NationalId));
        var lines = DocumentIssuer.BackdropLines(meeting, meeting.Sites.Single(s => s.IsHost), WordingTemplates.Default(DocumentKind.Backdrop, meeting.Kind));
        Assert.Single(lines, l => l.Text.StartsWith("HỘI NGHỊ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Kind == BackdropLineKind.Kind);
        // The issuer's name breaks at a place in the heading, never inside a word.
        Assert.Equal(["ỦY BAN THƯỜNG VỤ", "QUỐC HỘI"], DocumentLayout.HeadingLines("ỦY BAN THƯỜNG VỤ QUỐC HỘI", DocumentLayout.BodyNameSize, true, DocumentLayout.LeftColumn));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_meeting_without_participants_gets_no_empty_sections_and_no_numbered_invitation(DatabaseProvider provider)
    {
        await using var meetings = new UnlikeMeetings { Provider = provider };
        await meetings.InitializeAsync();

        var plan = await TextAsync(meetings, meetings.EmptyId, DocumentKind.Plan, meetings.CouncilId);
        var notice = await TextAsync(meetings, meetings.EmptyId, DocumentKind.Notice, meetings.CouncilId);
        AssertNoCommonFlaws(plan, UnlikeMeetings.CouncilName);
        AssertNoCommonFlaws(notice, UnlikeMeetings.CouncilName);
        Assert.DoesNotContain(plan, p => p.Contains("Thành phần tham dự", StringComparison.Ordinal) || p.Contains("CHƯƠNG TRÌNH", StringComparison.Ordinal) || p.Contains("TỔ CHỨC THỰC HIỆN", StringComparison.Ordinal));
        Assert.Contains("I. THỜI GIAN, ĐỊA ĐIỂM", plan);
        Assert.Contains("2. Địa điểm: Phòng họp số 2.", plan);

        // Issued as the council's office would: a secretariat user of that office, signed in, through the API.
        var office = await meetings.App.SignedInClientAsync(Roles.Secretariat, organizationId: meetings.CouncilOfficeId);
        var refused = await office.PostAsJsonAsync($"/api/meetings/{meetings.EmptyId}/documents", new IssueRequest(DocumentKind.Invitation, meetings.CouncilId), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("chưa có ai để mời", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        await using var db = meetings.App.CreateContext();
        Assert.Equal(0, await db.IssuedDocuments.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Each_meeting_kind_ships_its_own_letter_notice_invitation_and_backdrop()
    {
        // A council session writes the letter the council's way (the generic default is shaped on it); the others have their own.
        Assert.All([MeetingKind.Conference, MeetingKind.VoterContactConference, MeetingKind.Sitting], kind => Assert.True(WordingTemplates.HasOwnDefault(DocumentKind.Letter, kind), $"letter for {kind}"));
        foreach (var document in new[] { DocumentKind.Notice, DocumentKind.Invitation })
        {
            Assert.All([MeetingKind.RegularSession, MeetingKind.ExtraordinarySession, MeetingKind.Sitting, MeetingKind.Conference, MeetingKind.VoterContactConference], kind => Assert.True(WordingTemplates.HasOwnDefault(document, kind), $"{document} for {kind}"));
        }

        Assert.All([MeetingKind.RegularSession, MeetingKind.Sitting, MeetingKind.VoterContactConference], kind => Assert.True(WordingTemplates.HasOwnDefault(DocumentKind.Backdrop, kind), $"backdrop for {kind}"));
        // A sitting has its own letter, and otherwise writes as a session does.
        Assert.NotEqual(WordingTemplates.Default(DocumentKind.Letter, MeetingKind.Sitting), WordingTemplates.Default(DocumentKind.Letter, MeetingKind.RegularSession));
        Assert.Equal(WordingTemplates.Default(DocumentKind.Notice, MeetingKind.Sitting), WordingTemplates.Default(DocumentKind.Notice, MeetingKind.RegularSession));
        Assert.Contains("meeting.petition_page", WordingTemplates.Fields());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_session_a_sitting_a_national_conference_and_a_voter_contact_conference_are_each_written_their_way(DatabaseProvider provider)
    {
        await using var meetings = new UnlikeMeetings { Provider = provider };
        await meetings.InitializeAsync();
        var petitionPage = $"{UnlikeMeetings.PublicAddress}cong-khai/hoi-nghi/{meetings.VoterContactId}";

        // A council session: opening and closing days, the agenda with who presents it, the delegates asked to study the papers.
        var sessionNotice = await TextAsync(meetings, meetings.SessionId, DocumentKind.Notice, meetings.CouncilId);
        var sessionInvitation = await TextAsync(meetings, meetings.SessionId, DocumentKind.Invitation, meetings.CouncilId);
        AssertNoCommonFlaws(sessionNotice, UnlikeMeetings.CouncilName);
        AssertNoCommonFlaws(sessionInvitation, UnlikeMeetings.CouncilName);
        Assert.Contains("1. Thời gian: 03 ngày, khai mạc lúc 7h30 ngày 08/12/2025 (thứ hai), bế mạc ngày 10/12/2025 (thứ tư).", sessionNotice);
        Assert.Contains("2. Địa điểm: Hội trường tầng 3, Hội trường HĐND tỉnh Lai Châu; kết nối trực tuyến đến 04 điểm cầu cấp xã.", sessionNotice);
        Assert.Contains("- Báo cáo tình hình kinh tế - xã hội năm 2025 (UBND tỉnh trình bày).", sessionNotice);
        Assert.Contains(sessionNotice, p => p.StartsWith("Đề nghị các vị đại biểu sắp xếp công việc", StringComparison.Ordinal));
        Assert.Contains(sessionInvitation, p => p.StartsWith("Thời gian: 03 ngày, khai mạc lúc 7h30 ngày 08/12/2025, bế mạc ngày 10/12/2025.", StringComparison.Ordinal));
        var sessionBackdrop = await BackdropAsync(meetings, meetings.SessionId);
        Assert.Equal(BackdropLineKind.Emblem, sessionBackdrop[0].Kind);
        Assert.DoesNotContain(sessionBackdrop, l => l.Kind == BackdropLineKind.QrCode);

        // A Standing Committee sitting: the items to present and by whom, papers "sent before" their date; members, not delegates.
        var sittingLetter = await TextAsync(meetings, meetings.SittingId, DocumentKind.Letter, meetings.StandingCommitteeId);
        var sittingNotice = await TextAsync(meetings, meetings.SittingId, DocumentKind.Notice, meetings.StandingCommitteeId);
        AssertNoCommonFlaws(sittingLetter, "Ủy ban Thường vụ Quốc hội");
        AssertNoCommonFlaws(sittingNotice, "Ủy ban Thường vụ Quốc hội");
        Assert.Contains("V/v chuẩn bị nội dung phiên họp thứ 50 của Ủy ban Thường vụ Quốc hội", sittingLetter);
        Assert.Contains("Kính gửi: Chính phủ.", sittingLetter);
        // The committee is the actor: its sitting is not "of the committee" a second time in the same sentence.
        Assert.Contains("Ủy ban Thường vụ Quốc hội tổ chức phiên họp thứ 50 từ ngày 13/10/2025 đến ngày 14/10/2025 tại Phòng họp D1, Nhà Quốc hội.", sittingLetter);
        Assert.Contains("CƠ QUAN TRÌNH", sittingLetter);
        Assert.Contains("Ủy ban Pháp luật và Tư pháp", sittingLetter);
        Assert.Contains("Gửi hồ sơ dự án Luật đến Ủy ban Thường vụ Quốc hội, gửi trước ngày 03/10/2025.", sittingLetter);
        Assert.Contains("1. Giao Văn phòng Quốc hội", sittingLetter);
        Assert.Contains(sittingNotice, p => p.StartsWith("Đề nghị các thành viên sắp xếp công việc", StringComparison.Ordinal));
        var sittingBackdrop = await BackdropAsync(meetings, meetings.SittingId);
        Assert.Equal(BackdropLineKind.Emblem, sittingBackdrop[0].Kind);
        Assert.Contains(sittingBackdrop, l => l.Kind == BackdropLineKind.Title && l.Text.Contains("PHIÊN HỌP THỨ 50", StringComparison.Ordinal));

        // A national conference: the central site and the 63 connected once, what each body prepares.
        var nationalLetter = await TextAsync(meetings, meetings.NationalId, DocumentKind.Letter, meetings.StandingCommitteeId);
        var nationalNotice = await TextAsync(meetings, meetings.NationalId, DocumentKind.Notice, meetings.StandingCommitteeId);
        AssertNoCommonFlaws(nationalLetter, "Ủy ban Thường vụ Quốc hội");
        AssertNoCommonFlaws(nationalNotice, "Ủy ban Thường vụ Quốc hội");
        Assert.Contains("V/v chuẩn bị hội nghị trực tuyến toàn quốc quán triệt Luật Tổ chức chính quyền địa phương", nationalLetter);
        Assert.Contains(nationalLetter, p => p.Contains("vào 8h00, thứ năm, ngày 03/7/2025, theo hình thức trực tuyến; điểm cầu trung tâm tại Văn phòng Quốc hội (Hà Nội), kết nối đến 63 điểm cầu cấp tỉnh.", StringComparison.Ordinal));
        Assert.Contains("Nội dung hội nghị: quán triệt nội dung Luật (Lãnh đạo Ủy ban Pháp luật).", nationalLetter);
        Assert.Contains("Kính gửi: Đoàn ĐBQH các tỉnh, thành phố.", nationalLetter);
        Assert.Contains(nationalNotice, p => p.StartsWith("Đề nghị các điểm cầu chuẩn bị phòng họp, kiểm tra kết nối", StringComparison.Ordinal));
        Assert.DoesNotContain(nationalLetter.Concat(nationalNotice), p => p.Contains("An Giang", StringComparison.Ordinal));

        // A voter-contact conference: the communes' sites, voters told where and how to send petitions, the petition page's QR code.
        var contactLetter = await TextAsync(meetings, meetings.VoterContactId, DocumentKind.Letter, meetings.CouncilId);
        var contactNotice = await TextAsync(meetings, meetings.VoterContactId, DocumentKind.Notice, meetings.CouncilId);
        var contactInvitation = await TextAsync(meetings, meetings.VoterContactId, DocumentKind.Invitation, meetings.CouncilId);
        foreach (var document in new[] { contactLetter, contactNotice, contactInvitation })
        {
            AssertNoCommonFlaws(document, UnlikeMeetings.CouncilName);
        }

        Assert.Contains("V/v phối hợp tổ chức hội nghị tiếp xúc cử tri của đại biểu HĐND tỉnh trước kỳ họp thứ 26", contactLetter);
        Assert.Contains("- Điểm cầu cấp xã: Điểm cầu Xã Mường Khoa; Điểm cầu Xã Bản Bo; Điểm cầu Xã Nậm Tăm.", contactLetter);
        Assert.Contains(contactLetter, p => p.StartsWith("Đề nghị các điểm cầu thông báo rộng rãi", StringComparison.Ordinal) && p.Contains(petitionPage, StringComparison.Ordinal));
        Assert.Contains("Lịch hội nghị tiếp xúc cử tri của đại biểu HĐND tỉnh trước kỳ họp thứ 26", contactNotice);
        Assert.Contains("4. Đại biểu tiếp xúc cử tri: Đại biểu HĐND tỉnh Lò Thị Mai, Đại biểu HĐND tỉnh Tao Văn Hùng.", contactNotice);
        Assert.Contains(contactNotice, p => p.Contains("hoặc tại trang " + petitionPage, StringComparison.Ordinal));
        Assert.Equal(2, contactInvitation.Count(p => p == "Gửi ý kiến, kiến nghị của cử tri"));
        var contactBackdrop = await BackdropAsync(meetings, meetings.VoterContactId);
        Assert.Equal(petitionPage, Assert.Single(contactBackdrop, l => l.Kind == BackdropLineKind.QrCode).Address);
        // Its title starts "Hội nghị": no second "HỘI NGHỊ" line above it.
        Assert.DoesNotContain(contactBackdrop, l => l.Kind == BackdropLineKind.Kind);
    }

    /// <summary>The host site's backdrop lines, from the default the meeting's kind ships with and the app's public address.</summary>
    private static Task<IReadOnlyList<BackdropLine>> BackdropAsync(UnlikeMeetings meetings, int meetingId) =>
        UseAsync(meetings, async issuer =>
        {
            var meeting = await issuer.LoadMeetingAsync(meetingId);
            return DocumentIssuer.BackdropLines(meeting, meeting.Sites.Single(s => s.IsHost), WordingTemplates.Default(DocumentKind.Backdrop, meeting.Kind), $"{UnlikeMeetings.PublicAddress}cong-khai/hoi-nghi/{meetingId}");
        });

    [GeneratedRegex(@"Căn cứ\s*[;,.]")]
    private static partial Regex EmptyGrounds();

    /// <summary>The same word twice in a row ("HỘI NGHỊ HỘI NGHỊ"), letters only, any case.</summary>
    [GeneratedRegex(@"(?<![\p{L}])(\p{L}{2,})\s+\1(?![\p{L}])", RegexOptions.IgnoreCase)]
    private static partial Regex DoubledWord();

    [GeneratedRegex(@"^[IVX]+\. ")]
    private static partial Regex RomanSection();
}
