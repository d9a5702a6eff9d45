using DienHong.Data;
using DienHong.Features.AdministrativeUnits;
using DienHong.Features.Meetings;
using DienHong.Features.Organizations;
using DienHong.Features.Participants;
using DienHong.Features.Sites;
using DienHong.Tests.Infrastructure;

namespace DienHong.Tests.Meetings;

/// <summary>A meeting is found by what is in it — its sites, their units, who attends — typed with or without accents.</summary>
public class MeetingSearchTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Meetings_are_found_by_site_name_administrative_unit_and_participant_organization(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var setup = database.CreateContext())
        {
            var province = new AdministrativeUnit { Code = "26", Name = "Tỉnh Vĩnh Phúc", Level = AdministrativeLevel.Province };
            var commune = new AdministrativeUnit { Code = "08950", Name = "Xã Đạo Đức", Level = AdministrativeLevel.Commune, Parent = province };
            var health = new Organization { Name = "Sở Y tế tỉnh Lạng Sơn", Kind = OrganizationKind.Department };
            var national = MeetingPersistenceTests.NewMeeting("Kỳ họp thứ mười, Quốc hội khóa XV");
            national.Place = "Hà Nội";
            national.Sites.Add(new Site { Name = "Đoàn ĐBQH tỉnh Vĩnh Phúc", Capacity = 40, Level = SiteLevel.Province });
            var contact = MeetingPersistenceTests.NewMeeting("Tiếp xúc cử tri trước kỳ họp");
            contact.Place = "Bình Phước";
            contact.Sites[1].AdministrativeUnit = commune;
            var briefing = MeetingPersistenceTests.NewMeeting("Họp giao ban tháng 11");
            briefing.Place = "Lạng Sơn";
            briefing.Participants.Add(new Participant { Organization = health, Role = ParticipantRole.Guest, Title = "Đại diện lãnh đạo" });
            briefing.Participants.Add(new Participant { OrganizationName = "Công ty Điện lực Đồng Xoài", Role = ParticipantRole.Staff });
            setup.Meetings.AddRange(national, contact, briefing);
            await setup.SaveChangesAsync(Token);
        }

        await using var db = database.CreateContext();
        async Task<List<string>> Find(string search) =>
            [.. (await db.Meetings.Apply(new MeetingFilter(Search: search)).ToSummariesAsync(Token)).Select(m => m.Title).Order()];

        Assert.Equal(["Kỳ họp thứ mười, Quốc hội khóa XV"], await Find("Vĩnh Phúc đoàn"));
        // A site named after the province, and a site in a commune of that province.
        Assert.Equal(["Kỳ họp thứ mười, Quốc hội khóa XV", "Tiếp xúc cử tri trước kỳ họp"], await Find("vinh phuc"));
        Assert.Equal(["Tiếp xúc cử tri trước kỳ họp"], await Find("dao duc"));
        Assert.Equal(["Tiếp xúc cử tri trước kỳ họp"], await Find("dao duc vinh phuc"));
        Assert.Equal(["Họp giao ban tháng 11"], await Find("so y te"));
        Assert.Equal(["Họp giao ban tháng 11"], await Find("điện lực đồng xoài"));
        Assert.Empty(await Find("vinh phuc dong xoai"));
        Assert.Equal(3, (await Find("")).Count);
    }
}
