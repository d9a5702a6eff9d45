using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DienHong.Features.Attendance;
using DienHong.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;

namespace DienHong.Tests.Api;

/// <summary>
/// Every write route of the app — POST, PUT, PATCH, DELETE — with one valid request. The
/// malformed-payload test (<see cref="MalformedPayloadTests"/>) enumerates the route table, sends
/// each route's valid request (it must succeed), then breaks it in every way it knows: wrong types,
/// unknown enum names, out-of-range numbers, bad dates, control characters, NUL, huge strings,
/// missing fields, unknown ids, malformed JSON.
///
/// <para><b>Adding a write route?</b> Add one line here: the key is the method and the route
/// pattern with every parameter written "{}" (names and constraints do not matter), the value a
/// valid request built from the <see cref="WriteFixture"/> — a meeting with sites, people, agenda
/// and tasks, an organization with a template, an issued document, and spare ones to delete. The
/// test fails, naming the route, until it is here. Blazor pages (which also accept POST) are
/// exercised without a sample.</para>
/// </summary>
internal static class WriteRoutes
{
    public static readonly IReadOnlyDictionary<string, Func<WriteFixture, Task<WriteSample>>> Samples = new Dictionary<string, Func<WriteFixture, Task<WriteSample>>>
    {
        ["POST /api/account/login"] = f => WriteSample.Body("/api/account/login", new { userName = f.UserName, password = f.Password }, anonymous: true),
        // Signing out takes the page's antiforgery token (SignInHardeningTests): without it, a Vietnamese 400.
        ["POST /account/logout"] = _ => Task.FromResult(new WriteSample("/account/logout", Anonymous: true, NeedsPageToken: true)),

        ["POST /api/meetings"] = f => WriteSample.Body("/api/meetings", f.Meeting("Hội nghị tiếp xúc cử tri sau kỳ họp thứ 3")),
        ["PUT /api/meetings/{}"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}", f.Meeting("Hội nghị tiếp xúc cử tri sau kỳ họp thứ 2")),
        ["DELETE /api/meetings/{}"] = f => WriteSample.NoBody($"/api/meetings/{f.SpareMeetingId}"),
        ["POST /api/meetings/{}/copy"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/copy", new { startsAt = "2022-06-10T01:00:00Z", title = "Hội nghị tiếp xúc cử tri trước kỳ họp thứ 3" }),

        ["POST /api/meetings/{}/sites"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/sites", new { name = "Hội trường xã Sa Pả", capacity = 30, level = "Commune" }),
        ["PUT /api/meetings/{}/sites/{}"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/sites/{f.SiteId}", new
        {
            name = "Hội trường xã Bản Lầu",
            capacity = 40,
            isHost = false,
            level = "Commune",
            room = "Hội trường lớn",
            presidingPerson = "Ông Lù Văn Páo",
            technicalContactName = "Anh Giàng A Sử",
            technicalContactPhone = "0214 3840 123",
            connectionTestAt = "2021-11-18T07:00:00Z",
        }),
        ["PUT /api/meetings/{}/sites/{}/host"] = f => WriteSample.NoBody($"/api/meetings/{f.MeetingId}/sites/{f.HostSiteId}/host"),
        ["DELETE /api/meetings/{}/sites/{}"] = f => WriteSample.NoBody($"/api/meetings/{f.MeetingId}/sites/{f.SpareSiteId}"),
        ["POST /api/meetings/{}/sites/import"] = f => WriteSample.Upload($"/api/meetings/{f.MeetingId}/sites/import", "diem-cau.csv", "Tên điểm cầu,Sức chứa,Cấp\nHội trường xã Tả Van,30,Xã\n"),

        ["POST /api/meetings/{}/participants"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/participants", new { personName = "Vàng Thị Mai", title = "Cử tri", role = "Voter", siteId = f.SiteId }),
        ["PUT /api/meetings/{}/participants/{}"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/participants/{f.ParticipantId}", new
        {
            personName = "Giàng Seo Phử",
            title = "Đại biểu Quốc hội",
            organizationId = f.OrganizationId,
            role = "Delegate",
            siteId = f.HostSiteId,
            email = "phu@laocai.gov.vn",
            phone = "0912 345 678",
        }),
        ["DELETE /api/meetings/{}/participants/{}"] = f => WriteSample.NoBody($"/api/meetings/{f.MeetingId}/participants/{f.SpareParticipantId}"),
        ["POST /api/meetings/{}/participants/import"] = f => WriteSample.Upload($"/api/meetings/{f.MeetingId}/participants/import", "thanh-phan.csv", "Họ tên,Chức vụ\nSùng A Dình,Trưởng thôn\n"),

        ["POST /api/meetings/{}/agenda"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/agenda", new { content = "Cử tri phát biểu ý kiến", presenter = "Cử tri", plannedMinutes = 60, position = 2 }),
        ["PUT /api/meetings/{}/agenda/{}"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/agenda/{f.AgendaItemId}", new { content = "Khai mạc hội nghị", presenter = "Chủ trì", plannedMinutes = 10, position = 1 }),
        ["DELETE /api/meetings/{}/agenda/{}"] = f => WriteSample.NoBody($"/api/meetings/{f.MeetingId}/agenda/{f.SpareAgendaItemId}"),
        ["PUT /api/meetings/{}/agenda/order"] = async f => await WriteSample.Body($"/api/meetings/{f.MeetingId}/agenda/order", await f.AgendaIdsAsync()),

        ["POST /api/meetings/{}/assignments"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/assignments", new { content = "Bảo đảm đường truyền", organizationId = f.OrganizationId, deadline = "18/11/2021", status = "Pending" }),
        ["PUT /api/meetings/{}/assignments/{}"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/assignments/{f.AssignmentId}", new { content = "Bảo đảm điện cả ngày", assigneeName = "Công ty Điện lực Lào Cai", deadline = "2021-11-18", status = "InProgress" }),
        ["DELETE /api/meetings/{}/assignments/{}"] = f => WriteSample.NoBody($"/api/meetings/{f.MeetingId}/assignments/{f.SpareAssignmentId}"),

        ["POST /api/meetings/{}/documents"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/documents", new { kind = "Notice", organizationId = f.OrganizationId, issuedOn = "2021-11-10" }),
        ["POST /api/documents/{}/versions"] = f => WriteSample.Body($"/api/documents/{f.DocumentId}/versions", new
        {
            text = "@summary Về việc tổ chức hội nghị tiếp xúc cử tri\nThực hiện kế hoạch của Đoàn.\nTrân trọng.",
        }),
        ["POST /api/meetings/{}/documents/preview"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/documents/preview", new
        {
            organizationId = f.OrganizationId,
            kind = "Notice",
            source = "@summary Về {{ meeting.title | mid_sentence }}\nĐề nghị các cơ quan biết, thực hiện./.",
        }),
        // The Word round trip: the issued plan's own file comes back as its next version.
        ["POST /api/meetings/{}/documents/{}/upload"] = async f =>
            await WriteSample.Upload($"/api/meetings/{f.MeetingId}/documents/{f.DocumentId}/upload", "ke-hoach.docx", await f.DocumentFileAsync()),
        ["PUT /api/organizations/{}/wording/{}"] = f => WriteSample.Body($"/api/organizations/{f.OrganizationId}/wording/Notice", new
        {
            source = "@summary Về {{ meeting.title | mid_sentence }}\nĐề nghị các cơ quan biết, thực hiện./.",
        }),
        ["DELETE /api/organizations/{}/wording/{}"] = f => WriteSample.NoBody($"/api/organizations/{f.OrganizationId}/wording/Notice"),
        ["PUT /api/organizations/{}/registers/{}/{}"] = f => WriteSample.Body($"/api/organizations/{f.OrganizationId}/registers/Plan/2021", new { nextNumber = 62 }),

        ["POST /api/organizations"] = _ => WriteSample.Body("/api/organizations", new { name = "Sở Y tế tỉnh Lào Cai", kind = "Department", shortName = "Sở Y tế", validFrom = "2008-01-01" }),
        ["PUT /api/organizations/{}"] = f => WriteSample.Body($"/api/organizations/{f.SpareOrganizationId}", new { name = "Công ty Điện lực Lào Cai", kind = "Company", parentId = f.OrganizationId, validFrom = "2010-04-01", validTo = "2030-12-31" }),
        ["POST /api/organizations/import"] = _ => WriteSample.Upload("/api/organizations/import", "co-quan.csv", "Tên,Loại\nBáo Lào Cai,Báo chí\n"),
        ["PUT /api/organizations/{}/template"] = f => WriteSample.Body($"/api/organizations/{f.OrganizationId}/template", new
        {
            issuingBodyName = "ĐOÀN ĐBQH TỈNH LÀO CAI",
            bodySymbol = "ĐBQH",
            place = "Lào Cai",
            parentBodyName = "QUỐC HỘI KHÓA XV",
            draftingUnitSymbol = "VP",
            signerName = "Giàng Seo Phử",
            signerTitle = "Trưởng Đoàn",
            signingAuthority = "OnBehalfOfCollective",
            signerOnBehalfOf = "ĐOÀN ĐẠI BIỂU QUỐC HỘI",
            archiveLine = "Lưu: VT",
        }),

        ["POST /api/administrative-units"] = _ => WriteSample.Body("/api/administrative-units", new { code = "08", name = "Tỉnh Lào Cai", level = "Province", validFrom = "1991-10-01" }),
        ["POST /api/administrative-units/import"] = _ => WriteSample.Upload("/api/administrative-units/import", "don-vi.csv", "Mã,Tên,Cấp\n10,Tỉnh Yên Bái,Tỉnh\n"),

        ["POST /api/users"] = f => WriteSample.Body("/api/users", new { userName = "kythuat.banlau", password = "Mat-khau-123", fullName = "Giàng A Sử", roles = new[] { "SiteOperator" }, siteIds = new[] { f.SiteId } }),

        ["POST /api/meetings/{}/readiness/checklist"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/readiness/checklist", new { includeEpidemicPrevention = true }),
        ["PUT /api/organizations/{}/readiness-checklists/{}"] = f => WriteSample.Body($"/api/organizations/{f.OrganizationId}/readiness-checklists/VoterContactConference", new[]
        {
            new { name = "Âm thanh, micro", epidemicOnly = false },
            new { name = "Khẩu trang, dung dịch sát khuẩn", epidemicOnly = true },
        }),
        ["PUT /api/meetings/{}/sites/{}/readiness/{}"] = async f =>
        {
            var (checkId, version) = await f.CheckToMarkAsync();
            return await WriteSample.Body($"/api/meetings/{f.MeetingId}/sites/{f.SiteId}/readiness/{checkId}", new { state = "Passed", note = "Đã thử micro.", version });
        },
        ["POST /api/meetings/{}/sites/{}/readiness/photos"] = f => WriteSample.Upload($"/api/meetings/{f.MeetingId}/sites/{f.SiteId}/readiness/photos", "hoi-truong.png", WriteFixture.Png),
        ["POST /api/meetings/{}/sites/{}/connection-tests"] = f => WriteSample.NoBody($"/api/meetings/{f.MeetingId}/sites/{f.SiteId}/connection-tests"),
        ["PUT /api/meetings/{}/sites/{}/connection-tests/{}"] = async f =>
        {
            var (testId, version) = await f.RunningTestAsync();
            return await WriteSample.Body($"/api/meetings/{f.MeetingId}/sites/{f.SiteId}/connection-tests/{testId}", new { result = "Passed", audio = "Good", video = "Fair", latencyMs = 120, remarks = "Hình hơi nhòe.", version });
        },
        ["POST /api/meetings/{}/sites/{}/incidents"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/sites/{f.SiteId}/incidents", new { kind = "NoSound", description = "Mất tiếng từ điểm cầu xã." }),
        ["POST /api/meetings/{}/sites/{}/incidents/{}/close"] = async f =>
        {
            var (incidentId, version) = await f.OpenIncidentAsync();
            return await WriteSample.Body($"/api/meetings/{f.MeetingId}/sites/{f.SiteId}/incidents/{incidentId}/close", new { resolution = "Đã thay micro.", version });
        },
        ["POST /api/meetings/{}/assignments/{}/done"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/assignments/{f.AssignmentId}/done", new { note = "Đã bố trí máy phát dự phòng." }),
        ["POST /api/meetings/{}/sites/{}/presence"] = f => WriteSample.NoBody($"/api/meetings/{f.MeetingId}/sites/{f.SiteId}/presence"),
        ["POST /api/meetings/{}/sites/{}/video/reports"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/sites/{f.SiteId}/video/reports", new { @event = "Joined", participants = 12, quality = "Good" }),

        ["POST /api/meetings/{}/sittings"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/sittings", new { title = "Phiên sáng 19/11", plannedStart = "2021-11-19T01:00:00Z", plannedEnd = "2021-11-19T04:30:00Z", phaseName = "Đợt 1" }),
        ["POST /api/meetings/{}/sittings/from-plan"] = f => WriteSample.NoBody($"/api/meetings/{f.MeetingId}/sittings/from-plan"),
        ["PUT /api/meetings/{}/sittings/{}/state"] = async f =>
        {
            var (sittingId, version) = await f.RunningSittingAsync();
            return await WriteSample.Body($"/api/meetings/{f.MeetingId}/sittings/{sittingId}/state", new { state = "Paused", version });
        },
        ["DELETE /api/meetings/{}/sittings/{}"] = async f => await WriteSample.NoBody($"/api/meetings/{f.MeetingId}/sittings/{await f.NewSittingAsync("Phiên dự phòng")}"),
        ["PUT /api/meetings/{}/current-item"] = async f =>
        {
            // The floor's samples (sorted first) made the item current already: end it, so the sample takes it up again.
            await f.NoCurrentItemAsync();
            return await WriteSample.Body($"/api/meetings/{f.MeetingId}/current-item", new { agendaItemId = f.AgendaItemId });
        },
        ["POST /api/meetings/{}/sites/{}/attendance"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/sites/{f.SiteId}/attendance", new { name = "Sùng A Páo", address = "Thôn Tả Phìn, xã Bản Lầu" }),
        ["POST /api/meetings/{}/sites/{}/attendance/scan"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/sites/{f.SiteId}/attendance/scan", new { code = f.CheckInCode(f.SpareParticipantId) }),
        ["POST /api/meetings/{}/sites/{}/attendance/{}/check-out"] = async f =>
            await WriteSample.NoBody($"/api/meetings/{f.MeetingId}/sites/{f.SiteId}/attendance/{await f.PresentWalkInAsync()}/check-out"),
        // A person of their own: the fixture's participant is the delegate the voting samples check in.
        ["POST /api/meetings/{}/participants/{}/check-in"] = async f => await WriteSample.NoBody($"/api/meetings/{f.MeetingId}/participants/{await f.NewParticipantAsync("Vàng A Tủa")}/check-in"),
        ["POST /api/meetings/{}/participants/{}/floor-requests"] = async f =>
        {
            await f.CurrentItemAsync();
            return await WriteSample.Body($"/api/meetings/{f.MeetingId}/participants/{f.ParticipantId}/floor-requests", new { topic = "Ngân sách xã", kind = "Speech" });
        },
        ["POST /api/meetings/{}/sites/{}/floor/requests"] = async f =>
        {
            await f.CurrentItemAsync();
            return await WriteSample.Body($"/api/meetings/{f.MeetingId}/sites/{f.SiteId}/floor/requests", new { name = "Thào A Chử", address = "Thôn Sín Chải", topic = "Đường vào bản", kind = "Reply" });
        },
        ["POST /api/meetings/{}/floor/withdraw"] = async f => await WriteSample.Body($"/api/meetings/{f.MeetingId}/floor/withdraw", new { requestId = await f.WaitingRequestAsync("Lù Văn Páo") }),
        ["POST /api/meetings/{}/floor/written"] = async f => await WriteSample.Body($"/api/meetings/{f.MeetingId}/floor/written", new { requestId = await f.NotReachedRequestAsync(), text = "Đề nghị làm đường vào bản." }),
        ["PUT /api/meetings/{}/floor/order"] = async f =>
        {
            await f.WaitingRequestAsync("Giàng A Dình");
            return await WriteSample.Body($"/api/meetings/{f.MeetingId}/floor/order", new { requestIds = await f.WaitingIdsAsync() });
        },
        ["POST /api/meetings/{}/floor/give"] = async f =>
        {
            await f.CurrentItemAsync();
            return await WriteSample.Body($"/api/meetings/{f.MeetingId}/floor/give", new { siteId = f.SiteId });
        },
        ["POST /api/meetings/{}/floor/speaker"] = async f => await WriteSample.Body($"/api/meetings/{f.MeetingId}/floor/speaker", new { requestId = await f.SpeakerAsync(), action = "Extend", seconds = 30 }),
        ["PUT /api/meetings/{}/floor/list"] = async f =>
        {
            await f.CurrentItemAsync();
            return await WriteSample.Body($"/api/meetings/{f.MeetingId}/floor/list", new { closed = false, endDebate = false });
        },
        ["PUT /api/meetings/{}/floor/times"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/floor/times", new { agendaItemId = f.AgendaItemId, firstTurnSeconds = 300, secondTurnSeconds = 120 }),
        ["POST /api/meetings/{}/projector-links"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/projector-links", new { label = "Màn hình hội trường" }),
        ["POST /api/meetings/{}/projector-links/{}/revoke"] = async f => await WriteSample.NoBody($"/api/meetings/{f.MeetingId}/projector-links/{await f.ProjectorLinkAsync()}/revoke"),
        ["PUT /api/meetings/{}/voting/body"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/voting/body", new { quorumRule = "TwoThirdsOfMembers" }),
        ["POST /api/meetings/{}/voting/body/members"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/voting/body/members", new { effectiveOn = "2099-07-01", members = 49, reason = "Bầu bổ sung đại biểu" }),
        ["PUT /api/meetings/{}/voting/delegates/{}"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/voting/delegates/{f.ParticipantId}", new { userName = f.DelegateUserName }),
        ["DELETE /api/meetings/{}/voting/delegates/{}"] = async f => await WriteSample.NoBody($"/api/meetings/{f.MeetingId}/voting/delegates/{await f.SpareSeatAsync()}"),
        ["POST /api/meetings/{}/motions"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/motions", new { agendaItemId = f.AgendaItemId, title = "Thông qua Nghị quyết về kế hoạch đầu tư công năm 2022", rule = "MoreThanHalfOfMembers" }),
        ["POST /api/meetings/{}/motions/{}/open"] = async f => await WriteSample.NoBody($"/api/meetings/{f.MeetingId}/motions/{await f.ReadyMotionAsync()}/open"),
        ["POST /api/meetings/{}/motions/{}/close"] = async f => await WriteSample.NoBody($"/api/meetings/{f.MeetingId}/motions/{await f.OpenMotionAsync()}/close"),
        ["POST /api/meetings/{}/motions/{}/confirm"] = async f => await WriteSample.NoBody($"/api/meetings/{f.MeetingId}/motions/{await f.CountedBallotAsync()}/confirm"),
        ["POST /api/meetings/{}/motions/{}/annul"] = async f => await WriteSample.Body($"/api/meetings/{f.MeetingId}/motions/{await f.OpenMotionAsync()}/annul", new { reason = "Sự cố đường truyền tại điểm cầu Bản Lầu" }),
        ["POST /api/meetings/{}/motions/{}/repeat"] = async f => await WriteSample.NoBody($"/api/meetings/{f.MeetingId}/motions/{await f.AnnulledMotionAsync()}/repeat"),
        ["POST /api/meetings/{}/motions/{}/votes"] = async f => await WriteSample.Body($"/api/meetings/{f.MeetingId}/motions/{await f.OpenMotionAsync()}/votes", new { choice = "For" }) with { AsDelegate = true },
        ["POST /api/meetings/{}/motions/{}/ballots"] = async f =>
        {
            var (motionId, candidateId) = await f.OpenBallotAsync();
            return await WriteSample.Body($"/api/meetings/{f.MeetingId}/motions/{motionId}/ballots", new { marks = new[] { new { candidateId, mark = 1 } } }) with { AsDelegate = true };
        },
        ["POST /api/meetings/{}/sites/{}/motions/{}/hands"] = async f => await WriteSample.Body($"/api/meetings/{f.MeetingId}/sites/{f.SiteId}/motions/{await f.OpenMotionAsync()}/hands", new { inFavour = 0, against = 0, abstaining = 0 }),
        ["POST /api/meetings/{}/petitions"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/petitions", new { content = "Đề nghị nâng cấp trạm y tế xã Bản Lầu.", voterName = "Lù Văn Sáng", voterAddress = "Thôn Na Lốc", siteId = f.SiteId, channel = "AtSite" }),
        ["POST /api/meetings/{}/petitions/batch"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/petitions/batch", new[] { new { content = "Đề nghị kéo điện về thôn Lủ Giàng.", channel = "InWriting" }, new { content = "Đề nghị xây cầu treo qua suối.", channel = "InWriting" } }),
        ["POST /api/meetings/{}/petitions/import"] = f => WriteSample.Upload($"/api/meetings/{f.MeetingId}/petitions/import", "y-kien.csv", "Nội dung,Họ tên cử tri,Địa chỉ\nĐề nghị hỗ trợ giống cây trồng.,Vàng A Chảo,Thôn Bản Phiệt\n"),
        ["PUT /api/meetings/{}/petitions/schedule"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/petitions/schedule", new { compilationDeadline = "2099-11-23" }),
        ["PUT /api/meetings/{}/recommendations/{}/classification"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/recommendations/{f.RecommendationId}/classification", new { fieldId = 1, level = "Province", agencyId = f.OrganizationId }),
        ["POST /api/meetings/{}/recommendations/{}/merge"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/recommendations/{f.RecommendationId}/merge", new { recommendationIds = new[] { f.MergedRecommendationId } }),
        // A recommendation is classified before it is referred.
        ["POST /api/meetings/{}/recommendations/{}/referrals"] = async f =>
        {
            await f.ClassifyAsync(f.RecommendationId);
            return await WriteSample.Body($"/api/meetings/{f.MeetingId}/recommendations/{f.RecommendationId}/referrals", new { agencyId = f.OrganizationId, deadline = "2099-12-31" });
        },
        ["PUT /api/meetings/{}/recommendations/{}/publication"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/recommendations/{f.AnsweredRecommendationId}/publication", new { published = true }),
        ["POST /api/meetings/{}/sites/{}/petitions"] = f => WriteSample.Body($"/api/meetings/{f.MeetingId}/sites/{f.SiteId}/petitions", new { content = "Đề nghị sửa đường vào bản Sín Chải.", voterName = "Sùng A Páo" }),
        ["POST /api/petitions/suggestions"] = f => WriteSample.Body("/api/petitions/suggestions", new { text = "Đề nghị nâng cấp trạm y tế xã.", meetingId = f.MeetingId }),
        ["POST /api/petitions/fields"] = _ => WriteSample.Body("/api/petitions/fields", new { name = "Dân tộc, tôn giáo" }),
        ["POST /api/referrals/{}/answer"] = f => WriteSample.Form($"/api/referrals/{f.AnswerReferralId}/answer", "cong-van-tra-loi.txt", "Sở Y tế đã đưa trạm y tế xã vào kế hoạch năm 2022.", new() { ["text"] = "Đã đưa vào kế hoạch nâng cấp năm 2022." }),
        ["POST /api/referrals/{}/return"] = f => WriteSample.Body($"/api/referrals/{f.ReturnReferralId}/return", new { reason = "Không thuộc thẩm quyền của Sở." }),
        ["POST /api/public/meetings/{}/petitions"] = f => WriteSample.Body($"/api/public/meetings/{f.MeetingId}/petitions", new { content = "Đề nghị có lớp học tiếng Mông cho cán bộ.", voterName = "Giàng Thị Mai" }, anonymous: true),
    };
}

/// <summary>A valid request to a write route: its path and its body (a JSON value, a file, or nothing).</summary>
internal sealed record WriteSample(string Path, JsonElement? Json = null, (string Name, byte[] Content)? File = null, bool Anonymous = false, IReadOnlyDictionary<string, string>? Fields = null, bool NeedsPageToken = false)
{
    /// <summary>Sent by the fixture's delegate (a vote is cast from one's own account), not the administrator.</summary>
    public bool AsDelegate { get; init; }

    public static Task<WriteSample> Body(string path, object json, bool anonymous = false) =>
        Task.FromResult(new WriteSample(path, JsonSerializer.SerializeToElement(json, JsonSerializerOptions.Web), Anonymous: anonymous));

    public static Task<WriteSample> Upload(string path, string fileName, string csv) => Upload(path, fileName, Encoding.UTF8.GetBytes(csv));

    public static Task<WriteSample> Upload(string path, string fileName, byte[] content) => Task.FromResult(new WriteSample(path, File: (fileName, content)));

    /// <summary>A form: a file and other fields (an agency's answer and its letter).</summary>
    public static Task<WriteSample> Form(string path, string fileName, string content, Dictionary<string, string> fields) =>
        Task.FromResult(new WriteSample(path, File: (fileName, Encoding.UTF8.GetBytes(content)), Fields: fields));

    public static Task<WriteSample> NoBody(string path, bool anonymous = false) => Task.FromResult(new WriteSample(path, Anonymous: anonymous));
}

/// <summary>What the samples write to: one meeting with everything on it, and spare rows to delete.</summary>
internal sealed class WriteFixture
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private HttpClient client = null!;
    private IDataProtectionProvider? protection;

    public int OrganizationId { get; private set; }
    public int SpareOrganizationId { get; private set; }
    public int MeetingId { get; private set; }
    public int SpareMeetingId { get; private set; }
    public int HostSiteId { get; private set; }
    public int SiteId { get; private set; }
    public int SpareSiteId { get; private set; }
    public int ParticipantId { get; private set; }
    public int SpareParticipantId { get; private set; }
    public int AgendaItemId { get; private set; }
    public int SpareAgendaItemId { get; private set; }
    public int AssignmentId { get; private set; }
    public int SpareAssignmentId { get; private set; }
    public int DocumentId { get; private set; }
    public int RecommendationId { get; private set; }
    public int MergedRecommendationId { get; private set; }
    public int AnsweredRecommendationId { get; private set; }
    public int AnswerReferralId { get; private set; }
    public int ReturnReferralId { get; private set; }
    public string UserName { get; } = "thuky.laocai";

    /// <summary>A voting delegate of the meeting (the participant <see cref="ParticipantId"/>), checked in, signed in as <see cref="Delegate"/>.</summary>
    public string DelegateUserName { get; } = "daibieu.laocai";
    public HttpClient? Delegate { get; private set; }
    public string Password { get; } = DienHongApp.Password;

    /// <summary>A whole meeting as the API takes it.</summary>
    public object Meeting(string title) => new
    {
        title,
        kind = "VoterContactConference",
        format = "Online",
        status = "Planned",
        startsAt = "2021-11-19T01:00:00Z",
        endsAt = "2021-11-19T04:00:00Z",
        sessionReference = "kỳ họp thứ 2, Quốc hội khóa XV",
        place = "Lào Cai",
        backdropTitle = "TIẾP XÚC CỬ TRI",
        purpose = "Lắng nghe ý kiến cử tri.",
        requirements = "Đúng giờ.",
        signerName = "Giàng Seo Phử",
        signerTitle = "Trưởng Đoàn",
        signingAuthority = "OnBehalfOfCollective",
        signerOnBehalfOf = "ĐOÀN ĐẠI BIỂU QUỐC HỘI",
        signerCollective = "THƯỜNG TRỰC",
        organizers = new[] { new { organizationId = OrganizationId, isLead = true } },
        phases = new[] { new { name = "Đợt 1", startsAt = "2021-11-19T01:00:00Z", endsAt = "2021-11-19T02:00:00Z", format = "Online" } },
        legalBases = new[] { "Luật Tổ chức Quốc hội năm 2014" },
        recipients = new[] { "Các vị ĐBQH tỉnh", "Lưu: VT" },
        references = new[] { new { kind = "Notice", number = "47/TB-ĐBQH", issuedOn = "2021-11-01", issuer = "Đoàn ĐBQH tỉnh", summary = "phân công nhiệm vụ", concerns = "Văn phòng Đoàn ĐBQH và HĐND tỉnh" } },
    };

    /// <summary>A 1×1 PNG: the smallest photo a checklist item takes.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    /// <summary>The site's first checklist item and the version of its mark (0 while unchecked).</summary>
    public async Task<(int CheckId, int Version)> CheckToMarkAsync()
    {
        var site = await SiteReadinessAsync();
        var checkId = site.GetProperty("checks")[0].GetProperty("id").GetInt32();
        var mark = site.GetProperty("marks").EnumerateArray().FirstOrDefault(m => m.GetProperty("checkId").GetInt32() == checkId);
        return (checkId, mark.ValueKind == JsonValueKind.Object ? mark.GetProperty("version").GetInt32() : 0);
    }

    /// <summary>A connection test of the site still running (started by the sample before).</summary>
    public async Task<(int TestId, int Version)> RunningTestAsync()
    {
        var test = (await SiteReadinessAsync()).GetProperty("tests").EnumerateArray().First(t => t.GetProperty("endedAt").ValueKind == JsonValueKind.Null);
        return (test.GetProperty("id").GetInt32(), test.GetProperty("version").GetInt32());
    }

    /// <summary>An incident of the site still open (reported by the sample before).</summary>
    public async Task<(int IncidentId, int Version)> OpenIncidentAsync()
    {
        var incident = (await SiteReadinessAsync()).GetProperty("incidents").EnumerateArray().First(i => i.GetProperty("closedAt").ValueKind == JsonValueKind.Null);
        return (incident.GetProperty("id").GetInt32(), incident.GetProperty("version").GetInt32());
    }

    private async Task<JsonElement> SiteReadinessAsync() =>
        await client.GetFromJsonAsync<JsonElement>($"/api/meetings/{MeetingId}/sites/{SiteId}/readiness", Token);

    /// <summary>Makes the fixture's agenda item current (in a running sitting) unless it is already.</summary>
    public async Task CurrentItemAsync()
    {
        await RunningSittingAsync();
        var conduct = await client.GetFromJsonAsync<JsonElement>($"/api/meetings/{MeetingId}/sittings", Token);
        if (conduct.GetProperty("currentItemId").ValueKind == JsonValueKind.Null)
        {
            var made = await client.PutAsJsonAsync($"/api/meetings/{MeetingId}/current-item", new { agendaItemId = AgendaItemId }, Token);
            Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        }
    }

    /// <summary>A running sitting with no current item.</summary>
    public async Task NoCurrentItemAsync()
    {
        await RunningSittingAsync();
        var conduct = await client.GetFromJsonAsync<JsonElement>($"/api/meetings/{MeetingId}/sittings", Token);
        if (conduct.GetProperty("currentItemId").ValueKind != JsonValueKind.Null)
        {
            var ended = await client.PutAsJsonAsync($"/api/meetings/{MeetingId}/current-item", new { agendaItemId = (int?)null }, Token);
            Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        }
    }

    /// <summary>A voter of the site waiting to speak on the current item; its id.</summary>
    public async Task<int> WaitingRequestAsync(string name)
    {
        await CurrentItemAsync();
        var list = await client.PutAsJsonAsync($"/api/meetings/{MeetingId}/floor/list", new { closed = false }, Token);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var created = await client.PostAsJsonAsync($"/api/meetings/{MeetingId}/sites/{SiteId}/floor/requests", new { name = name + " " + Guid.NewGuid().ToString("N")[..6] }, Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetInt32();
    }

    /// <summary>The current item's waiting queue, in order.</summary>
    public async Task<int[]> WaitingIdsAsync() =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/meetings/{MeetingId}/floor", Token)).GetProperty("queue").EnumerateArray().Select(r => r.GetProperty("id").GetInt32())];

    /// <summary>A request left unreached when the debate ended (the list is reopened after).</summary>
    public async Task<int> NotReachedRequestAsync()
    {
        var id = await WaitingRequestAsync("Vàng Seo Lử");
        var ended = await client.PutAsJsonAsync($"/api/meetings/{MeetingId}/floor/list", new { closed = true, endDebate = true }, Token);
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        await client.PutAsJsonAsync($"/api/meetings/{MeetingId}/floor/list", new { closed = false }, Token);
        return id;
    }

    /// <summary>Whoever has the floor (a voter given it here if nobody has); its request id.</summary>
    public async Task<int> SpeakerAsync()
    {
        var floor = await client.GetFromJsonAsync<JsonElement>($"/api/meetings/{MeetingId}/floor", Token);
        if (floor.GetProperty("speaker").ValueKind == JsonValueKind.Object)
        {
            return floor.GetProperty("speaker").GetProperty("id").GetInt32();
        }

        var id = await WaitingRequestAsync("Sùng Seo Dính");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/meetings/{MeetingId}/floor/give", new { requestId = id }, Token)).StatusCode);
        return id;
    }

    /// <summary>A projector link not yet revoked; its id.</summary>
    public async Task<int> ProjectorLinkAsync()
    {
        var made = await client.PostAsJsonAsync($"/api/meetings/{MeetingId}/projector-links", new { label = "Màn hình phụ" }, Token);
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        return (await made.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetInt32();
    }

    /// <summary>The meeting's running sitting (started here if none runs) and its version.</summary>
    public async Task<(int SittingId, int Version)> RunningSittingAsync()
    {
        var conduct = await client.GetFromJsonAsync<JsonElement>($"/api/meetings/{MeetingId}/sittings", Token);
        if (conduct.GetProperty("runningSittingId").ValueKind == JsonValueKind.Null)
        {
            var started = await client.PutAsJsonAsync($"/api/meetings/{MeetingId}/sittings/{await NewSittingAsync("Phiên chiều 19/11")}/state", new { state = "InProgress" }, Token);
            Assert.Equal(HttpStatusCode.OK, started.StatusCode);
            conduct = await client.GetFromJsonAsync<JsonElement>($"/api/meetings/{MeetingId}/sittings", Token);
        }

        var running = conduct.GetProperty("runningSittingId").GetInt32();
        var sitting = conduct.GetProperty("sittings").EnumerateArray().Single(s => s.GetProperty("id").GetInt32() == running);
        return (running, sitting.GetProperty("version").GetInt32());
    }

    public async Task<int> NewSittingAsync(string title) =>
        await client.CreateAsync($"/api/meetings/{MeetingId}/sittings", JsonSerializer.Serialize(new { title, plannedStart = "2021-11-19T06:30:00Z", plannedEnd = "2021-11-19T10:00:00Z" }, JsonSerializerOptions.Web));

    /// <summary>A participant added at the site just now, not yet checked in.</summary>
    public async Task<int> NewParticipantAsync(string name) =>
        await client.CreateAsync($"/api/meetings/{MeetingId}/participants", JsonSerializer.Serialize(new { personName = name, siteId = SiteId }, JsonSerializerOptions.Web));

    /// <summary>A walk-in checked in at the site just now (to check out).</summary>
    public async Task<int> PresentWalkInAsync() =>
        await client.CreateAsync($"/api/meetings/{MeetingId}/sites/{SiteId}/attendance", """{"name":"Lù Văn Sử","address":"Thôn Sín Chải"}""");

    /// <summary>The body has one member, the delegate is linked and checked in at the host site: a vote may open.</summary>
    private async Task VotingReadyAsync(Func<string, string, Task<HttpClient>>? signIn)
    {
        foreach (var name in new[] { DelegateUserName, DelegateUserName + "2" })
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/api/users", $$"""{"userName":"{{name}}","password":"{{Password}}","roles":["Delegate"]}""")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/meetings/{MeetingId}/voting/body/members", new { effectiveOn = "2021-06-01", members = 1, reason = "Đầu nhiệm kỳ" }, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/meetings/{MeetingId}/voting/delegates/{ParticipantId}", new { userName = DelegateUserName }, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/meetings/{MeetingId}/sites/{HostSiteId}/attendance", new { participantId = ParticipantId }, Token)).StatusCode);
        Delegate = signIn is null ? null : await signIn(DelegateUserName, Password);
    }

    /// <summary>A new participant linked to the second delegate account (to unlink).</summary>
    public async Task<int> SpareSeatAsync()
    {
        var participantId = await client.CreateAsync($"/api/meetings/{MeetingId}/participants", $$"""{"personName":"Sùng Thị Mỷ","siteId":{{HostSiteId}}}""");
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/meetings/{MeetingId}/voting/delegates/{participantId}", new { userName = DelegateUserName + "2" }, Token)).StatusCode);
        return participantId;
    }

    /// <summary>A draft motion in a running sitting with quorum (any vote still open is closed first).</summary>
    public async Task<int> ReadyMotionAsync(object? body = null)
    {
        await RunningSittingAsync();
        var motions = await client.GetFromJsonAsync<JsonElement>($"/api/meetings/{MeetingId}/motions", Token);
        foreach (var open in motions.EnumerateArray().Where(m => m.GetProperty("state").GetString() == "Open"))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/meetings/{MeetingId}/motions/{open.GetProperty("id").GetInt32()}/close", null, Token)).StatusCode);
        }

        return await client.CreateAsync($"/api/meetings/{MeetingId}/motions", JsonSerializer.Serialize(body ?? new { agendaItemId = AgendaItemId, title = "Thông qua Nghị quyết về bảng giá đất" }, JsonSerializerOptions.Web));
    }

    public async Task<int> OpenMotionAsync(object? body = null)
    {
        var motionId = await ReadyMotionAsync(body);
        var opened = await client.PostAsync($"/api/meetings/{MeetingId}/motions/{motionId}/open", null, Token);
        Assert.True(opened.StatusCode == HttpStatusCode.OK, await opened.Content.ReadAsStringAsync(Token));
        return motionId;
    }

    public async Task<int> AnnulledMotionAsync()
    {
        var motionId = await OpenMotionAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/meetings/{MeetingId}/motions/{motionId}/annul", new { reason = "Sự cố" }, Token)).StatusCode);
        return motionId;
    }

    private object Election => new { agendaItemId = AgendaItemId, title = "Bầu Phó Chủ tịch HĐND tỉnh", kind = "Personnel", method = "Secret", ballotKind = "Election", seats = 1, candidates = new[] { "Lò Văn Muôn", "Giàng A Chu" } };

    /// <summary>An open secret ballot and its first candidate.</summary>
    public async Task<(int MotionId, int CandidateId)> OpenBallotAsync()
    {
        var motionId = await OpenMotionAsync(Election);
        var motion = await client.GetFromJsonAsync<JsonElement>($"/api/meetings/{MeetingId}/motions/{motionId}", Token);
        return (motionId, motion.GetProperty("candidates")[0].GetProperty("id").GetInt32());
    }

    /// <summary>A secret ballot closed and counted, awaiting the committee.</summary>
    public async Task<int> CountedBallotAsync()
    {
        var motionId = await OpenMotionAsync(Election);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/meetings/{MeetingId}/motions/{motionId}/close", null, Token)).StatusCode);
        return motionId;
    }

    /// <summary>The code on a participant's invitation, made as the issuer makes it.</summary>
    public string CheckInCode(int participantId) => CheckInCodes.Create(protection!, MeetingId, participantId);

    /// <summary>The issued plan's file as the office downloads it.</summary>
    public async Task<byte[]> DocumentFileAsync() => await client.GetByteArrayAsync($"/api/documents/{DocumentId}/file", Token);
    /// <summary>Records a petition at the site; its own recommendation's id.</summary>
    private async Task<int> RecordPetitionAsync(string content)
    {
        var response = await client.PostAsJsonAsync($"/api/meetings/{MeetingId}/sites/{SiteId}/petitions", new { content }, Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("recommendationId").GetInt32();
    }

    /// <summary>Gives the recommendation a field and a level, as staff do before referring it.</summary>
    public async Task ClassifyAsync(int recommendationId) =>
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/meetings/{MeetingId}/recommendations/{recommendationId}/classification", new { fieldId = 2, level = "Province" }, Token)).StatusCode);

    /// <summary>Classifies the recommendation and refers it to the organization; the referral's id.</summary>
    private async Task<int> ReferAsync(int recommendationId)
    {
        var recommendation = $"/api/meetings/{MeetingId}/recommendations/{recommendationId}";
        await ClassifyAsync(recommendationId);
        var referred = await client.PostAsJsonAsync($"{recommendation}/referrals", new { agencyId = OrganizationId, deadline = "2099-12-31" }, Token);
        Assert.True(referred.IsSuccessStatusCode, await referred.Content.ReadAsStringAsync(Token));
        return (await client.GetFromJsonAsync<JsonElement>(recommendation, Token)).GetProperty("referrals")[0].GetProperty("id").GetInt32();
    }

    public async Task<int[]> AgendaIdsAsync()
    {
        var agenda = await client.GetFromJsonAsync<List<JsonElement>>($"/api/meetings/{MeetingId}/agenda", Token);
        return [.. agenda!.Select(a => a.GetProperty("id").GetInt32()).Reverse()];
    }

    public static async Task<WriteFixture> CreateAsync(HttpClient administrator, IDataProtectionProvider? protection = null, Func<string, string, Task<HttpClient>>? signIn = null)
    {
        var f = new WriteFixture { client = administrator, protection = protection };
        f.OrganizationId = await administrator.IssuingOrganizationAsync();
        f.SpareOrganizationId = await administrator.CreateAsync("/api/organizations", """{"name":"Điện lực Lào Cai","kind":"Company"}""");
        f.MeetingId = await administrator.CreateAsync("/api/meetings", JsonSerializer.Serialize(f.Meeting("Hội nghị tiếp xúc cử tri sau kỳ họp thứ 2"), JsonSerializerOptions.Web));
        f.SpareMeetingId = await administrator.CreateAsync("/api/meetings", RawRequests.Meeting);
        var sites = $"/api/meetings/{f.MeetingId}/sites";
        f.HostSiteId = await administrator.CreateAsync(sites, """{"name":"Hội trường Đoàn ĐBQH tỉnh","capacity":80,"isHost":true,"level":"Province"}""");
        f.SiteId = await administrator.CreateAsync(sites, """{"name":"Hội trường xã Bản Lầu","capacity":30,"level":"Commune"}""");
        f.SpareSiteId = await administrator.CreateAsync(sites, """{"name":"Hội trường xã Tả Phìn","capacity":30,"level":"Commune"}""");
        var people = $"/api/meetings/{f.MeetingId}/participants";
        f.ParticipantId = await administrator.CreateAsync(people, $$"""{"personName":"Giàng Seo Phử","siteId":{{f.HostSiteId}}}""");
        f.SpareParticipantId = await administrator.CreateAsync(people, $$"""{"personName":"Lù Thị Dung","siteId":{{f.SiteId}}}""");
        f.AgendaItemId = await administrator.CreateAsync($"/api/meetings/{f.MeetingId}/agenda", """{"content":"Khai mạc"}""");
        f.SpareAgendaItemId = await administrator.CreateAsync($"/api/meetings/{f.MeetingId}/agenda", """{"content":"Bế mạc"}""");
        f.AssignmentId = await administrator.CreateAsync($"/api/meetings/{f.MeetingId}/assignments", """{"content":"Bảo đảm điện","assigneeName":"Điện lực"}""");
        f.SpareAssignmentId = await administrator.CreateAsync($"/api/meetings/{f.MeetingId}/assignments", """{"content":"Đưa tin","assigneeName":"Báo Lào Cai"}""");
        f.DocumentId = await administrator.CreateAsync($"/api/meetings/{f.MeetingId}/documents", $$"""{"kind":"Plan","organizationId":{{f.OrganizationId}},"issuedOn":"2021-11-05"}""");
        // Petitions: one to classify, refer and merge into, one to merge, two referred (to answer, to return), one answered (to publish).
        f.RecommendationId = await f.RecordPetitionAsync("Đề nghị nâng cấp đường liên thôn.");
        f.MergedRecommendationId = await f.RecordPetitionAsync("Đề nghị nâng cấp đường liên thôn Bản Lầu.");
        f.AnswerReferralId = await f.ReferAsync(await f.RecordPetitionAsync("Đề nghị hỗ trợ nước sạch."));
        f.ReturnReferralId = await f.ReferAsync(await f.RecordPetitionAsync("Đề nghị cấp đất ở cho hộ nghèo."));
        f.AnsweredRecommendationId = await f.RecordPetitionAsync("Đề nghị mở lớp dạy nghề.");
        var answered = await administrator.PostAsync($"/api/referrals/{await f.ReferAsync(f.AnsweredRecommendationId)}/answer", new MultipartFormDataContent { { new StringContent("Đã mở lớp từ tháng 3."), "text" } }, Token);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var user = await administrator.PostJsonAsync("/api/users", $$"""{"userName":"{{f.UserName}}","password":"{{f.Password}}","roles":["Viewer"]}""");
        Assert.Equal(HttpStatusCode.Created, user.StatusCode);
        await f.VotingReadyAsync(signIn);
        return f;
    }
}
