using DienHong.Features.AdministrativeUnits;
using DienHong.Features.Assignments;
using DienHong.Features.Incidents;
using DienHong.Features.Meetings;
using DienHong.Features.Organizations;
using DienHong.Features.Participants;
using DienHong.Features.Readiness;
using DienHong.Features.Sites;
using DienHong.Features.Sittings;

namespace DienHong.Features.Localization;

/// <summary>
/// The Vietnamese name of every enum value shown to people: the one place the UI, imports and
/// documents read them from. In the UI pass them through the localizer for English.
/// </summary>
public static class Labels
{
    public static readonly IReadOnlyDictionary<MeetingKind, string> MeetingKinds = new Dictionary<MeetingKind, string>
    {
        [MeetingKind.RegularSession] = "Kỳ họp thường lệ",
        [MeetingKind.ExtraordinarySession] = "Kỳ họp bất thường",
        [MeetingKind.Sitting] = "Phiên họp",
        [MeetingKind.VoterContactConference] = "Hội nghị tiếp xúc cử tri",
        [MeetingKind.Conference] = "Hội nghị",
        [MeetingKind.MonthlyBriefing] = "Họp giao ban",
    };

    public static readonly IReadOnlyDictionary<MeetingFormat, string> MeetingFormats = new Dictionary<MeetingFormat, string>
    {
        [MeetingFormat.InPerson] = "Trực tiếp",
        [MeetingFormat.Online] = "Trực tuyến",
        [MeetingFormat.Hybrid] = "Kết hợp",
    };

    public static readonly IReadOnlyDictionary<MeetingStatus, string> MeetingStatuses = new Dictionary<MeetingStatus, string>
    {
        [MeetingStatus.Draft] = "Dự thảo",
        [MeetingStatus.Planned] = "Đã lên kế hoạch",
        [MeetingStatus.InProgress] = "Đang diễn ra",
        [MeetingStatus.Completed] = "Đã kết thúc",
        [MeetingStatus.Cancelled] = "Đã hủy",
    };

    public static readonly IReadOnlyDictionary<SigningAuthority, string> SigningAuthorities = new Dictionary<SigningAuthority, string>
    {
        [SigningAuthority.None] = "Ký trực tiếp",
        [SigningAuthority.OnBehalfOfCollective] = "TM.",
        [SigningAuthority.Deputy] = "KT.",
        [SigningAuthority.Acting] = "Q.",
        [SigningAuthority.ByOrder] = "TL.",
        [SigningAuthority.ByAuthorization] = "TUQ.",
    };

    public static readonly IReadOnlyDictionary<SiteLevel, string> SiteLevels = new Dictionary<SiteLevel, string>
    {
        [SiteLevel.Central] = "Trung ương",
        [SiteLevel.Province] = "Tỉnh",
        [SiteLevel.District] = "Huyện",
        [SiteLevel.Commune] = "Xã",
    };

    public static readonly IReadOnlyDictionary<ParticipantRole, string> ParticipantRoles = new Dictionary<ParticipantRole, string>
    {
        [ParticipantRole.Presiding] = "Chủ trì",
        [ParticipantRole.Delegate] = "Đại biểu",
        [ParticipantRole.Guest] = "Khách mời",
        [ParticipantRole.Voter] = "Cử tri",
        [ParticipantRole.Press] = "Phóng viên",
        [ParticipantRole.Staff] = "Phục vụ",
    };

    public static readonly IReadOnlyDictionary<AssignmentStatus, string> AssignmentStatuses = new Dictionary<AssignmentStatus, string>
    {
        [AssignmentStatus.Pending] = "Chưa thực hiện",
        [AssignmentStatus.InProgress] = "Đang thực hiện",
        [AssignmentStatus.Done] = "Hoàn thành",
    };

    public static readonly IReadOnlyDictionary<OrganizationKind, string> OrganizationKinds = new Dictionary<OrganizationKind, string>
    {
        [OrganizationKind.ElectedBody] = "Cơ quan dân cử",
        [OrganizationKind.Office] = "Văn phòng",
        [OrganizationKind.Department] = "Sở, ngành",
        [OrganizationKind.Company] = "Doanh nghiệp",
        [OrganizationKind.Committee] = "Mặt trận, đoàn thể",
        [OrganizationKind.Press] = "Báo chí",
        [OrganizationKind.Other] = "Khác",
    };

