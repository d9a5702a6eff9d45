using DienHong.Features.Text;
using DienHong.Features.Validation;

namespace DienHong.Features.Meetings;

/// <summary>
/// The rules a meeting's plan keeps, checked on the whole aggregate before every save (UI, API,
/// import and copy alike). Each broken rule is a message; any message means nothing is saved.
/// </summary>
public static class MeetingRules
{
    public static IReadOnlyList<RuleViolation> Check(Meeting meeting)
    {
        var violations = new List<RuleViolation>();
        CheckSchedule(meeting, violations);
        CheckPhases(meeting, violations);
        CheckSites(meeting, violations);
        CheckAgenda(meeting, violations);
        CheckParticipants(meeting, violations);
        CheckAssignments(meeting, violations);
        CheckReferences(meeting, violations);
        return violations;
    }

    private static void CheckSchedule(Meeting meeting, List<RuleViolation> violations)
    {
        if (string.IsNullOrWhiteSpace(meeting.Title))
        {
            violations.Add(new("Title", "Tên cuộc họp không được để trống."));
        }

        if (meeting.StartsAt == default)
        {
            violations.Add(new("StartsAt", "Chưa nhập thời gian bắt đầu."));
        }

        if (meeting.EndsAt <= meeting.StartsAt)
        {
            violations.Add(new("EndsAt", "Thời gian kết thúc phải sau thời gian bắt đầu."));
        }

        if (meeting.Organizers.Count(o => o.IsLead) > 1)
        {
            violations.Add(new("Organizers", "Chỉ một cơ quan được là cơ quan chủ trì."));
        }
    }

    private static void CheckPhases(Meeting meeting, List<RuleViolation> violations)
    {
        var phases = meeting.Phases.OrderBy(p => p.StartsAt).ToList();
        foreach (var phase in phases)
        {
            if (string.IsNullOrWhiteSpace(phase.Name))
            {
                violations.Add(new("Phases", "Tên đợt không được để trống."));
            }

            if (phase.EndsAt <= phase.StartsAt)
            {
                violations.Add(new("Phases", "Đợt \"{0}\": thời gian kết thúc phải sau thời gian bắt đầu.", phase.Name));
            }

            if (phase.StartsAt < meeting.StartsAt || phase.EndsAt > meeting.EndsAt)
            {
                violations.Add(new("Phases", "Đợt \"{0}\" phải nằm trong thời gian của cuộc họp ({1} – {2}).",
                    phase.Name, VietnamTime.Format(meeting.StartsAt), VietnamTime.Format(meeting.EndsAt)));
            }
        }

        for (var i = 1; i < phases.Count; i++)
        {
            if (phases[i].StartsAt < phases[i - 1].EndsAt)
            {
                violations.Add(new("Phases", "Đợt \"{0}\" trùng thời gian với đợt \"{1}\".", phases[i].Name, phases[i - 1].Name));
            }
        }
    }

    private static void CheckSites(Meeting meeting, List<RuleViolation> violations)
    {
        if (meeting.Sites.Count == 0)
        {
            return;
        }

        var hosts = meeting.Sites.Count(s => s.IsHost);
        if (hosts != 1)
        {
            violations.Add(new("Sites", "Cuộc họp phải có đúng một điểm cầu trung tâm (hiện có {0}).", hosts));
        }

        foreach (var site in meeting.Sites)
        {
            if (string.IsNullOrWhiteSpace(site.Name))
            {
                violations.Add(new("Sites", "Tên điểm cầu không được để trống."));
            }

            if (site.Capacity <= 0)
            {
                violations.Add(new("Sites", "Điểm cầu \"{0}\": sức chứa phải là số nguyên dương.", site.Name));
            }

            if (site.ConnectionTestAt is { } test && test >= meeting.StartsAt)
            {
                violations.Add(new("Sites", "Điểm cầu \"{0}\": giờ kiểm tra kết nối ({1}) phải trước khi cuộc họp bắt đầu ({2}).",
                    site.Name, VietnamTime.Format(test), VietnamTime.Format(meeting.StartsAt)));
            }
        }

        foreach (var duplicate in meeting.Sites.GroupBy(s => VietnameseText.Fold(s.Name)).Where(g => g.Count() > 1))
        {
            violations.Add(new("Sites", "Tên điểm cầu \"{0}\" bị trùng.", duplicate.First().Name));
        }
    }

