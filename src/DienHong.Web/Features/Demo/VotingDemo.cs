using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Agenda;
using DienHong.Features.Attendance;
using DienHong.Features.Meetings;
using DienHong.Features.Participants;
using DienHong.Features.Sittings;
using DienHong.Features.Voting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Demo;

/// <summary>
/// Voting in the Điện Biên session, ready for a newcomer to take a resolution from motion to
/// result: the council's 50 members, 36 delegates with accounts — 24 in the central hall who vote
/// by device, 12 at the Điện Biên district site who vote by a show of hands — of whom 35 are
/// checked in (the demo delegate checks in from their phone), a sitting to start, a draft
/// resolution ready on item 2 and a secret ballot of two candidates for one seat on item 3.
/// The delegates' names are made up; only the demo accounts have the demo password.
/// </summary>
public static class VotingDemo
{
    public const int Members = 50;
    public const string HallDelegate = "daibieu.dienbien";
    public const string Chair = "chutoa.dienbien";
    public const string Secretary = "thuky.dienbien";
    public const string DistrictOperator = "kythuat.huyendienbien";
    public const string DistrictSiteName = "Huyện Điện Biên";
    public const string Resolution = "Thông qua Nghị quyết điều chỉnh kế hoạch đầu tư công năm 2020";
    public const string Election = "Bầu bổ sung Ủy viên Ủy ban nhân dân tỉnh nhiệm kỳ 2016 - 2021";
    public static readonly string[] Candidates = ["Lò Văn Minh", "Quàng Thị Hạnh"];

    private static readonly string[] FamilyNames = ["Lò", "Quàng", "Cà", "Lường", "Giàng", "Vừ", "Nguyễn", "Trần", "Lê", "Phạm", "Mùa", "Sùng"];
    private static readonly string[] GivenNames = ["Văn An", "Thị Bình", "Văn Chiến", "Thị Dung", "A Dế", "Thị Hoa", "Văn Hùng", "Thị Lan", "A Lử", "Văn Nam", "Thị Phương", "Văn Quân"];

    public static async Task SeedAsync(DienHongDbContext db, UserManager<AppUser> users, Meeting session, int councilId, Func<string, string, string, int?, int[], Task> addUser, CancellationToken cancellationToken)
    {
        if (await db.MembershipChanges.AnyAsync(c => c.OrganizationId == councilId, cancellationToken))
        {
            return;
        }

        var hall = session.Sites.First(s => s.IsHost);
        var district = session.Sites.First(s => s.Name == DistrictSiteName);
        db.MembershipChanges.Add(new MembershipChange { OrganizationId = councilId, EffectiveOn = new DateOnly(2016, 6, 1), Members = Members, Reason = "Đầu nhiệm kỳ 2016 - 2021", RecordedBy = "demo" });
        if (!await db.VotingBodies.AnyAsync(b => b.OrganizationId == councilId, cancellationToken))
        {
            db.VotingBodies.Add(new VotingBody { OrganizationId = councilId, QuorumRule = QuorumRule.TwoThirdsOfMembers, Version = 1 });
        }

        AgendaItem[] items =
        [
            new() { MeetingId = session.Id, Order = 1, Content = "Khai mạc kỳ họp", PlannedMinutes = 10 },
            new() { MeetingId = session.Id, Order = 2, Content = "Xem xét, thông qua dự thảo Nghị quyết điều chỉnh kế hoạch đầu tư công năm 2020", Presenter = "UBND tỉnh", PlannedMinutes = 60 },
            new() { MeetingId = session.Id, Order = 3, Content = "Bầu bổ sung Ủy viên Ủy ban nhân dân tỉnh", PlannedMinutes = 45 },
            new() { MeetingId = session.Id, Order = 4, Content = "Bế mạc kỳ họp", PlannedMinutes = 10 },
        ];
        db.AgendaItems.AddRange(items);
        db.Sittings.Add(new Sitting { MeetingId = session.Id, Title = "Phiên họp trực tuyến", PlannedStart = session.StartsAt, PlannedEnd = session.EndsAt, Version = 1 });
        await db.SaveChangesAsync(cancellationToken);

        var resolution = new Motion { MeetingId = session.Id, AgendaItemId = items[1].Id, Title = Resolution, Documents = "Tờ trình và dự thảo Nghị quyết của UBND tỉnh", Version = 1 };
        var election = new Motion
        {
            MeetingId = session.Id,
            AgendaItemId = items[2].Id,
            Title = Election,
            Kind = MotionKind.Personnel,
            Method = VotingMethod.Secret,
            BallotKind = BallotKind.Election,
            Seats = 1,
            Version = 1,
        };
        db.Motions.AddRange(resolution, election);
        await db.SaveChangesAsync(cancellationToken);
        db.Candidates.AddRange(Candidates.Select((name, i) => new Candidate { MotionId = election.Id, MeetingId = session.Id, Order = i + 1, Name = name }));

        await addUser(Chair, "Giàng Thị Hoa", Roles.Chair, councilId, []);
        await addUser(Secretary, "Lò Thị Thư", Roles.Secretariat, councilId, []);
        await addUser(DistrictOperator, "Cà Văn Thuật", Roles.SiteOperator, null, [district.Id]);
        await addUser(HallDelegate, "Lường Văn Đại", Roles.Delegate, councilId, []);

        // 24 delegates in the hall (the demo delegate first), 12 at the district site; all but the demo delegate checked in.
        var checkedInAt = session.StartsAt.AddMinutes(-20);
        var present = new Dictionary<int, int> { [hall.Id] = 0, [district.Id] = 0 };
        for (var i = 0; i < 36; i++)
        {
            var site = i < 24 ? hall : district;
            var userName = i == 0 ? HallDelegate : $"daibieu.dienbien{i + 1:00}";
            var name = i == 0 ? "Lường Văn Đại" : $"{FamilyNames[i % FamilyNames.Length]} {GivenNames[(i / 12 + i * 5) % GivenNames.Length]}";
            AppUser? account = await users.FindByNameAsync(userName);
            if (account is null)
            {
                // Without a password: these delegates are present in the data, not people who sign in to the demo.
                account = new AppUser { UserName = userName, FullName = name, OrganizationId = councilId };
                var created = await users.CreateAsync(account);
                if (!created.Succeeded)
                {
                    throw new InvalidOperationException($"Demo user {userName}: " + string.Join("; ", created.Errors.Select(e => e.Description)));
                }

                await users.AddToRoleAsync(account, Roles.Delegate);
            }

            var person = new Participant
            {
                MeetingId = session.Id,
                SiteId = site.Id,
                PersonName = account.FullName ?? name,
                Title = "Đại biểu HĐND tỉnh",
                OrganizationId = councilId,
                OrganizationName = "HĐND tỉnh Điện Biên",
                Role = ParticipantRole.Delegate,
                UserId = account.Id,
            };
            db.Participants.Add(person);
            await db.SaveChangesAsync(cancellationToken);
            if (i > 0)
            {
                db.CheckIns.Add(new CheckIn { MeetingId = session.Id, SiteId = site.Id, ParticipantId = person.Id, Name = person.PersonName, Method = CheckInMethod.Listed, CheckedInAt = checkedInAt, CheckedInBy = "demo", Version = 1 });
                present[site.Id]++;
            }
        }

        db.SiteHeadcounts.AddRange(present.Select(p => new SiteHeadcount { SiteId = p.Key, MeetingId = session.Id, Present = p.Value }));
        await db.SaveChangesAsync(cancellationToken);
    }
}
