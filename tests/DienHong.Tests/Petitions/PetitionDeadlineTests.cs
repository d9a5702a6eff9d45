using System.Net;
using System.Net.Http.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Petitions;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DienHong.Tests.Petitions;

/// <summary>
/// Deadlines on the app's own clock (a FakeTimeProvider moved by hand): the compilation deadline the
/// joint resolution 72/2025 caps, referral deadlines, and the daily list of what is late, counted in
/// Vietnam calendar days. The demo conference of 19/11/2021 follows the 2nd session of the 15th
/// National Assembly (20/10 to 13/11/2021), so the law's latest compilation day is 28/11/2021.
/// </summary>
public class PetitionDeadlineTests
{
    private static readonly DateOnly SessionOpens = new(2021, 10, 20);
    private static readonly DateOnly SessionCloses = new(2021, 11, 13);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_compilation_deadline_is_capped_15_days_around_the_session_and_only_a_past_day_is_refused(DatabaseProvider provider)
    {
        // 16/11/2021, 08:00 in Vietnam: three days before the conference, three after the session closed.
        var clock = new FakeTimeProvider(new DateTimeOffset(2021, 11, 16, 1, 0, 0, TimeSpan.Zero));
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider)) { Clock = clock };
        var scene = await PetitionScene.CreateAsync(app);
        var url = scene.Url("petitions/schedule");

        // After the session: no later than 15 days after it closes (28/11); one day more is refused.
        var late = await scene.Secretariat.PutAsJsonAsync(url, new ScheduleInput(new DateOnly(2021, 11, 29), SessionOpens, SessionCloses), Token);
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("Nghị quyết liên tịch 72/2025 (28/11/2021)", await late.Content.ReadAsStringAsync(Token));

        // Before a session: no later than 15 days before it opens (a session opening 20/12 gives 05/12).
        var beforeSession = await scene.Secretariat.PutAsJsonAsync(url, new ScheduleInput(new DateOnly(2021, 12, 6), new DateOnly(2021, 12, 20), new DateOnly(2021, 12, 30)), Token);
        Assert.Equal(HttpStatusCode.BadRequest, beforeSession.StatusCode);
        Assert.Contains("(05/12/2021)", await beforeSession.Content.ReadAsStringAsync(Token));

        // Yesterday on the app's clock is past; with no session dates only that rule applies.
        var past = await scene.Secretariat.PutAsJsonAsync(url, new ScheduleInput(new DateOnly(2021, 11, 15)), Token);
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Contains("Hạn 15/11/2021 đã qua (hôm nay là 16/11/2021)", await past.Content.ReadAsStringAsync(Token));
        await using (var db = app.CreateContext())
        {
            Assert.Empty(await db.PetitionSchedules.ToListAsync(Token));
        }

        // The cap itself is allowed (a 2021 day: refused on the system clock, accepted on the app's).
        var atCap = await PetitionScene.PutAsync<ScheduleDto>(scene.Secretariat, url, new ScheduleInput(new DateOnly(2021, 11, 28), SessionOpens, SessionCloses));
        Assert.Equal((new DateOnly(2021, 11, 28), new DateOnly(2021, 11, 28), false), (atCap.CompilationDeadline, atCap.LegalDeadline, atCap.CompilationOverdue));
        var beforeCap = await PetitionScene.PutAsync<ScheduleDto>(scene.Secretariat, url, new ScheduleInput(new DateOnly(2021, 11, 23), SessionOpens, SessionCloses));
        Assert.Equal(new DateOnly(2021, 11, 23), beforeCap.CompilationDeadline);

        // The day after the deadline (Vietnam time) the schedule reads overdue while a recommendation is left unreferred.
        await scene.RecordAsync(scene.SiteA, "Đề nghị lắp đèn đường ấp 2.", "Hà Văn Nam");
        clock.SetUtcNow(new DateTimeOffset(2021, 11, 23, 16, 59, 0, TimeSpan.Zero));
        Assert.False((await scene.Secretariat.GetFromJsonAsync<ScheduleDto>(url, Token))!.CompilationOverdue);
        clock.SetUtcNow(new DateTimeOffset(2021, 11, 23, 17, 1, 0, TimeSpan.Zero));
        Assert.True((await scene.Secretariat.GetFromJsonAsync<ScheduleDto>(url, Token))!.CompilationOverdue);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_daily_list_shows_late_referrals_and_uncompiled_petitions_from_the_day_after_their_deadline(DatabaseProvider provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2021, 11, 16, 1, 0, 0, TimeSpan.Zero));
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider)) { Clock = clock };
        var scene = await PetitionScene.CreateAsync(app);
        var secretariat = scene.Secretariat;
        await PetitionScene.PutAsync<ScheduleDto>(secretariat, scene.Url("petitions/schedule"), new ScheduleInput(new DateOnly(2021, 11, 28), SessionOpens, SessionCloses));

        // One recommendation referred with an answer deadline of 20/11; one left unclassified.
        var road = await scene.RecordAsync(scene.SiteA, "Đề nghị sửa chữa tuyến đường ĐT741 đoạn qua xã Tân Lập, mặt đường nhiều ổ gà.", "Nguyễn Văn Hải");
        var clinic = await scene.RecordAsync(scene.SiteB, "Trạm y tế xã thiếu bác sĩ và thuốc.", "Lê Văn Tư");
        var recommendation = scene.Url($"recommendations/{road.RecommendationId}");
        await PetitionScene.PutAsync<RecommendationDto>(secretariat, recommendation + "/classification", new ClassificationInput(4, CompetenceLevel.Province, scene.Roads));
        var referred = await PetitionScene.PostAsync<RecommendationDto>(secretariat, recommendation + "/referrals", new ReferralInput(scene.Roads, new DateOnly(2021, 11, 20)));
        var referralId = Assert.Single(referred.Referrals).Id;
        var roadsUser = await app.CreateUserAsync(Roles.Agency, scene.Roads);
        var healthUser = await app.CreateUserAsync(Roles.Agency, scene.Health);

        async Task<List<OverdueItem>> DailyListAsync(HttpClient client) => (await client.GetFromJsonAsync<List<OverdueItem>>("/api/petitions/overdue", Token))!;
        async Task<PetitionDashboard> DashboardAsync() => (await secretariat.GetFromJsonAsync<PetitionDashboard>(scene.Url("petitions/dashboard"), Token))!;

        // On the deadline day, until midnight in Vietnam (16:59 UTC), nothing is late.
        clock.SetUtcNow(new DateTimeOffset(2021, 11, 20, 16, 59, 0, TimeSpan.Zero));
        Assert.Empty(await DailyListAsync(secretariat));
        Assert.Equal(0, (await DashboardAsync()).Overdue);

        // 00:30 on 21/11 in Vietnam (still 20/11 in UTC): the referral is one day late, for the secretariat and the roads department, not for health.
        clock.SetUtcNow(new DateTimeOffset(2021, 11, 20, 17, 30, 0, TimeSpan.Zero));
        var lateReferral = Assert.Single(await DailyListAsync(secretariat));
        Assert.Equal((road.RecommendationId, "Sở Giao thông vận tải", new DateOnly(2021, 11, 20), 1), (lateReferral.RecommendationId, lateReferral.AgencyName, lateReferral.Deadline, lateReferral.DaysLate));
        var roads = await app.SignInAsync(roadsUser, DienHongApp.Password);
        Assert.Equal(road.RecommendationId, Assert.Single(await DailyListAsync(roads)).RecommendationId);
        Assert.True((await roads.GetFromJsonAsync<ReferralDetail>($"/api/referrals/{referralId}", Token))!.Referral.Overdue);
        Assert.Empty(await DailyListAsync(await app.SignInAsync(healthUser, DienHongApp.Password)));
        var dashboard = await DashboardAsync();
        Assert.Equal(1, dashboard.Overdue);
        Assert.Equal(new CountRow("Sở Giao thông vận tải", 1), Assert.Single(dashboard.OverdueByAgency));

        // 29/11: the compilation deadline (28/11) has passed with one recommendation neither compiled nor referred.
        clock.SetUtcNow(new DateTimeOffset(2021, 11, 29, 1, 0, 0, TimeSpan.Zero));
        var list = await DailyListAsync(secretariat);
        Assert.Equal(2, list.Count);
        Assert.Equal((null, "1 kiến nghị chưa tổng hợp, chuyển cơ quan giải quyết", new DateOnly(2021, 11, 28), 1), (list[0].RecommendationId, list[0].What, list[0].Deadline, list[0].DaysLate));
        Assert.Equal((road.RecommendationId, 9), (list[1].RecommendationId, list[1].DaysLate));

        // The roads department answers late: the answer counts as late and leaves the list; the uncompiled item stays.
        roads = await app.SignInAsync(roadsUser, DienHongApp.Password);
        using var form = new MultipartFormDataContent { { new StringContent("Sở Giao thông vận tải đã đưa tuyến ĐT741 vào kế hoạch sửa chữa quý I."), "text" } };
        var answered = await roads.PostAsync($"/api/referrals/{referralId}/answer", form, Token);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.True((await answered.Content.ReadFromJsonAsync<ReferralDto>(Token))!.AnsweredLate);
        Assert.Null(Assert.Single(await DailyListAsync(secretariat)).RecommendationId);
        dashboard = await DashboardAsync();
        Assert.Equal((0, 1, 0), (dashboard.Overdue, dashboard.AnsweredLate, dashboard.AnsweredOnTime));

        // Referring again uses the same clock: a deadline before 29/11/2021 is past.
        var clinicUrl = scene.Url($"recommendations/{clinic.RecommendationId}");
        await PetitionScene.PutAsync<RecommendationDto>(secretariat, clinicUrl + "/classification", new ClassificationInput(2, CompetenceLevel.Province, scene.Health));
        var pastDeadline = await secretariat.PostAsJsonAsync(clinicUrl + "/referrals", new ReferralInput(scene.Health, new DateOnly(2021, 11, 28)), Token);
        Assert.Equal(HttpStatusCode.BadRequest, pastDeadline.StatusCode);
        Assert.Contains("Hạn 28/11/2021 đã qua (hôm nay là 29/11/2021)", await pastDeadline.Content.ReadAsStringAsync(Token));
        await using var db = app.CreateContext();
        Assert.Equal(1, await db.Referrals.CountAsync(Token));
    }
}