    public static readonly IReadOnlyDictionary<AdministrativeLevel, string> AdministrativeLevels = new Dictionary<AdministrativeLevel, string>
    {
        [AdministrativeLevel.Province] = "Tỉnh",
        [AdministrativeLevel.District] = "Huyện",
        [AdministrativeLevel.Commune] = "Xã",
    };

    public static readonly IReadOnlyDictionary<CheckState, string> CheckStates = new Dictionary<CheckState, string>
    {
        [CheckState.Unchecked] = "Chưa kiểm tra",
        [CheckState.Passed] = "Đạt",
        [CheckState.Failed] = "Không đạt",
        [CheckState.NotApplicable] = "Không áp dụng",
    };

    public static readonly IReadOnlyDictionary<TestResult, string> TestResults = new Dictionary<TestResult, string>
    {
        [TestResult.Passed] = "Đạt",
        [TestResult.Failed] = "Không đạt",
    };

    public static readonly IReadOnlyDictionary<SignalQuality, string> SignalQualities = new Dictionary<SignalQuality, string>
    {
        [SignalQuality.Good] = "Tốt",
        [SignalQuality.Fair] = "Trung bình",
        [SignalQuality.Poor] = "Kém",
    };

    public static readonly IReadOnlyDictionary<IncidentKind, string> IncidentKinds = new Dictionary<IncidentKind, string>
    {
        [IncidentKind.ConnectionLost] = "Mất kết nối",
        [IncidentKind.NoSound] = "Mất tiếng",
        [IncidentKind.NoPicture] = "Mất hình",
        [IncidentKind.PowerCut] = "Mất điện",
        [IncidentKind.Other] = "Sự cố khác",
    };

    public static readonly IReadOnlyDictionary<SittingState, string> SittingStates = new Dictionary<SittingState, string>
    {
        [SittingState.NotStarted] = "Chưa bắt đầu",
        [SittingState.InProgress] = "Đang họp",
        [SittingState.Paused] = "Tạm dừng",
        [SittingState.Ended] = "Kết thúc",
    };

    public static readonly IReadOnlyDictionary<Issuing.ReferenceKind, string> ReferenceKinds = new Dictionary<Issuing.ReferenceKind, string>
    {
        [Issuing.ReferenceKind.Letter] = "Văn bản",
        [Issuing.ReferenceKind.Notice] = "Thông báo",
        [Issuing.ReferenceKind.Plan] = "Kế hoạch",
        [Issuing.ReferenceKind.Resolution] = "Nghị quyết",
        [Issuing.ReferenceKind.Decision] = "Quyết định",
    };

    /// <summary>The Vietnamese label of any value above (its code name if it has none, e.g. an unknown value in old data).</summary>
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => (value switch
        {
            MeetingKind v => MeetingKinds.GetValueOrDefault(v),
            MeetingFormat v => MeetingFormats.GetValueOrDefault(v),
            MeetingStatus v => MeetingStatuses.GetValueOrDefault(v),
            SigningAuthority v => SigningAuthorities.GetValueOrDefault(v),
            SiteLevel v => SiteLevels.GetValueOrDefault(v),
            ParticipantRole v => ParticipantRoles.GetValueOrDefault(v),
            AssignmentStatus v => AssignmentStatuses.GetValueOrDefault(v),
            OrganizationKind v => OrganizationKinds.GetValueOrDefault(v),
            AdministrativeLevel v => AdministrativeLevels.GetValueOrDefault(v),
            CheckState v => CheckStates.GetValueOrDefault(v),
            TestResult v => TestResults.GetValueOrDefault(v),
            SignalQuality v => SignalQualities.GetValueOrDefault(v),
            IncidentKind v => IncidentKinds.GetValueOrDefault(v),
            SittingState v => SittingStates.GetValueOrDefault(v),
            Issuing.ReferenceKind v => ReferenceKinds.GetValueOrDefault(v),
            _ => null,
        }) ?? value.ToString();
}
