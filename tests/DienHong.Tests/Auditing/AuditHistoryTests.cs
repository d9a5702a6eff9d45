using System.Security.Claims;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Auditing;
using DienHong.Features.Meetings;
using DienHong.Features.Organizations;
using DienHong.Features.Participants;
using DienHong.Tests.Infrastructure;
using DienHong.Tests.Meetings;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Auditing;

/// <summary>A meeting's history reads in Vietnamese: labels, names, Vietnam time, no JSON or enum names, every entry reachable page by page.</summary>
public class AuditHistoryTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Changes_read_as_labels_names_and_Vietnam_time_and_every_page_is_reachable(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var user = new CurrentUser { Principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "thuky")], "test")) };
        int meetingId;
        await using (var db = database.CreateContext(user))
        {
            var meeting = MeetingPersistenceTests.NewMeeting();
            db.Meetings.Add(meeting);
            await db.SaveMeetingAsync(meeting, Token);
            meetingId = meeting.Id;
        }

        await using (var db = database.CreateContext(user))
        {
            var meeting = (await db.LoadMeetingAsync(meetingId, Token))!;
            var health = new Organization { Name = "Sở Y tế tỉnh Điện Biên", Kind = OrganizationKind.Department };
            db.Organizations.Add(health);
            await db.SaveChangesAsync(Token);
            meeting.Format = MeetingFormat.Hybrid;
            meeting.StartsAt = meeting.StartsAt.AddHours(1);
            meeting.EndsAt = meeting.EndsAt.AddHours(1);
            meeting.Sites.Single(s => s.Name == "Xã Thanh Xương").Capacity = 40;
            meeting.Participants.Add(new Participant { Organization = health, OrganizationId = health.Id, Title = "Đại diện lãnh đạo", Role = ParticipantRole.Guest, Site = meeting.Sites.Single(s => s.IsHost) });
            meeting.Recipients.AddRange(Enumerable.Range(1, 520).Select(i => new Recipient { Order = i, Name = $"Nơi nhận số {i}" }));
            await db.SaveMeetingAsync(meeting, Token);
        }

        await using var read = database.CreateContext();
        var history = read.AuditEntries.AsNoTracking().Where(e => e.MeetingId == meetingId);
        var (total, first) = await AuditHistory.PageAsync(read, meetingId, history, 0, 50, Token);
        var (_, beyond500) = await AuditHistory.PageAsync(read, meetingId, history, 500, 50, Token);
        var all = new List<AuditLine>();
        for (var skip = 0; skip < total; skip += 100)
        {
            all.AddRange((await AuditHistory.PageAsync(read, meetingId, history, skip, 100, Token)).Lines);
        }

        Assert.True(total > 520, $"{total} entries");
        Assert.Equal(50, first.Count);
        Assert.NotEmpty(beyond500);
        Assert.Equal(total, all.Select(l => l.Id).Distinct().Count());

        var site = Assert.Single(all, l => l.Subject == "Điểm cầu" && l.Action == "Sửa");
        Assert.Equal(("Xã Thanh Xương", "thuky"), (site.SubjectName, site.UserName));
        Assert.Equal(new AuditField("Sức chứa", "30", "40"), Assert.Single(site.Fields));
        var meetingChange = Assert.Single(all, l => l.Subject == "Cuộc họp" && l.Action == "Sửa");
        Assert.Contains(new AuditField("Hình thức", "Trực tuyến", "Kết hợp"), meetingChange.Fields);
        Assert.Contains(new AuditField("Bắt đầu", "19/11/2021 8h00", "19/11/2021 9h00"), meetingChange.Fields);
        var person = Assert.Single(all, l => l.Subject == "Thành phần");
        Assert.Equal("Thêm", person.Action);
        Assert.Contains(new AuditField("Cơ quan", null, "Sở Y tế tỉnh Điện Biên"), person.Fields);
        Assert.Contains(new AuditField("Điểm cầu", null, "Điểm cầu trung tâm"), person.Fields);
        Assert.Contains(new AuditField("Vai trò", null, "Khách mời"), person.Fields);
        Assert.All(all, l => Assert.Matches(@"^\d{2}/\d{2}/\d{4} \d{1,2}h\d{2}$", l.At));
        var labels = all.SelectMany(l => l.Fields).Select(f => f.Label).Distinct().ToList();
        Assert.DoesNotContain(labels, l => l is "Capacity" or "Format" or "StartsAt" or "OrganizationId" or "SiteId" or "MeetingId" or "Role");
        Assert.DoesNotContain(all.SelectMany(l => l.Fields), f => f.New is "Hybrid" or "Guest" || f.New.StartsWith('{') || f.New.StartsWith('['));

        // Stored as readable text, not \u-escaped.
        var stored = await read.AuditEntries.Where(e => e.MeetingId == meetingId && e.EntityType == "Site" && e.Action == "Added").Select(e => e.Changes).ToListAsync(Token);
        Assert.Contains(stored, json => json.Contains("\"Xã Thanh Xương\"", StringComparison.Ordinal));
    }
}
