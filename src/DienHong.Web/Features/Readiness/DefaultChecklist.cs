using DienHong.Features.Meetings;

namespace DienHong.Features.Readiness;

/// <summary>
/// The checklist a meeting gets when its organizer has none of its own for that kind: what the
/// offices' letters ask of every site (room, power, lines, sound, picture, backdrop, a technician,
/// order) plus what the kind needs, and epidemic prevention when switched on.
/// </summary>
public static class DefaultChecklist
{
    public const string EpidemicItem = "Phòng, chống dịch";

    public static IReadOnlyList<(string Name, bool EpidemicOnly)> For(MeetingKind kind)
    {
        var items = new List<string>
        {
            "Phòng họp",
            "Nguồn điện và nguồn dự phòng",
            "Đường truyền chính và dự phòng",
            "Âm thanh",
            "Hình ảnh (camera, màn hình)",
        };
        if (kind != MeetingKind.MonthlyBriefing)
        {
            items.Add("Maket");
        }

        items.Add("Cán bộ kỹ thuật trực");
        items.Add(kind switch
        {
            MeetingKind.RegularSession or MeetingKind.ExtraordinarySession or MeetingKind.Sitting => "Tài liệu kỳ họp cho đại biểu",
            MeetingKind.VoterContactConference => "Nơi đón tiếp và chỗ ngồi của cử tri",
            _ => "Tài liệu hội nghị",
        });
        items.Add("An ninh, trật tự");
        return [.. items.Select(i => (i, false)), (EpidemicItem, true)];
    }
}
