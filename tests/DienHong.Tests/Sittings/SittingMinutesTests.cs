using DienHong.Data;
using DienHong.Features.Agenda;
using DienHong.Features.Attendance;
using DienHong.Features.Drafting;
using DienHong.Features.Incidents;
using DienHong.Features.Issuing;
using DienHong.Features.Meetings;
using DienHong.Features.Participants;
using DienHong.Features.Sittings;
using DienHong.Tests.Drafting;
using DienHong.Tests.Infrastructure;
using DienHong.Tests.Readiness;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Sittings;

/// <summary>Minutes drafted from a sitting's live record, on both databases.</summary>
public class SittingMinutesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Minutes_from_a_scripted_sitting_carry_the_sites_attendance_item_times_and_incident_durations(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await ReadinessTestData.MeetingAsync(database, sites: 3, checklist: false);
        // 19/11 08:00 Vietnam time is 01:00 UTC.
        var start = new DateTime(2021, 11, 19, 1, 0, 0, DateTimeKind.Utc);
        await using (var db = database.CreateContext())
        {
            var first = new AgendaItem { MeetingId = seeded.MeetingId, Order = 1, Content = "Khai mạc, giới thiệu đại biểu", PlannedMinutes = 10 };
            var second = new AgendaItem { MeetingId = seeded.MeetingId, Order = 2, Content = "Cử tri phát biểu ý kiến", PlannedMinutes = 90 };
            db.AgendaItems.AddRange(first, second);
            db.Participants.Add(new Participant { MeetingId = seeded.MeetingId, PersonName = "Hoàng Văn Sùng", Title = "Chủ tịch UBMTTQVN tỉnh", Role = ParticipantRole.Presiding, SiteId = seeded.SiteIds[0] });
            var sitting = new Sitting { MeetingId = seeded.MeetingId, Title = "Phiên sáng 19/11", PlannedStart = start, PlannedEnd = start.AddHours(3), State = SittingState.Ended, StartedAt = start.AddMinutes(5), EndedAt = start.AddHours(2).AddMinutes(50) };
            db.Sittings.Add(sitting);
            await db.SaveChangesAsync(Token);
            db.AgendaItemRuns.AddRange(
                new AgendaItemRun { MeetingId = seeded.MeetingId, SittingId = sitting.Id, AgendaItemId = first.Id, StartedAt = start.AddMinutes(5), EndedAt = start.AddMinutes(17) },
                new AgendaItemRun { MeetingId = seeded.MeetingId, SittingId = sitting.Id, AgendaItemId = second.Id, StartedAt = start.AddMinutes(17), EndedAt = start.AddHours(2).AddMinutes(45) });
            // Two people at the first commune, one who left before the sitting began, one at the second commune.
            db.CheckIns.AddRange(
                new CheckIn { MeetingId = seeded.MeetingId, SiteId = seeded.SiteIds[1], Name = "Cử tri A", Method = CheckInMethod.WalkIn, CheckedInAt = start.AddMinutes(-20), CheckedInBy = "kt" },
                new CheckIn { MeetingId = seeded.MeetingId, SiteId = seeded.SiteIds[1], Name = "Cử tri B", Method = CheckInMethod.WalkIn, CheckedInAt = start.AddMinutes(30), CheckedInBy = "kt" },
                new CheckIn { MeetingId = seeded.MeetingId, SiteId = seeded.SiteIds[1], Name = "Cử tri C", Method = CheckInMethod.WalkIn, CheckedInAt = start.AddHours(-3), CheckedInBy = "kt", CheckedOutAt = start.AddHours(-2), CheckedOutBy = "kt" },
                new CheckIn { MeetingId = seeded.MeetingId, SiteId = seeded.SiteIds[2], Name = "Cử tri D", Method = CheckInMethod.WalkIn, CheckedInAt = start, CheckedInBy = "kt" });
            db.Incidents.AddRange(
                new Incident { MeetingId = seeded.MeetingId, SiteId = seeded.SiteIds[2], Kind = IncidentKind.ConnectionLost, OpenedAt = start.AddMinutes(40), ClosedAt = start.AddMinutes(47), OpenedBy = "Hệ thống video" },
                new Incident { MeetingId = seeded.MeetingId, SiteId = seeded.SiteIds[1], Kind = IncidentKind.NoSound, Description = "Micro hỏng", OpenedAt = start.AddMinutes(60), ClosedAt = start.AddMinutes(60).AddSeconds(40), OpenedBy = "kt" },
                // Closed the day before: not this sitting's.
                new Incident { MeetingId = seeded.MeetingId, SiteId = seeded.SiteIds[1], Kind = IncidentKind.PowerCut, OpenedAt = start.AddDays(-1), ClosedAt = start.AddDays(-1).AddHours(1), OpenedBy = "kt" });
            await db.SaveChangesAsync(Token);
        }

        await using var read = database.CreateContext();
        var sittingId = await read.Sittings.Where(s => s.MeetingId == seeded.MeetingId).Select(s => s.Id).SingleAsync(Token);
        var record = await SittingMinutes.RecordAsync(read, seeded.MeetingId, sittingId, Token);

        Assert.NotNull(record);
        Assert.Equal(new TimeOnly(8, 5), record.StartTime);
        Assert.Equal(new TimeOnly(10, 50), record.EndTime);
        Assert.Equal("Hoàng Văn Sùng, Chủ tịch UBMTTQVN tỉnh", record.Chair);
        Assert.Equal([0, 2, 1], record.Attendance.Select(a => a.Present));
        Assert.Equal(["Từ 08:05 đến 08:17 (12 phút; kế hoạch 10 phút).", "Từ 08:17 đến 10:45 (2 giờ 28 phút; kế hoạch 90 phút)."], record.Proceedings.Select(p => p.Summary));
        Assert.Equal(["7 phút", "40 giây"], record.Incidents.Select(i => i.Duration));

        // The default minutes wording, laid out as the register would issue it.
        var meeting = await read.LoadMeetingAsync(seeded.MeetingId, Token);
        var model = DocumentModel.For(meeting!, new IssuerView(0, "Ủy ban MTTQ Việt Nam tỉnh Bình Phước", "Ủy ban MTTQ Việt Nam tỉnh Bình Phước", "Bình Phước", null)) with { Minutes = record };
        var content = DocumentContent.Parse(WordingTemplates.Render(WordingTemplates.Default(DocumentKind.Minutes, meeting!.Kind), model));
        var docx = DocumentComposer.Minutes(content, new DocumentHeading(null, "ỦY BAN MTTQ VIỆT NAM TỈNH BÌNH PHƯỚC", "03/BB-MTTQ", "Bình Phước", new DateOnly(2021, 11, 19)),
            SignatureBlock.Create(SigningAuthority.None, null, null, "THƯ KÝ", "Nguyễn Thị Thu"), SignatureBlock.Create(SigningAuthority.None, null, null, "CHỦ TRÌ", "Hoàng Văn Sùng"));
        var text = DocxText.All(docx);
        foreach (var expected in new[] { "UBND xã Số 1", "UBND xã Số 2", "2/30", "1/30", "Từ 08:17 đến 10:45", "SỰ CỐ KỸ THUẬT", "Mất kết nối", "Micro hỏng", "7 phút", "40 giây", "08:40", "08:47", "Hoàng Văn Sùng" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Mất điện", text, StringComparison.Ordinal);
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts"));
        await File.WriteAllBytesAsync(Path.Combine(folder.FullName, $"bien-ban-phien-{provider}.docx"), docx, Token);
    }
}
