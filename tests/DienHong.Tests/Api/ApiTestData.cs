using DienHong.Features.Meetings;
using DienHong.Features.Sites;

namespace DienHong.Tests.Api;

/// <summary>Request bodies shared by the API tests.</summary>
internal static class ApiTestData
{
    public static readonly DateTime Start = new(2021, 11, 19, 1, 0, 0, DateTimeKind.Utc);

    public static MeetingInput Meeting(string title = "Hội nghị tiếp xúc cử tri sau kỳ họp thứ 2") =>
        new(title, MeetingKind.VoterContactConference, MeetingFormat.Online, Start, Start.AddHours(3), MeetingStatus.Draft, Place: "Bình Phước",
            LegalBases: ["Luật Tổ chức Quốc hội"], Recipients: ["Các vị ĐBQH tỉnh", "Lưu: VT"]);

    public static SiteInput Host() => new("Phòng họp trực tuyến Văn phòng Đoàn ĐBQH và HĐND tỉnh", 50, IsHost: true, Level: SiteLevel.Province,
        ConnectionTestAt: Start.AddHours(-11));

    public static SiteInput Commune(string name) => new(name, 30, Level: SiteLevel.Commune);
}
