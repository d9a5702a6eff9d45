using DienHong.Features.Assignments;
using DienHong.Features.Incidents;
using DienHong.Features.Meetings;
using DienHong.Features.Readiness;
using DienHong.Features.Text;

namespace DienHong.Features.Demo;

/// <summary>
/// The conference's readiness on the eve (18/11/2021): most sites ticked and tested; Thiện Hưng's
/// first test failed (poor sound) and a second passed; Lộc Thái lost its backup power and has an
/// open problem; Tiến Thành (Đồng Xoài, the demo operator's site) is half-way and its test is
/// overdue — for a newcomer to finish from the console and watch the board turn green.
/// </summary>
public static class ReadinessDemo
{
    private static readonly DateTime Eve = VietnamTime.ToUtc(new DateTime(2021, 11, 18, 8, 0, 0));

    public static void Add(Data.DienHongDbContext db, Meeting conference, DemoOrganizations organizations)
    {
        var checks = DefaultChecklist.For(conference.Kind).Where(c => !c.EpidemicOnly)
            .Select((c, i) => new ReadinessCheck { MeetingId = conference.Id, Order = i + 1, Name = c.Name }).ToList();
        db.ReadinessChecks.AddRange(checks);
        db.SaveChanges();

        var sites = conference.Sites.OrderByDescending(s => s.IsHost).ThenBy(s => s.Level).ThenBy(s => s.Id).ToList();
        for (var i = 0; i < sites.Count; i++)
        {
            var site = sites[i];
            var technician = site.TechnicalContactName ?? "Cán bộ kỹ thuật";
            var halfWay = site.Name.Contains("Tiến Thành", StringComparison.Ordinal);
            var lostPower = site.Name.Contains("Lộc Thái", StringComparison.Ordinal);
            foreach (var check in halfWay ? checks.Take(5) : checks)
            {
                var failed = lostPower && check.Name.StartsWith("Nguồn điện", StringComparison.Ordinal);
                db.ReadinessMarks.Add(new ReadinessMark
                {
                    MeetingId = conference.Id,
                    SiteId = site.Id,
                    CheckId = check.Id,
                    Version = 1,
                    SetBy = technician,
                    State = failed ? CheckState.Failed : CheckState.Passed,
                    SetAt = Eve.AddMinutes((i * 17) + (check.Order * 3)),
                    Note = failed ? "Máy phát dự phòng hỏng, đang chờ Điện lực Lộc Ninh thay thế." : null,
                });
            }

            if (halfWay)
            {
                continue;
            }

            var testAt = (site.ConnectionTestAt ?? Eve.AddHours(6)).AddMinutes(i * 2);
            if (site.Name.Contains("Thiện Hưng", StringComparison.Ordinal))
            {
                db.ConnectionTests.Add(new ConnectionTest
                {
                    MeetingId = conference.Id,
                    SiteId = site.Id,
                    StartedAt = testAt,
                    StartedBy = technician,
                    EndedAt = testAt.AddMinutes(8),
                    EndedBy = technician,
                    Result = TestResult.Failed,
                    Audio = SignalQuality.Poor,
                    Video = SignalQuality.Fair,
                    LatencyMs = 900,
                    Version = 2,
                    Remarks = "Tiếng rè, vọng; đổi micro và cáp âm thanh rồi kiểm tra lại.",
                });
                testAt = testAt.AddMinutes(40);
            }

            db.ConnectionTests.Add(new ConnectionTest
            {
                MeetingId = conference.Id,
                SiteId = site.Id,
                StartedAt = testAt,
                StartedBy = technician,
                EndedAt = testAt.AddMinutes(6),
                EndedBy = technician,
                Result = TestResult.Passed,
                Audio = SignalQuality.Good,
                Video = SignalQuality.Good,
                LatencyMs = 150 + (i * 10),
                Version = 2,
            });
            if (lostPower)
            {
                db.Incidents.Add(new Incident
                {
                    MeetingId = conference.Id,
                    SiteId = site.Id,
                    Kind = IncidentKind.PowerCut,
                    OpenedAt = testAt.AddMinutes(20),
                    OpenedBy = technician,
                    Version = 1,
                    Description = "Mất điện lưới lúc kiểm tra, máy phát dự phòng không khởi động.",
                });
            }
        }

        // The agencies' answers so far: the lines and the multi-site system are ready; others still open.
        foreach (var task in conference.Assignments.Where(a => a.OrganizationId == organizations.Vnpt.Id || a.OrganizationId == organizations.Information.Id))
        {
            task.Status = AssignmentStatus.Done;
            task.CompletedAt = Eve.AddHours(3);
            task.CompletedBy = task.OrganizationId == organizations.Vnpt.Id ? "Viễn thông Bình Phước" : "Sở Thông tin và Truyền thông";
            task.CompletionNote = task.OrganizationId == organizations.Vnpt.Id
                ? "Đã bố trí đường truyền chính và dự phòng tới 13 điểm cầu, kỹ thuật viên trực từ 7h00."
                : "Đã cấu hình hệ thống đa điểm, cấp tài khoản cho 13 điểm cầu.";
        }

        db.SaveChanges();
    }
}
