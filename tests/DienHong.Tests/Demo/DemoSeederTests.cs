using DienHong.Data;
using DienHong.Features.Demo;
using DienHong.Features.Meetings;
using DienHong.Features.Sites;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DienHong.Tests.Demo;

public class DemoSeederTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_demo_is_the_conference_of_seed_002_and_seeding_twice_changes_nothing(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider), seedDemo: true);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(Token);
        }

        await using var db = app.CreateContext();
        var id = await db.Meetings.Where(m => m.Title == BinhPhuocDemo.Title).Select(m => m.Id).SingleAsync(Token);
        var conference = (await db.LoadMeetingAsync(id, Token))!;

        Assert.Equal(2, await db.Meetings.CountAsync(Token));
        Assert.Equal(13, conference.Sites.Count);
        Assert.Single(conference.Sites, s => s.IsHost);
        Assert.Equal(11, conference.Sites.Count(s => s.Level == SiteLevel.Commune));
        Assert.All(conference.Sites, s => Assert.Equal(30, s.Capacity));
        Assert.All(conference.Sites, s => Assert.Equal(new DateTime(2021, 11, 18, 7, 0, 0, DateTimeKind.Utc), s.ConnectionTestAt));
        Assert.Equal(
            ["Đại diện BTTUBMTTQVN tỉnh", "Đại diện Đoàn ĐBQH tỉnh", "Cử tri dự họp tại các điểm cầu", "Đại diện lãnh đạo các sở, ban, ngành tham dự Hội nghị", "Đại diện Đoàn ĐBQH tỉnh", "Đại diện Ban Thường trực UBMTTQVN tỉnh"],
            conference.AgendaItems.OrderBy(a => a.Order).Select(a => a.Presenter));
        Assert.Contains(conference.Assignments, a => a.Deadline == new DateOnly(2021, 11, 23) && a.Content.StartsWith("Tổng hợp tất cả ý kiến", StringComparison.Ordinal));
        Assert.Equal(["Nguyễn Tuấn Anh", "Phan Viết Lượng"], conference.Participants.Where(p => p.PersonName is not null).Select(p => p.PersonName).Order());
        Assert.Equal((SigningAuthority.OnBehalfOfCollective, "Điêu Huỳnh Sang"), (conference.SigningAuthority, conference.SignerName));
        Assert.Equal(8, conference.Recipients.Count);
        Assert.Equal(5, await db.Users.CountAsync(u => u.UserName != "admin", Token));
    }
}