    private static void CheckAgenda(Meeting meeting, List<RuleViolation> violations)
    {
        var orders = meeting.AgendaItems.Select(a => a.Order).Order().ToList();
        if (!orders.SequenceEqual(Enumerable.Range(1, orders.Count)))
        {
            violations.Add(new("AgendaItems", "Thứ tự chương trình phải liên tục từ 1 đến {0}, không trùng, không bỏ số.", orders.Count));
        }

        if (meeting.AgendaItems.Any(a => string.IsNullOrWhiteSpace(a.Content)))
        {
            violations.Add(new("AgendaItems", "Nội dung mục chương trình không được để trống."));
        }

        if (meeting.AgendaItems.Any(a => a.PlannedMinutes is <= 0))
        {
            violations.Add(new("AgendaItems", "Thời lượng dự kiến phải là số phút dương."));
        }
    }

    private static void CheckParticipants(Meeting meeting, List<RuleViolation> violations)
    {
        // Sets, not list scans: a national meeting has hundreds of sites and tens of thousands of people.
        var sites = meeting.Sites.ToHashSet();
        var siteIds = meeting.Sites.Select(s => s.Id).ToHashSet();
        foreach (var participant in meeting.Participants)
        {
            if (string.IsNullOrWhiteSpace(participant.PersonName) && participant.OrganizationId is null && string.IsNullOrWhiteSpace(participant.OrganizationName))
            {
                violations.Add(new("Participants", "Thành phần tham dự phải có họ tên hoặc cơ quan được mời."));
            }

            if (participant.Site is { } site && !sites.Contains(site)
                || participant.SiteId is { } siteId and > 0 && participant.Site is null && !siteIds.Contains(siteId))
            {
                violations.Add(new("Participants", "\"{0}\" được xếp vào điểm cầu không thuộc cuộc họp này.", participant.DisplayName));
            }
        }
    }

    private static void CheckAssignments(Meeting meeting, List<RuleViolation> violations)
    {
        foreach (var assignment in meeting.Assignments)
        {
            if (string.IsNullOrWhiteSpace(assignment.Content))
            {
                violations.Add(new("Assignments", "Nội dung nhiệm vụ không được để trống."));
            }

            if (assignment.OrganizationId is null && string.IsNullOrWhiteSpace(assignment.AssigneeName))
            {
                violations.Add(new("Assignments", "Nhiệm vụ \"{0}\" chưa giao cho cơ quan nào.", Shorten(assignment.Content)));
            }
        }
    }

    private static void CheckReferences(Meeting meeting, List<RuleViolation> violations)
    {
        foreach (var reference in meeting.References)
        {
            if (string.IsNullOrWhiteSpace(reference.Number))
            {
                violations.Add(new("References", "Văn bản liên quan: số, ký hiệu không được để trống."));
            }

            if (string.IsNullOrWhiteSpace(reference.Issuer))
            {
                violations.Add(new("References", "Văn bản liên quan số \"{0}\": chưa ghi cơ quan ban hành.", reference.Number));
            }

            // A document the paperwork cites was issued before the meeting ends.
            if (reference.IssuedOn == default || reference.IssuedOn > DateOnly.FromDateTime(VietnamTime.ToLocal(meeting.EndsAt)))
            {
                violations.Add(new("References", "Văn bản liên quan số \"{0}\": ngày ban hành phải có và không sau ngày kết thúc cuộc họp.", reference.Number));
            }
        }

        foreach (var duplicate in meeting.References.Where(r => !string.IsNullOrWhiteSpace(r.Number)).GroupBy(r => VietnameseText.Fold(r.Number)).Where(g => g.Count() > 1))
        {
            violations.Add(new("References", "Văn bản liên quan số \"{0}\" bị ghi hai lần.", duplicate.First().Number));
        }
    }

    private static string Shorten(string? text) => text is { Length: > 60 } ? text[..60] + "…" : text ?? string.Empty;
}
