using DienHong.Data;
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
using Microsoft.EntityFrameworkCore.Storage;

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

/// <summary>
/// A vote under way: the meeting (<see cref="VotingTestData"/>) with delegates present at its first site, a motion the chair
/// has opened through the API, and a second one left a draft (a vote for it is refused).
/// </summary>
internal sealed record OpenVote(VotingTestData Data, List<(int ParticipantId, string UserName, int SiteId)> Delegates, MotionDto Motion, MotionDto Draft)
{
    /// <summary>Sets it up with the <paramref name="chair"/>'s client (signed in over the test server or a real port).</summary>
    public static async Task<OpenVote> StartAsync(DienHongApp app, HttpClient chair, int members, int delegates)
    {
        var data = await VotingTestData.MeetingAsync(app, members);
        var seated = await data.DelegatesAsync(app, delegates, data.SiteIds[0]);
        var motion = await VotingTests.CreateAsync(chair, data);
        var draft = await VotingTests.CreateAsync(chair, data, new MotionInput(data.AgendaItemId, "Thông qua Nghị quyết chưa mở biểu quyết"));
        return new OpenVote(data, seated, await VotingTests.StepAsync(chair, data, motion.Id, "open"), draft);
    }
}

/// <summary>
/// Holds the motion (PostgreSQL: its row, for update) or the database's write lock (SQLite) until released: the vote writer
/// waits on its first vote while the rest queue behind it, so they are written together.
/// </summary>
internal sealed class MotionHold : IAsyncDisposable
{
    private readonly DienHongDbContext holder;
    private readonly IDbContextTransaction transaction;

    private MotionHold(DienHongDbContext holder, IDbContextTransaction transaction) => (this.holder, this.transaction) = (holder, transaction);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<MotionHold> TakeAsync(DienHongApp app, DatabaseProvider provider, int motionId)
    {
        var holder = app.CreateContext();
        var transaction = await holder.Database.BeginTransactionAsync(Token);
        await (provider == DatabaseProvider.PostgreSql
            ? holder.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Motions" WHERE "Id" = {motionId} FOR UPDATE""", Token)
            : holder.Database.ExecuteSqlAsync($"""UPDATE "Motions" SET "Version" = "Version" WHERE "Id" = {motionId}""", Token));
        return new MotionHold(holder, transaction);
    }

    /// <summary>Lets the writer go on.</summary>
    public Task ReleaseAsync() => transaction.CommitAsync(Token);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await holder.DisposeAsync();
    }
}
