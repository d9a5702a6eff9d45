using DienHong.Features.Accounts;
using DienHong.Features.Agenda;
using DienHong.Features.Attendance;
using DienHong.Features.Meetings;
using DienHong.Features.Organizations;
using DienHong.Features.Participants;
using DienHong.Features.Sittings;
using DienHong.Features.Voting;
using DienHong.Tests.Infrastructure;
using DienHong.Tests.Readiness;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Voting;

/// <summary>
/// A council sitting ready to vote, written straight to the database: a body with its membership,
/// a running sitting with an agenda item, and delegates (participants linked to Delegate accounts)
/// planned at the sites, some checked in.
/// </summary>
internal sealed class VotingTestData
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public required int MeetingId { get; init; }
    public required int BodyId { get; init; }
    public required int AgendaItemId { get; init; }
    public required IReadOnlyList<int> SiteIds { get; init; }
    public List<(int ParticipantId, string UserName, int SiteId)> Delegates { get; } = [];

    /// <summary>A meeting whose body has <paramref name="members"/> members; no delegates yet.</summary>
    public static async Task<VotingTestData> MeetingAsync(DienHongApp app, int members, int sites = 3)
    {
        var seeded = await ReadinessTestData.MeetingAsync(app.Database, sites, checklist: false);
        await using var db = app.CreateContext();
        var body = new Organization { Name = "Hội đồng nhân dân tỉnh Thử Nghiệm " + Guid.NewGuid().ToString("N")[..6], Kind = OrganizationKind.ElectedBody };
        db.Organizations.Add(body);
        await db.SaveChangesAsync(Token);
        db.Set<MeetingOrganizer>().Add(new MeetingOrganizer { MeetingId = seeded.MeetingId, OrganizationId = body.Id, IsLead = true });
        db.MembershipChanges.Add(new MembershipChange { OrganizationId = body.Id, EffectiveOn = new DateOnly(2021, 7, 1), Members = members, Reason = "Đầu nhiệm kỳ" });
        var item = new AgendaItem { MeetingId = seeded.MeetingId, Order = 1, Content = "Xem xét, thông qua các dự thảo nghị quyết" };
        db.AgendaItems.Add(item);
        db.Sittings.Add(new Sitting
        {
            MeetingId = seeded.MeetingId,
            Title = "Phiên sáng",
            PlannedStart = DateTime.UtcNow.AddHours(-1),
            PlannedEnd = DateTime.UtcNow.AddHours(3),
            State = SittingState.InProgress,
            StartedAt = DateTime.UtcNow.AddMinutes(-30),
            Version = 2,
        });
        await db.Sites.Where(s => s.MeetingId == seeded.MeetingId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Capacity, 5000), Token);
        await db.SaveChangesAsync(Token);
        return new VotingTestData { MeetingId = seeded.MeetingId, BodyId = body.Id, AgendaItemId = item.Id, SiteIds = seeded.SiteIds };
    }

    /// <summary>Adds <paramref name="count"/> delegates planned at <paramref name="siteId"/>, each with a Delegate account; checked in when <paramref name="present"/>.</summary>
    public async Task<List<(int ParticipantId, string UserName, int SiteId)>> DelegatesAsync(DienHongApp app, int count, int siteId, bool present = true)
    {
        var added = new List<(int, string, int)>();
        for (var i = 0; i < count; i++)
        {
            var userName = await app.CreateUserAsync(Roles.Delegate);
            await using var db = app.CreateContext();
            var userId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Token);
            var person = new Participant { MeetingId = MeetingId, SiteId = siteId, PersonName = $"Đại biểu {Delegates.Count + i + 1:000}", Role = ParticipantRole.Delegate, UserId = userId };
            db.Participants.Add(person);
            await db.SaveChangesAsync(Token);
            if (present)
            {
                db.CheckIns.Add(new CheckIn { MeetingId = MeetingId, SiteId = siteId, ParticipantId = person.Id, Name = person.PersonName!, Method = CheckInMethod.Listed, CheckedInAt = DateTime.UtcNow, CheckedInBy = "thử", Version = 1 });
            }

            await db.SaveChangesAsync(Token);
            added.Add((person.Id, userName, siteId));
        }

        Delegates.AddRange(added);
        return added;
    }

    /// <summary>Checks present delegates out (they left the hall).</summary>
    public async Task CheckOutAsync(DienHongApp app, IEnumerable<int> participantIds)
    {
        var ids = participantIds.ToList();
        await using var db = app.CreateContext();
        await db.CheckIns.Where(c => c.ParticipantId != null && ids.Contains(c.ParticipantId.Value) && c.CheckedOutAt == null)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.CheckedOutAt, DateTime.UtcNow), Token);
    }
}
