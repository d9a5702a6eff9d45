using System.Data.Common;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Agenda;
using DienHong.Features.Api;
using DienHong.Features.Assignments;
using DienHong.Features.Attendance;
using DienHong.Features.Floor;
using DienHong.Features.Incidents;
using DienHong.Features.Issuing;
using DienHong.Features.Meetings;
using DienHong.Features.Organizations;
using DienHong.Features.Participants;
using DienHong.Features.Petitions;
using DienHong.Features.Projector;
using DienHong.Features.Readiness;
using DienHong.Features.Sites;
using DienHong.Features.Sittings;
using DienHong.Features.Voting;
using DienHong.Tests.Api;
using DienHong.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DienHong.Tests.Accounts;

/// <summary>
/// The whole route table against every role: each route of the app is called by an
/// administrator, a secretariat user of another office, a chair, a delegate, an agency and a
/// viewer of that office, the operator of another site, and an anonymous caller, against a meeting
/// of another office (and, for the operator, another site of their own meeting). Nobody but the
/// administrator gets through, nothing changes in the database, and no answer carries the other
/// office's or the other site's data. A route missing from <see cref="Routes"/> fails the test
/// with what to declare: see docs/decisions/0008.
/// </summary>
public partial class RouteAuthorizationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>How a route is expected to behave towards someone outside its scope.</summary>
    private enum Expect
    {
        /// <summary>Under {meetingId}/{documentId}/{organizationId}, or administrators only: everyone else refused (401/403/404).</summary>
        Refused,

        /// <summary>A list every signed-in user reads, scoped: no other office's meeting, no other site in it (a POST that only computes one, too: the database must stay unchanged).</summary>
        Listing,

        /// <summary>POST /api/meetings: another office's name is refused (400 for its secretariat, 403 for other roles).</summary>
        CreatesMeeting,

        /// <summary>Open to anonymous callers by design (sign-in, language, OpenAPI document).</summary>
        Public,

        /// <summary>Any signed-in user, nothing scoped (sign out).</summary>
        SignedIn,

        /// <summary>A Blazor page: anonymous callers are sent to sign in; no page carries another office's data.</summary>
        Page,

        /// <summary>Open to anonymous callers for meetings the public may see (petitions): another office's draft is not found, for everyone.</summary>
        PublicOfPublicMeetings,
    }

    private sealed record Route(string Key, Expect Expect, Func<Fixture, HttpContent>? Body = null, string Query = "");

    /// <summary>Every route of the application. Add yours here, with a body its handler accepts.</summary>
    private static readonly Route[] Routes =
    [
        new("GET /api/meetings/", Expect.Listing),
        new("POST /api/meetings/", Expect.CreatesMeeting, f => Json(ApiTestData.Meeting("Nhân danh cơ quan khác") with { Organizers = [new OrganizerDto(f.Target.OrganizationId, null, true)] })),
        new("GET /api/meetings/{meetingId:int}", Expect.Refused),
        new("PUT /api/meetings/{meetingId:int}", Expect.Refused, _ => Json(ApiTestData.Meeting("ZZ bị ghi đè"))),
        new("DELETE /api/meetings/{meetingId:int}", Expect.Refused),
        new("POST /api/meetings/{meetingId:int}/copy", Expect.Refused, _ => Json(new CopyMeetingRequest(ApiTestData.Start.AddDays(30)))),
        new("GET /api/meetings/{meetingId:int}/audit", Expect.Refused),
        new("GET /api/meetings/{meetingId:int}/sites/", Expect.Refused),
        new("POST /api/meetings/{meetingId:int}/sites/", Expect.Refused, _ => Json(ApiTestData.Commune("Xã thêm vào"))),
        new("PUT /api/meetings/{meetingId:int}/sites/{siteId:int}", Expect.Refused, _ => Json(ApiTestData.Commune("Đổi tên"))),
        new("DELETE /api/meetings/{meetingId:int}/sites/{siteId:int}", Expect.Refused),
        new("PUT /api/meetings/{meetingId:int}/sites/{siteId:int}/host", Expect.Refused),
        new("POST /api/meetings/{meetingId:int}/sites/import", Expect.Refused, _ => File("Tên điểm cầu;Sức chứa\nXã Mới;30\n")),
        new("GET /api/meetings/{meetingId:int}/participants/", Expect.Refused),
        new("POST /api/meetings/{meetingId:int}/participants/", Expect.Refused, _ => Json(new ParticipantInput("Người thêm vào"))),
        new("PUT /api/meetings/{meetingId:int}/participants/{participantId:int}", Expect.Refused, _ => Json(new ParticipantInput("Đổi tên"))),
        new("DELETE /api/meetings/{meetingId:int}/participants/{participantId:int}", Expect.Refused),
        new("POST /api/meetings/{meetingId:int}/participants/import", Expect.Refused, _ => File("Họ tên;Chức vụ\nNgười Mới;Đại biểu\n")),
        new("GET /api/meetings/{meetingId:int}/agenda/", Expect.Refused),
        new("POST /api/meetings/{meetingId:int}/agenda/", Expect.Refused, _ => Json(new AgendaItemInput("Mục thêm vào"))),
        new("PUT /api/meetings/{meetingId:int}/agenda/{itemId:int}", Expect.Refused, _ => Json(new AgendaItemInput("Đổi nội dung"))),
        new("DELETE /api/meetings/{meetingId:int}/agenda/{itemId:int}", Expect.Refused),
        new("PUT /api/meetings/{meetingId:int}/agenda/order", Expect.Refused, f => Json(new[] { f.Target.AgendaItemId })),
        new("GET /api/meetings/{meetingId:int}/assignments/", Expect.Refused),
        new("POST /api/meetings/{meetingId:int}/assignments/", Expect.Refused, _ => Json(new AssignmentInput("Việc thêm vào", AssigneeName: "VNPT"))),
        new("PUT /api/meetings/{meetingId:int}/assignments/{assignmentId:int}", Expect.Refused, _ => Json(new AssignmentInput("Đổi việc", AssigneeName: "VNPT"))),
        new("DELETE /api/meetings/{meetingId:int}/assignments/{assignmentId:int}", Expect.Refused),
        new("GET /api/meetings/{meetingId:int}/documents", Expect.Refused),
        new("POST /api/meetings/{meetingId:int}/documents", Expect.Refused, f => Json(new IssueRequest(DocumentKind.Notice, f.Target.OrganizationId))),
        new("GET /api/meetings/{meetingId:int}/documents/wording", Expect.Refused, Query: "?kind=Notice&organizationId={organizationId}"),
        new("GET /api/meetings/{meetingId:int}/backdrops.zip", Expect.Refused),
        new("GET /api/meetings/{meetingId:int}/backdrops/{siteId:int}.svg", Expect.Refused),
        new("GET /api/meetings/{meetingId:int}/participants.xlsx", Expect.Refused),
        new("GET /api/meetings/{meetingId:int}/assignments.xlsx", Expect.Refused),
        new("GET /api/meetings/{meetingId:int}/documents/issue-date", Expect.Refused),
        new("POST /api/meetings/{meetingId:int}/documents/{documentId:int}/upload", Expect.Refused, _ => File("không phải DOCX")),
        new("POST /api/meetings/{meetingId:int}/documents/preview", Expect.Refused, f => Json(new TemplatePreviewRequest(f.Target.OrganizationId, DocumentKind.Notice, "{{ meeting.title }}"))),
        new("GET /api/meetings/{meetingId:int}/live/events", Expect.Refused),
        new("GET /api/meetings/{meetingId:int}/live/log", Expect.Refused, Query: "?after=0"),
        new("POST /api/meetings/{meetingId:int}/sites/{siteId:int}/presence", Expect.Refused),
        new("GET /api/meetings/{meetingId:int}/readiness", Expect.Refused),
        new("POST /api/meetings/{meetingId:int}/readiness/checklist", Expect.Refused, _ => Json(new ChecklistRequest(IncludeEpidemicPrevention: true))),
        new("GET /api/meetings/{meetingId:int}/readiness.docx", Expect.Refused),
        new("GET /api/meetings/{meetingId:int}/readiness.xlsx", Expect.Refused),
        new("POST /api/meetings/{meetingId:int}/assignments/{assignmentId:int}/done", Expect.Refused, _ => Json(new CompleteTaskInput("Đã xong ZZ"))),
        new("GET /api/meetings/{meetingId:int}/sites/{siteId:int}/readiness", Expect.Refused),
        new("PUT /api/meetings/{meetingId:int}/sites/{siteId:int}/readiness/{checkId:int}", Expect.Refused, _ => Json(new MarkInput(CheckState.Failed, "Hỏng ZZ"))),
        new("POST /api/meetings/{meetingId:int}/sites/{siteId:int}/readiness/photos", Expect.Refused, _ => Photo()),
        new("GET /api/meetings/{meetingId:int}/sites/{siteId:int}/readiness/photos/{photoId:int}", Expect.Refused),
        new("POST /api/meetings/{meetingId:int}/sites/{siteId:int}/connection-tests", Expect.Refused),
        new("PUT /api/meetings/{meetingId:int}/sites/{siteId:int}/connection-tests/{testId:int}", Expect.Refused, _ => Json(new FinishTestInput(Features.Readiness.TestResult.Failed, Remarks: "Mất tiếng ZZ"))),
        new("POST /api/meetings/{meetingId:int}/sites/{siteId:int}/incidents", Expect.Refused, _ => Json(new IncidentInput(IncidentKind.Other, "Sự cố ZZ"))),
        new("POST /api/meetings/{meetingId:int}/sites/{siteId:int}/incidents/{incidentId:int}/close", Expect.Refused, _ => Json(new CloseIncidentInput("Đã khắc phục ZZ"))),
        new("GET /api/meetings/{meetingId:int}/sittings", Expect.Refused),
        new("POST /api/meetings/{meetingId:int}/sittings", Expect.Refused, _ => Json(new SittingInput("Phiên ZZ", ApiTestData.Start, ApiTestData.Start.AddHours(3)))),
        new("POST /api/meetings/{meetingId:int}/sittings/from-plan", Expect.Refused),
        new("PUT /api/meetings/{meetingId:int}/sittings/{sittingId:int}/state", Expect.Refused, _ => Json(new SittingStateInput(SittingState.InProgress))),
        new("DELETE /api/meetings/{meetingId:int}/sittings/{sittingId:int}", Expect.Refused),
        new("PUT /api/meetings/{meetingId:int}/current-item", Expect.Refused, f => Json(new CurrentItemInput(f.Target.AgendaItemId))),
        new("GET /api/meetings/{meetingId:int}/attendance", Expect.Refused),
        new("GET /api/meetings/{meetingId:int}/sites/{siteId:int}/attendance/", Expect.Refused),
        new("POST /api/meetings/{meetingId:int}/sites/{siteId:int}/attendance/", Expect.Refused, _ => Json(new CheckInInput(Name: "Cử tri ZZ", Address: "Thôn ZZ"))),
        new("POST /api/meetings/{meetingId:int}/sites/{siteId:int}/attendance/scan", Expect.Refused, f => Json(new ScanInput(f.Target.CheckInCode))),
        new("POST /api/meetings/{meetingId:int}/sites/{siteId:int}/attendance/{checkInId:int}/check-out", Expect.Refused),
        new("POST /api/meetings/{meetingId:int}/participants/{participantId:int}/check-in", Expect.Refused),
        new("GET /api/meetings/{meetingId:int}/floor/", Expect.Refused),
        new("GET /api/meetings/{meetingId:int}/floor/record", Expect.Refused),
        new("POST /api/meetings/{meetingId:int}/participants/{participantId:int}/floor-requests", Expect.Refused, _ => Json(new OwnFloorInput("ZZ ngân sách"))),
        new("POST /api/meetings/{meetingId:int}/sites/{siteId:int}/floor/requests", Expect.Refused, _ => Json(new SiteFloorInput("Cử tri ZZ", "Thôn ZZ"))),
        new("POST /api/meetings/{meetingId:int}/floor/withdraw", Expect.Refused, _ => Json(new FloorRequestInput(1))),
        new("POST /api/meetings/{meetingId:int}/floor/written", Expect.Refused, _ => Json(new WrittenSpeechInput(1, "ZZ văn bản"))),
        new("PUT /api/meetings/{meetingId:int}/floor/order", Expect.Refused, _ => Json(new FloorOrderInput([]))),
        new("POST /api/meetings/{meetingId:int}/floor/give", Expect.Refused, f => Json(new GiveFloorInput(SiteId: f.Target.SiteId))),
        new("POST /api/meetings/{meetingId:int}/floor/speaker", Expect.Refused, _ => Json(new SpeakerInput(1, SpeakerAction.End))),
        new("PUT /api/meetings/{meetingId:int}/floor/list", Expect.Refused, _ => Json(new SpeakerListInput(true))),
        new("PUT /api/meetings/{meetingId:int}/floor/times", Expect.Refused, _ => Json(new SpeakingTimeInput(null, 300, 120))),
        new("GET /api/meetings/{meetingId:int}/projector-links/", Expect.Refused),
        new("POST /api/meetings/{meetingId:int}/projector-links/", Expect.Refused, _ => Json(new ProjectorLinkInput("ZZ màn hình"))),
        new("POST /api/meetings/{meetingId:int}/projector-links/{linkId:int}/revoke", Expect.Refused),
        // The projector: anonymous by design, opened only by a link's token (an unknown one finds nothing).
        new("GET /trinh-chieu/{token}/events", Expect.PublicOfPublicMeetings),
        new("GET /trinh-chieu/{Token}", Expect.PublicOfPublicMeetings),
        new("GET /meetings/{MeetingId:int}/delegate", Expect.Page),
        new("GET /meetings/{MeetingId:int}/voting", Expect.Page),
        new("GET /api/meetings/{meetingId:int}/motions/{motionId:int}/turnout", Expect.Refused),
        new("GET /api/meetings/{meetingId:int}/video", Expect.Refused),
        new("GET /api/meetings/{meetingId:int}/sites/{siteId:int}/video", Expect.Refused),
        new("POST /api/meetings/{meetingId:int}/sites/{siteId:int}/video/reports", Expect.Refused, _ => Json(new Features.Video.VideoReport(Features.Video.VideoEvent.Joined, Participants: 3))),
        new("GET /api/meetings/{meetingId:int}/incidents", Expect.Refused),
        new("GET /api/meetings/{meetingId:int}/sittings/{sittingId:int}/minutes", Expect.Refused),
        new("GET /api/meetings/{meetingId:int}/voting/quorum", Expect.Refused),
        new("GET /api/meetings/{meetingId:int}/voting/membership", Expect.Refused),
        new("PUT /api/meetings/{meetingId:int}/voting/body", Expect.Refused, _ => Json(new BodyInput(QuorumRule.MoreThanHalfOfMembers))),
        new("POST /api/meetings/{meetingId:int}/voting/body/members", Expect.Refused, _ => Json(new MembershipChangeInput(new DateOnly(2099, 1, 1), 50, "ZZ bầu bổ sung"))),
        new("PUT /api/meetings/{meetingId:int}/voting/delegates/{participantId:int}", Expect.Refused, _ => Json(new DelegateInput("admin"))),
        new("DELETE /api/meetings/{meetingId:int}/voting/delegates/{participantId:int}", Expect.Refused),
        new("GET /api/meetings/{meetingId:int}/motions", Expect.Refused),
        new("POST /api/meetings/{meetingId:int}/motions", Expect.Refused, f => Json(new MotionInput(f.Target.AgendaItemId, "Biểu quyết ZZ thêm vào"))),
        new("GET /api/meetings/{meetingId:int}/motions/{motionId:int}", Expect.Refused),
        new("GET /api/meetings/{meetingId:int}/motions/{motionId:int}/result", Expect.Refused),
        new("GET /api/meetings/{meetingId:int}/motions/{motionId:int}/named-list", Expect.Refused),
        new("GET /api/meetings/{meetingId:int}/motions/{motionId:int}/named-list.xlsx", Expect.Refused),
        new("POST /api/meetings/{meetingId:int}/motions/{motionId:int}/open", Expect.Refused),
        new("POST /api/meetings/{meetingId:int}/motions/{motionId:int}/close", Expect.Refused),
        new("POST /api/meetings/{meetingId:int}/motions/{motionId:int}/confirm", Expect.Refused),
        new("POST /api/meetings/{meetingId:int}/motions/{motionId:int}/annul", Expect.Refused, _ => Json(new AnnulInput("ZZ hủy"))),
        new("POST /api/meetings/{meetingId:int}/motions/{motionId:int}/repeat", Expect.Refused),
        new("POST /api/meetings/{meetingId:int}/motions/{motionId:int}/votes", Expect.Refused, _ => Json(new VoteInput(VoteChoice.For))),
        new("GET /api/meetings/{meetingId:int}/motions/{motionId:int}/votes/mine", Expect.Refused),
        new("POST /api/meetings/{meetingId:int}/motions/{motionId:int}/ballots", Expect.Refused, _ => Json(new BallotInput([]))),
        new("POST /api/meetings/{meetingId:int}/sites/{siteId:int}/motions/{motionId:int}/hands", Expect.Refused, _ => Json(new HandsInput(0, 0, 0))),
        new("GET /api/documents/{documentId:int}/file", Expect.Refused),
        new("GET /api/documents/{documentId:int}/pdf", Expect.Refused),
        new("GET /api/documents/{documentId:int}/invitations.zip", Expect.Refused),
        new("POST /api/documents/{documentId:int}/versions", Expect.Refused, _ => Json(new Features.Drafting.DocumentWording("Sửa đổi ZZ"))),
        new("GET /api/organizations/", Expect.Listing),
        new("POST /api/organizations/", Expect.Refused, _ => Json(new OrganizationInput("Cơ quan thêm vào", OrganizationKind.Other))),
        new("PUT /api/organizations/{organizationId:int}", Expect.Refused, _ => Json(new OrganizationInput("Đổi tên cơ quan", OrganizationKind.Other))),
        new("POST /api/organizations/import", Expect.Refused, _ => File("Tên;Loại\nCơ quan Mới;Sở\n")),
        new("GET /api/organizations/{organizationId:int}/template/", Expect.Refused),
        new("PUT /api/organizations/{organizationId:int}/template/", Expect.Refused, _ => Json(new OrganizationTemplateInput("ZZ ĐỔI TÊN", "ZZ", "Nơi khác"))),
        new("GET /api/organizations/{organizationId:int}/wording/{kind}", Expect.Refused),
        new("PUT /api/organizations/{organizationId:int}/wording/{kind}", Expect.Refused, _ => Json(new WordingTemplateInput("Lời văn ZZ {{ meeting.title }}"))),
        new("DELETE /api/organizations/{organizationId:int}/wording/{kind}", Expect.Refused),
        new("GET /api/organizations/{organizationId:int}/registers/{kind}/{year:int}", Expect.Refused),
        new("PUT /api/organizations/{organizationId:int}/registers/{kind}/{year:int}", Expect.Refused, _ => Json(new RegisterInput(500))),
        new("GET /api/organizations/{organizationId:int}/readiness-checklists/{kind}/", Expect.Refused),
        new("PUT /api/organizations/{organizationId:int}/readiness-checklists/{kind}/", Expect.Refused, _ => Json(new[] { new ChecklistTemplateLine("Mục ZZ") })),
        new("GET /api/administrative-units/", Expect.Listing),
        new("POST /api/administrative-units/", Expect.Refused, _ => Json(new Features.AdministrativeUnits.AdministrativeUnitInput("99", "Tỉnh Mới", Features.AdministrativeUnits.AdministrativeLevel.Province))),
        new("POST /api/administrative-units/import", Expect.Refused, _ => File("Mã;Tên;Cấp\n98;Tỉnh Khác;Tỉnh\n")),
        new("GET /api/users/", Expect.Refused),
        new("POST /api/users/", Expect.Refused, _ => Json(new NewUserInput("nguoimoi", "Mat-khau-moi-123"))),
        new("POST /api/account/login", Expect.Public, _ => Json(new SignInRequest("khong-co", "sai-mat-khau"))),
        new("GET /api/openapi/{documentName}.json", Expect.Public),
        new("GET /culture/{name}", Expect.Public, Query: "?returnUrl=/meetings"),
        new("POST /account/logout", Expect.SignedIn),
        // Blank import templates (XLSX with headers and an example row): no one's data.
        new("GET /api/import-templates/{fileName}", Expect.SignedIn),
        // The live hub: signed-in users only (the [Authorize] hub); each join is checked against MeetingAccess (LiveCoreTests).
        new("ANY /hubs/live/negotiate", Expect.SignedIn),
        new("ANY /hubs/live", Expect.SignedIn),
        new("GET /", Expect.Page),
        new("GET /meetings", Expect.Page),
        new("GET /meetings/new", Expect.Page),
        new("GET /meetings/{Id:int}", Expect.Page),
        new("GET /organizations", Expect.Page),
        new("GET /units", Expect.Page),
        new("GET /users", Expect.Page),
        new("GET /tasks", Expect.Page),
        new("GET /my-sites", Expect.Page),
        new("GET /meetings/{MeetingId:int}/readiness", Expect.Page),
        new("GET /meetings/{MeetingId:int}/sites/{SiteId:int}/console", Expect.Page),
        new("GET /meetings/{MeetingId:int}/conduct", Expect.Page),
        new("GET /account/login", Expect.Public),
        // Blank import templates (the petitions' among them): no data, any signed-in user.
        new("GET /api/import-templates/{fileName}", Expect.SignedIn),
        new("GET /api/meetings/{meetingId:int}/petitions", Expect.Refused),
        new("POST /api/meetings/{meetingId:int}/petitions", Expect.Refused, _ => Json(new PetitionInput("Ý kiến ZZ thêm vào"))),
        new("POST /api/meetings/{meetingId:int}/petitions/batch", Expect.Refused, _ => Json(new[] { new PetitionInput("Ý kiến ZZ thêm vào") })),
        new("POST /api/meetings/{meetingId:int}/petitions/import", Expect.Refused, _ => File("Nội dung\nÝ kiến ZZ nhập từ tệp\n")),
        new("GET /api/meetings/{meetingId:int}/petitions/schedule", Expect.Refused),
        new("PUT /api/meetings/{meetingId:int}/petitions/schedule", Expect.Refused, _ => Json(new ScheduleInput(new DateOnly(2099, 1, 1)))),
        new("GET /api/meetings/{meetingId:int}/petitions/dashboard", Expect.Refused),
        new("GET /api/meetings/{meetingId:int}/petitions/charts/{chart}.svg", Expect.Refused),
        new("GET /api/meetings/{meetingId:int}/petitions/report.docx", Expect.Refused),
        new("GET /api/meetings/{meetingId:int}/petitions/report.pdf", Expect.Refused),
        new("GET /api/meetings/{meetingId:int}/petitions/answers.docx", Expect.Refused),
        new("GET /api/meetings/{meetingId:int}/petitions/petitions.xlsx", Expect.Refused),
        new("GET /api/meetings/{meetingId:int}/recommendations/{recommendationId:int}", Expect.Refused),
        new("GET /api/meetings/{meetingId:int}/recommendations/{recommendationId:int}/suggestion", Expect.Refused),
        new("PUT /api/meetings/{meetingId:int}/recommendations/{recommendationId:int}/classification", Expect.Refused, _ => Json(new ClassificationInput(1, CompetenceLevel.Province))),
        new("POST /api/meetings/{meetingId:int}/recommendations/{recommendationId:int}/merge", Expect.Refused, f => Json(new MergeInput([f.Target.SecondRecommendationId]))),
        new("POST /api/meetings/{meetingId:int}/recommendations/{recommendationId:int}/referrals", Expect.Refused, f => Json(new ReferralInput(f.Target.OrganizationId, new DateOnly(2099, 1, 1)))),
        new("PUT /api/meetings/{meetingId:int}/recommendations/{recommendationId:int}/publication", Expect.Refused, _ => Json(new PublishInput(true))),
        new("GET /api/meetings/{meetingId:int}/sites/{siteId:int}/petitions/", Expect.Refused),
        new("POST /api/meetings/{meetingId:int}/sites/{siteId:int}/petitions/", Expect.Refused, _ => Json(new PetitionInput("Ý kiến ZZ tại điểm cầu"))),
        new("GET /api/petitions/search", Expect.Listing, Query: "?q=de nghi"),
        new("POST /api/petitions/suggestions", Expect.Listing, _ => Json(new SuggestionRequest("Đề nghị sửa chữa đường liên xã"))),
        new("GET /api/petitions/overdue", Expect.Listing),
        new("GET /api/petitions/fields", Expect.Listing),
        new("POST /api/petitions/fields", Expect.Refused, _ => Json(new PetitionFieldInput("Lĩnh vực ZZ"))),
        new("GET /api/referrals/", Expect.Listing),
        new("GET /api/referrals/{referralId:int}", Expect.Refused),
        new("POST /api/referrals/{referralId:int}/answer", Expect.Refused, _ => new MultipartFormDataContent { { new StringContent("Trả lời ZZ"), "text" } }),
        new("POST /api/referrals/{referralId:int}/return", Expect.Refused, _ => Json(new ReturnInput("Không thuộc thẩm quyền ZZ"))),
        new("GET /api/referrals/{referralId:int}/attachments/{attachmentId:int}", Expect.Refused),
        // The public form and answers: rate-limited, anonymous, and only for meetings made public (the target is a draft).
        new("POST /api/public/meetings/{meetingId:int}/petitions", Expect.PublicOfPublicMeetings, _ => Json(new PublicPetitionInput("Ý kiến ZZ của cử tri"))),
        new("GET /api/public/meetings/{meetingId:int}/answers", Expect.PublicOfPublicMeetings),
        new("GET /api/public/petitions/{code}", Expect.PublicOfPublicMeetings),
        new("GET /petitions", Expect.Page),
        new("GET /petitions/referrals", Expect.Page),
        new("GET /meetings/{MeetingId:int}/petitions", Expect.Page),
        new("GET /meetings/{MeetingId:int}/petitions/dashboard", Expect.Page),
        new("GET /meetings/{MeetingId:int}/sites/{SiteId:int}/petitions", Expect.Page),
        new("GET /cong-khai/theo-doi", Expect.Public),
        new("GET /cong-khai/xa/{UnitId:int}", Expect.Public),
        new("GET /cong-khai/hoi-nghi/{MeetingId:int}", Expect.Public),
        new("GET /account/denied", Expect.Public),
    ];

    private static readonly string[] Roles = [Features.Accounts.Roles.Secretariat, Features.Accounts.Roles.Chair, Features.Accounts.Roles.Delegate, Features.Accounts.Roles.Agency, Features.Accounts.Roles.Viewer];

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Every_route_refuses_every_role_outside_its_scope_and_changes_nothing(DatabaseProvider provider)
    {
        // Every caller sends the public petition form once: more than its per-address limit allows.
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider)) { Settings = { ["Petitions:PublicSubmissionsPerWindow"] = "1000" } };
        var table = RouteTable(app);
        AssertEveryRouteIsDeclared(table);
        var fixture = await Fixture.ArrangeAsync(app);
        var callers = new List<(string Name, HttpClient Client)> { ("anonymous", app.CreateClient(new() { AllowAutoRedirect = false })) };
        foreach (var role in Roles)
        {
            callers.Add((role, await app.SignedInClientAsync(role, organizationId: role == Features.Accounts.Roles.Agency ? fixture.AgencyId : fixture.Own.OrganizationId)));
        }

        callers.Add(("SiteOperator", await app.SignedInClientAsync(Features.Accounts.Roles.SiteOperator, organizationId: null, fixture.Own.SiteId)));
        var failures = new List<string>();
        var snapshot = await SnapshotAsync(app);

        foreach (var route in Routes.Where(r => r.Expect != Expect.SignedIn))
        {
            foreach (var (name, client) in callers)
            {
                using var response = await SendAsync(client, route, fixture, fixture.Target);
                var body = await TextOfAsync(response);
                var status = (int)response.StatusCode;
                var expected = ExpectedAgainstAnotherOffice(route, name);
                if (!expected.Contains(status))
                {
                    failures.Add($"{route.Key} as {name} against another office: {status}, expected {string.Join('/', expected)}");
                }

                if (fixture.Target.Markers.FirstOrDefault(m => body.Contains(m, StringComparison.Ordinal)) is { } leaked)
                {
                    failures.Add($"{route.Key} as {name} answered another office's data ({leaked})");
                }

                if (Method(route) != "GET")
                {
                    snapshot = await CheckUnchangedAsync(app, snapshot, $"{route.Key} as {name} against another office", failures);
                }
            }

            // The operator of one site, on their own meeting, naming another site of it.
            if (route.Expect is Expect.Refused or Expect.Listing)
            {
                using var response = await SendAsync(callers[^1].Client, route, fixture, fixture.OtherSite);
                var body = await TextOfAsync(response);
                var status = (int)response.StatusCode;
                if (status >= 500 || route.Key.Contains("{siteId", StringComparison.Ordinal) && status is not (403 or 404) || Method(route) != "GET" && route.Expect != Expect.Listing && status < 400)
                {
                    failures.Add($"{route.Key} as the operator of another site: {status}");
                }

                if (fixture.OtherSite.Markers.FirstOrDefault(m => body.Contains(m, StringComparison.Ordinal)) is { } leaked)
                {
                    failures.Add($"{route.Key} as the operator of another site answered that site's data ({leaked})");
                }

            }

            snapshot = await CheckUnchangedAsync(app, snapshot, $"{route.Key} (the requests above)", failures);
        }

        // The control: an administrator gets through every route, so the refusals above were about scope, not a malformed request.
        var admin = await app.AdministratorClientAsync();
        foreach (var route in Routes.Where(r => r.Expect is Expect.Refused or Expect.CreatesMeeting).OrderBy(r => ControlOrder(r)))
        {
            using var response = await SendAsync(admin, route, fixture, fixture.Target);
            var status = (int)response.StatusCode;
            if (status is 401 or 403 or 404 or >= 500)
            {
                failures.Add($"{route.Key} as administrator: {status}, expected to get through");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>What someone outside the target's scope may get.</summary>
    private static int[] ExpectedAgainstAnotherOffice(Route route, string caller) => (route.Expect, caller) switch
    {
        (Expect.Public, _) => [200, 204, 302, 401],
        (Expect.PublicOfPublicMeetings, _) => [404],
        (_, "anonymous") when route.Expect == Expect.Page => [302],
        (_, "anonymous") => [401],
        (Expect.Listing, _) => [200],
        (Expect.Page, _) => [200, 302],
        (Expect.CreatesMeeting, Features.Accounts.Roles.Secretariat) => [400],
        _ => [403, 404],
    };

    /// <summary>The administrator's requests change data: reads first, deletions last, the meeting itself at the very end.</summary>
    private static (int, int) ControlOrder(Route route) => (Method(route) switch
    {
        "GET" => 0,
        "DELETE" => 3,
        _ => 1,
    }, -route.Key.Length);

    private static void AssertEveryRouteIsDeclared(List<string> table)
    {
        var declared = Routes.Select(r => r.Key).ToHashSet();
        var missing = table.Where(key => !declared.Contains(key)).ToList();
        var gone = declared.Where(key => !table.Contains(key)).ToList();
        // Anonymous routes are outside the scope filter by design: they carry their own rate limit and check.
        var open = Routes.Where(r => r.Expect is Expect.Public or Expect.PublicOfPublicMeetings).Select(r => r.Key).ToHashSet();
        var unscoped = table.Where(key => key.Contains(" /api/", StringComparison.Ordinal) && !open.Contains(key)).SelectMany(UncheckedParameters).ToList();
        Assert.True(missing.Count == 0 && gone.Count == 0 && unscoped.Count == 0,
            (missing.Count > 0 ? "Routes not in RouteAuthorizationTests.Routes — add each with what it expects of someone outside its scope (Refused for anything under {meetingId}, {documentId} or {organizationId} and for administrators' routes; Listing; Public…) and a body its handler accepts (docs/decisions/0008):\n  " + string.Join("\n  ", missing) + "\n" : "")
            + (gone.Count > 0 ? "Routes in RouteAuthorizationTests.Routes that the app no longer has:\n  " + string.Join("\n  ", gone) + "\n" : "")
            + (unscoped.Count > 0 ? "Route parameters the scope filter does not check — put the route under /api/meetings/{meetingId:int}/… or /api/organizations/{organizationId:int}/… (children are looked up inside them) or teach ScopeFilter and MeetingAccess about the parameter:\n  " + string.Join("\n  ", unscoped) : ""));
    }

    /// <summary>Parameters of an /api route that are neither checked by the filter nor children of a parameter it checks ({meetingId}, {referralId}…).</summary>
    private static IEnumerable<string> UncheckedParameters(string key)
    {
        var meeting = key.IndexOf("{meetingId", StringComparison.Ordinal);
        var organization = key.IndexOf("{organizationId", StringComparison.Ordinal);
        var referral = key.IndexOf("{referralId", StringComparison.Ordinal);
        foreach (Match parameter in Parameter().Matches(key))
        {
            var name = parameter.Groups[1].Value;
            if (!ScopeFilter.ScopedParameters.Contains(name) && !(meeting >= 0 && parameter.Index > meeting) && !(organization >= 0 && parameter.Index > organization) && !(referral >= 0 && parameter.Index > referral) && name is not ("documentName" or "fileName"))
            {
                yield return $"{key}: {{{name}}}";
            }
        }
    }

    /// <summary>"GET /api/meetings/{meetingId:int}" for every route endpoint but static files and Blazor's own.</summary>
    private static List<string> RouteTable(DienHongApp app) =>
        [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !IsFrameworkEndpoint(e))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? (e.Metadata.GetMetadata<ComponentTypeMetadata>() is null ? ["ANY"] : ["GET"]))
                .Where(m => m != "HEAD" && !(m == "POST" && e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null))
                .Select(m => $"{m} {Normalize(e.RoutePattern.RawText)}"))
            .Distinct()];

    private static string Normalize(string? pattern) => "/" + (pattern ?? string.Empty).TrimStart('/');

    /// <summary>Static files (public by nature) and Blazor's circuit endpoints, which carry no data of their own.</summary>
    private static bool IsFrameworkEndpoint(RouteEndpoint endpoint) =>
        endpoint.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor")
        || Normalize(endpoint.RoutePattern.RawText) == "/{**path:file}"
        || Normalize(endpoint.RoutePattern.RawText).StartsWith("/_blazor", StringComparison.Ordinal)
        || Normalize(endpoint.RoutePattern.RawText).StartsWith("/_framework", StringComparison.Ordinal);

    private static string Method(Route route) => route.Key[..route.Key.IndexOf(' ', StringComparison.Ordinal)];

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Route route, Fixture fixture, Target target)
    {
        var path = Fill(route.Key[(route.Key.IndexOf(' ', StringComparison.Ordinal) + 1)..] + route.Query, target);
        using var request = new HttpRequestMessage(new HttpMethod(Method(route)), path) { Content = route.Body?.Invoke(fixture) };
        // Headers first: the live event stream stays open for those it admits.
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
    }

    private static string Fill(string template, Target target) => Parameter().Replace(template, m => m.Groups[1].Value switch
    {
        "meetingId" or "Id" or "MeetingId" => target.MeetingId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "siteId" or "SiteId" => target.SiteId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "participantId" => target.ParticipantId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "itemId" => target.AgendaItemId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "assignmentId" => target.AssignmentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "documentId" => target.DocumentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "organizationId" => target.OrganizationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "checkId" => target.CheckId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "photoId" => target.PhotoId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "testId" => target.TestId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "incidentId" => target.IncidentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "sittingId" => target.SittingId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "checkInId" => target.CheckInId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "motionId" => target.MotionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "recommendationId" => target.RecommendationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "referralId" => target.ReferralId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "attachmentId" => target.AttachmentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "chart" => "status",
        "code" or "token" or "Token" => "ZZKHONGCOMA",
        "linkId" => target.ProjectorLinkId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "UnitId" => "1",
        "kind" => template.Contains("readiness-checklists", StringComparison.Ordinal) ? nameof(MeetingKind.VoterContactConference) : nameof(DocumentKind.Notice),
        "year" => "2026",
        "documentName" => "v1",
        "name" => "en",
        var unknown => throw new InvalidOperationException($"RouteAuthorizationTests.Fill has no value for {{{unknown}}}: add one to Target."),
    });

    [GeneratedRegex(@"\{([A-Za-z]+)(?::[^}]*)?\}")]
    private static partial Regex Parameter();

    private static JsonContent Json<T>(T value) => JsonContent.Create(value);

    private static MultipartFormDataContent File(string csv) =>
        new() { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "nhap.csv" } };

    /// <summary>Enough of a PNG for the photo check (its signature).</summary>
    private static MultipartFormDataContent Photo() =>
        new() { { new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]), "file", "maket.png" } };

    /// <summary>The text of an answer, with every entry of a ZIP (DOCX, XLSX, ZIP of DOCX) read through.</summary>
    private static async Task<string> TextOfAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            return TextOf(await response.Content.ReadAsByteArrayAsync(Token));
        }

        // A live stream admitted the caller: what it sends in its first two seconds (the snapshot) is what it would leak.
        using var window = CancellationTokenSource.CreateLinkedTokenSource(Token);
        window.CancelAfter(TimeSpan.FromSeconds(2));
        var received = new MemoryStream();
        try
        {
            await (await response.Content.ReadAsStreamAsync(Token)).CopyToAsync(received, window.Token);
        }
        catch (OperationCanceledException) when (!Token.IsCancellationRequested)
        {
        }

        response.Dispose();
        return Encoding.UTF8.GetString(received.ToArray());
    }

    private static string TextOf(byte[] content)
    {
        if (content is not [(byte)'P', (byte)'K', ..])
        {
            return Encoding.UTF8.GetString(content);
        }

        using var zip = new ZipArchive(new MemoryStream(content));
        var text = new StringBuilder();
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            text.AppendLine(TextOf(copy.ToArray()));
        }

        return text.ToString();
    }

    /// <summary>Every row of every table but the key ring and the count of failed sign-ins (a failed sign-in is meant to be counted), as text.</summary>
    private static async Task<string> SnapshotAsync(DienHongApp app)
    {
        await using var db = app.CreateContext();
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Where(t => t is not ("DataProtectionKeys" or "SignInFailures")).Distinct().Order();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Token);
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync(Token);
            var rows = new List<string>();
            while (await reader.ReadAsync(Token))
            {
                rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => Cell(reader, i))));
            }

            text.Append(table).Append(':').AppendJoin('\n', rows.Order(StringComparer.Ordinal)).Append('\n');
        }

        return text.ToString();
    }

    private static string Cell(DbDataReader reader, int column) => reader.IsDBNull(column)
        ? "∅"
        : reader.GetValue(column) is byte[] bytes ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)) : Convert.ToString(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture)!;

    private static async Task<string> CheckUnchangedAsync(DienHongApp app, string before, string what, List<string> failures)
    {
        var after = await SnapshotAsync(app);
        if (after != before)
        {
            failures.Add($"{what} changed the database");
        }

        return after;
    }

    /// <summary>The values a route's parameters take, and the texts that must not reach someone outside.</summary>
    private sealed record Target(int MeetingId, int SiteId, int ParticipantId, int AgendaItemId, int AssignmentId, int DocumentId, int OrganizationId, IReadOnlyList<string> Markers)
    {
        public int CheckId { get; init; }

        public int PhotoId { get; init; }

        public int TestId { get; init; }

        public int IncidentId { get; init; }

        public int SittingId { get; init; }

        public int CheckInId { get; init; }

        public int ProjectorLinkId { get; init; }
        public int MotionId { get; init; }

        /// <summary>The signed check-in code of the target's participant (their invitation's QR).</summary>
        public string CheckInCode { get; init; } = string.Empty;
        public int RecommendationId { get; init; }

        public int SecondRecommendationId { get; init; }

        public int ReferralId { get; init; }

        public int AttachmentId { get; init; }
    }

    /// <summary>
    /// Two offices: "own" (the callers' office, with two sites of which the operator runs one) and
    /// "other" (the target), each with a meeting, a site, a participant, an agenda item, a task, a
    /// template and issued invitations.
    /// </summary>
    private sealed record Fixture(Target Target, Target OtherSite, Target Own, int AgencyId)
    {
        public static async Task<Fixture> ArrangeAsync(DienHongApp app)
        {
            var admin = await app.AdministratorClientAsync();
            var own = await OrganizationAsync(admin, "Văn phòng Đoàn ĐBQH và HĐND tỉnh Lai Châu", "ĐBQH");
            var other = await OrganizationAsync(admin, "Hội đồng nhân dân tỉnh ZZQORG", "HĐND");
            var agency = await OrganizationAsync(admin, "Viễn thông Lai Châu", symbol: null);
            var protection = app.Services.GetRequiredService<IDataProtectionProvider>();
            var target = await MeetingAsync(admin, protection, other, "ZZQMEETING", "ZZQSITE", "ZZQPERSON", agency: null);
            var mine = await MeetingAsync(admin, protection, own, "Hội nghị Lai Châu", "Phường Tân Phong", "Người Tân Phong", agency);
            var otherSite = await Created<SiteDto>(admin.PostAsJsonAsync($"/api/meetings/{mine.MeetingId}/sites", ApiTestData.Commune("Xã ZZSITEB"), Token));
            var otherPerson = await Created<ParticipantDto>(admin.PostAsJsonAsync($"/api/meetings/{mine.MeetingId}/participants", new ParticipantInput("Người ZZPERSONB", SiteId: otherSite.Id), Token));
            return new Fixture(
                target,
                mine with { SiteId = otherSite.Id, ParticipantId = otherPerson.Id, Markers = ["ZZSITEB", "ZZPERSONB"] },
                mine,
                agency);
        }

        private static async Task<int> OrganizationAsync(HttpClient admin, string name, string? symbol)
        {
            var organization = await Created<OrganizationDto>(admin.PostAsJsonAsync("/api/organizations", new OrganizationInput(name, OrganizationKind.Office), Token));
            if (symbol is not null)
            {
                var saved = await admin.PutAsJsonAsync($"/api/organizations/{organization.Id}/template", new OrganizationTemplateInput(name.ToUpperInvariant() + " ZZTEMPLATE" + organization.Id, symbol, "Lai Châu"), Token);
                Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            }

            return organization.Id;
        }

        private static async Task<Target> MeetingAsync(HttpClient admin, IDataProtectionProvider protection, int organizer, string title, string siteName, string personName, int? agency)
        {
            var meeting = await Created<MeetingDetail>(admin.PostAsJsonAsync("/api/meetings", ApiTestData.Meeting(title) with { Place = title, Organizers = [new OrganizerDto(organizer, null, true)] }, Token));
            var host = await Created<SiteDto>(admin.PostAsJsonAsync($"/api/meetings/{meeting.Id}/sites", ApiTestData.Host() with { Name = siteName }, Token));
            var person = await Created<ParticipantDto>(admin.PostAsJsonAsync($"/api/meetings/{meeting.Id}/participants", new ParticipantInput(personName, SiteId: host.Id), Token));
            var item = await Created<AgendaItemDto>(admin.PostAsJsonAsync($"/api/meetings/{meeting.Id}/agenda", new AgendaItemInput(title + " khai mạc"), Token));
            var task = await Created<AssignmentDto>(admin.PostAsJsonAsync($"/api/meetings/{meeting.Id}/assignments", new AssignmentInput(title + " bảo đảm đường truyền", OrganizationId: agency, AssigneeName: agency is null ? "VNPT" : null), Token));
            var invitations = await Created<IssuedDocumentDto>(admin.PostAsJsonAsync($"/api/meetings/{meeting.Id}/documents", new IssueRequest(DocumentKind.Invitation, organizer), Token));
            // The host site's readiness: a checklist, a photo, a running connection test and an open problem.
            var site = $"/api/meetings/{meeting.Id}/sites/{host.Id}";
            var checks = await Created<List<CheckDto>>(admin.PostAsJsonAsync($"/api/meetings/{meeting.Id}/readiness/checklist", new ChecklistRequest(), Token));
            var photo = await Created<PhotoDto>(admin.PostAsync($"{site}/readiness/photos", Photo(), Token));
            var test = await Created<TestDto>(admin.PostAsync($"{site}/connection-tests", null, Token));
            var incident = await Created<IncidentDto>(admin.PostAsJsonAsync($"{site}/incidents", new IncidentInput(IncidentKind.Other, title + " mất điện"), Token));
            // A planned sitting, and someone checked in at the host site (a walk-in, so the participant's own code is still unused).
            var sitting = await Created<SittingDto>(admin.PostAsJsonAsync($"/api/meetings/{meeting.Id}/sittings", new SittingInput(title + " phiên sáng", ApiTestData.Start, ApiTestData.Start.AddHours(3)), Token));
            var checkIn = await Created<CheckInDto>(admin.PostAsJsonAsync($"{site}/attendance", new CheckInInput(Name: title + " cử tri", Address: "Thôn Nậm Loỏng"), Token));
            var projector = await Created<NewProjectorLink>(admin.PostAsJsonAsync($"/api/meetings/{meeting.Id}/projector-links", new ProjectorLinkInput(title + " màn hình"), Token));
            // A motion on the item, and the participant as a voting delegate (linked to an account of their own).
            var motion = await Created<MotionDto>(admin.PostAsJsonAsync($"/api/meetings/{meeting.Id}/motions", new MotionInput(item.Id, title + " biểu quyết"), Token));
            var delegateName = "daibieu" + meeting.Id;
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/users", new { userName = delegateName, password = DienHongApp.Password, roles = new[] { "Delegate" } }, Token)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/meetings/{meeting.Id}/voting/delegates/{person.Id}", new DelegateInput(delegateName), Token)).StatusCode);
            // Petitions at the host site: one classified, referred (to the agency, or to the organizer itself) and answered with a letter, one more to merge.
            var petition = await Created<PetitionDto>(admin.PostAsJsonAsync($"{site}/petitions", new PetitionInput(title + " đề nghị sửa đường liên xã"), Token));
            var second = await Created<PetitionDto>(admin.PostAsJsonAsync($"{site}/petitions", new PetitionInput(title + " đề nghị lắp đèn đường"), Token));
            var recommendation = $"/api/meetings/{meeting.Id}/recommendations/{petition.RecommendationId}";
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"{recommendation}/classification", new ClassificationInput(1, CompetenceLevel.Province), Token)).StatusCode);
            var referred = await admin.PostAsJsonAsync($"{recommendation}/referrals", new ReferralInput(agency ?? organizer, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30)), Token);
            Assert.True(referred.IsSuccessStatusCode, await referred.Content.ReadAsStringAsync(Token));
            var referralId = (await admin.GetFromJsonAsync<RecommendationDto>(recommendation, Token))!.Referrals.Single().Id;
            var answered = await admin.PostAsync($"/api/referrals/{referralId}/answer", new MultipartFormDataContent
            {
                { new StringContent(title + " đã có kế hoạch sửa"), "text" },
                { new ByteArrayContent(Encoding.UTF8.GetBytes(title + " công văn trả lời")), "files", "tra-loi.txt" },
            }, Token);
            var attachment = (await answered.Content.ReadFromJsonAsync<ReferralDto>(Token))!.Attachments.Single();
            return new Target(meeting.Id, host.Id, person.Id, item.Id, task.Id, invitations.Id, organizer, [title, siteName, personName, "ZZTEMPLATE" + organizer])
            {
                CheckId = checks[0].Id,
                PhotoId = photo.Id,
                TestId = test.Id,
                IncidentId = incident.Id,
                SittingId = sitting.Id,
                CheckInId = checkIn.Id,
                ProjectorLinkId = projector.Id,
                MotionId = motion.Id,
                CheckInCode = CheckInCodes.Create(protection, meeting.Id, person.Id),
                RecommendationId = petition.RecommendationId,
                SecondRecommendationId = second.RecommendationId,
                ReferralId = referralId,
                AttachmentId = attachment.Id,
            };
        }

        private static async Task<T> Created<T>(Task<HttpResponseMessage> request)
        {
            var response = await request;
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Token)}");
            return (await response.Content.ReadFromJsonAsync<T>(Token))!;
        }
    }
}
