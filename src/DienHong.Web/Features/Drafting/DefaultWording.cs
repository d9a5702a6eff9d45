using DienHong.Features.Issuing;
using DienHong.Features.Meetings;
using DienHong.Features.Text;

namespace DienHong.Features.Drafting;

/// <summary>What each document says when the office has not reworded it, drawn from the meeting.</summary>
public static class DefaultWording
{
    public static DocumentWording For(DocumentKind kind, Meeting meeting, OrganizationTemplate? template = null)
    {
        var noun = PlanDocument.KindNoun(meeting);
        var lead = meeting.Organizers.OrderByDescending(o => o.IsLead).Select(o => o.Organization?.Name).FirstOrDefault(n => n is not null) ?? template?.IssuingBodyName ?? string.Empty;
        var start = VietnamTime.ToLocal(meeting.StartsAt);
        var when = $"{VietnameseDates.Time(TimeOnly.FromDateTime(start))}, {VietnameseDates.Weekday(DateOnly.FromDateTime(start))}, ngày {VietnameseDates.Short(DateOnly.FromDateTime(start))}";
        var addressees = meeting.Assignments.Select(a => a.Assignee).Where(a => a.Length > 0).Distinct().ToList();
        return kind switch
        {
            DocumentKind.Plan => new DocumentWording(
                $"Tổ chức {meeting.Title}",
                [$"{lead} xây dựng Kế hoạch tổ chức {meeting.Title}, như sau:"],
                [$"Trên đây là Kế hoạch tổ chức {meeting.Title}. Đề nghị các cơ quan, đơn vị liên quan phối hợp triển khai thực hiện đạt kết quả./."],
                []),
            DocumentKind.Letter => new DocumentWording(
                $"V/v đảm bảo các điều kiện phục vụ {meeting.Title}",
                [$"Căn cứ {string.Join("; ", meeting.LegalBases.OrderBy(b => b.Order).Select(b => b.Text.TrimEnd('.')))}; theo đó {when}, {lead} tổ chức {meeting.Title} (thời gian làm việc: bắt đầu từ {VietnameseDates.Time(TimeOnly.FromDateTime(start))}). Để tổ chức thành công {noun}, {lead} đề nghị:"],
                [$"Nhận được văn bản này, đề nghị các cơ quan, đơn vị liên quan chủ động triển khai thực hiện đảm bảo nội dung, yêu cầu"],
                addressees,
                template?.ContactLine),
            DocumentKind.Invitation => new DocumentWording(
                $"Dự {meeting.Title}",
                [$"{lead} trân trọng kính mời tới dự {meeting.Title}."],
                ["Rất mong được đón tiếp./."],
                []),
            DocumentKind.Notice => new DocumentWording(
                $"Về việc tổ chức {meeting.Title}",
                [$"{lead} thông báo tổ chức {meeting.Title}, bắt đầu lúc {when}, hình thức {Localization.Labels.Of(meeting.Format).ToLowerInvariant()}."],
                ["Đề nghị các cơ quan, đơn vị, cá nhân liên quan biết, thực hiện./."],
                []),
            _ => new DocumentWording(meeting.Title, [], [], []),
        };
    }
}
