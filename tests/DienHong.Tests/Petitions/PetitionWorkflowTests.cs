using System.Net;
using System.Net.Http.Json;
using System.Text;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Petitions;
using DienHong.Tests.Drafting;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Petitions;

public class PetitionWorkflowTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_petition_goes_from_recording_through_merge_referral_and_answer_to_the_public_page_and_the_report(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var scene = await PetitionScene.CreateAsync(app);
        var client = scene.Secretariat;

        // Recorded at two sites, two voters raising the same road in their own words, one about a clinic.
        var road1 = await scene.RecordAsync(scene.SiteA, "Đề nghị sửa chữa tuyến đường ĐT741 đoạn qua ấp 2 xã Tân Lập, mặt đường xuống cấp, nhiều ổ gà gây mất an toàn giao thông.", "Nguyễn Văn Hải");
        var road2 = await scene.RecordAsync(scene.SiteB, "Tuyến đường ĐT741 qua xã Đức Liễu hư hỏng nặng, ổ gà khắp nơi, đề nghị sớm sửa chữa để đảm bảo an toàn giao thông.", "Trần Thị Mai");
        var clinic = await scene.RecordAsync(scene.SiteA, "Trạm y tế xã thiếu bác sĩ và thuốc, người dân phải lên tuyến huyện khám bệnh.", "Lê Văn Tư");
        Assert.Matches("^KN-[A-Z2-9]{4}-[A-Z2-9]{4}$", road1.TrackingCode);

        // Accent-insensitive search on the provider's full-text index: unaccented, đ typed as d, last word as a prefix.
        var found = await client.GetFromJsonAsync<List<PetitionDto>>($"/api/petitions/search?meetingId={scene.MeetingId}&q=duong o ga", Token);
        Assert.Equal([road1.Id, road2.Id], found!.Select(p => p.Id).Order());
        var prefix = await client.GetFromJsonAsync<List<PetitionDto>>($"/api/petitions/search?meetingId={scene.MeetingId}&q=tram y t", Token);
        Assert.Equal(clinic.Id, Assert.Single(prefix!).Id);

        // The suggestion names the other road petition as the same issue, not the clinic.
        var suggestion = await client.GetFromJsonAsync<PetitionSuggestion>(scene.Url($"recommendations/{road1.RecommendationId}/suggestion"), Token);
        Assert.Equal(road2.Id, Assert.Single(suggestion!.Similar).Id);

        var merged = await PetitionScene.PostAsync<RecommendationDto>(client, scene.Url($"recommendations/{road1.RecommendationId}/merge"), new MergeInput([road2.RecommendationId]));
        Assert.Equal("2 cử tri tại 2 điểm cầu nêu", merged.RaisedBy);
        Assert.Equal([road1.Content, road2.Content], merged.Petitions.Select(p => p.Content));
        Assert.Equal(["Nguyễn Văn Hải", "Trần Thị Mai"], merged.Petitions.Select(p => p.VoterName));

        var classified = await PetitionScene.PutAsync<RecommendationDto>(client, scene.Url($"recommendations/{merged.Id}/classification"),
            new ClassificationInput(4, CompetenceLevel.Province, scene.Roads, "Cử tri xã Tân Lập, Đức Liễu đề nghị sửa chữa tuyến ĐT741 xuống cấp, nhiều ổ gà."));
        Assert.Equal(RecommendationStatus.Classified, classified.Status);
        Assert.Equal("Giao thông", classified.FieldName);

        var deadline = PetitionScene.Today.AddDays(20);
        var referred = await PetitionScene.PostAsync<RecommendationDto>(client, scene.Url($"recommendations/{merged.Id}/referrals"), new ReferralInput(scene.Roads, deadline));
        Assert.Equal(RecommendationStatus.Referred, referred.Status);
        var referralId = Assert.Single(referred.Referrals).Id;

        // The roads department sees it in its list and answers with the signed letter attached.
        var roads = await app.SignedInClientAsync(Roles.Agency, organizationId: scene.Roads);
        var inbox = await roads.GetFromJsonAsync<List<ReferralDto>>("/api/referrals", Token);
        Assert.Equal(referralId, Assert.Single(inbox!).Id);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Sở Giao thông vận tải đã đưa tuyến ĐT741 vào kế hoạch duy tu, sửa chữa trong quý I."), "text" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("%PDF-1.4 công văn trả lời")), "files", "cong-van-tra-loi.pdf" },
        };
        var answered = await roads.PostAsync($"/api/referrals/{referralId}/answer", form, Token);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var answer = (await answered.Content.ReadFromJsonAsync<ReferralDto>(Token))!;
        Assert.Equal(ReferralStatus.Answered, answer.Status);
        Assert.False(answer.AnsweredLate);
        var attachment = Assert.Single(answer.Attachments);
        Assert.Equal("%PDF-1.4 công văn trả lời", await roads.GetStringAsync($"/api/referrals/{referralId}/attachments/{attachment.Id}", Token));

        // Unpublished, the public sees no answer; published, the meeting page lists it and the code shows the path.
        using var anonymous = app.CreateClient();
        Assert.Empty((await anonymous.GetFromJsonAsync<List<PublishedAnswer>>($"/api/public/meetings/{scene.MeetingId}/answers", Token))!);
        Assert.Null((await anonymous.GetFromJsonAsync<TrackingDto>($"/api/public/petitions/{road2.TrackingCode}", Token))!.Answer);
        await PetitionScene.PutAsync<RecommendationDto>(client, scene.Url($"recommendations/{merged.Id}/publication"), new PublishInput(true));
        var published = await anonymous.GetFromJsonAsync<List<PublishedAnswer>>($"/api/public/meetings/{scene.MeetingId}/answers?q=DT741", Token);
        Assert.Contains("kế hoạch duy tu", Assert.Single(published!).Answer);
        var tracking = await anonymous.GetFromJsonAsync<TrackingDto>($"/api/public/petitions/{road2.TrackingCode.ToLowerInvariant()}", Token);
        string[] expected = ["Đã tiếp nhận", "Đã tổng hợp chung", "Đã phân loại", "Đã chuyển Sở Giao thông vận tải", "Sở Giao thông vận tải đã trả lời", "Đã công khai"];
        Assert.Equal(expected.Length, tracking!.Path.Count);
        Assert.All(expected.Zip(tracking.Path), pair => Assert.StartsWith(pair.First, pair.Second.What, StringComparison.Ordinal));
        Assert.Contains("kế hoạch duy tu", tracking.Answer);

        // Reports: the summary groups by competence and field with counts; the XLSX has every petition; answers are reported.
        var report = await client.GetByteArrayAsync(scene.Url("petitions/report.docx"), Token);
        var text = DocxText.All(report);
        Assert.Contains("TỔNG HỢP", text.ToUpperInvariant());
        Assert.Contains("KIẾN NGHỊ THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA TỈNH (1 kiến nghị)", text);
        Assert.Contains("1. Lĩnh vực Giao thông (1 kiến nghị)", text);
        Assert.Contains("Tổng số 3 ý kiến của cử tri", text);
        var answers = DocxText.All(await client.GetByteArrayAsync(scene.Url("petitions/answers.docx"), Token));
        Assert.Contains("đã nhận trả lời 1 kiến nghị (0 trả lời quá hạn)", answers);
        var xlsx = await client.GetAsync(scene.Url("petitions/petitions.xlsx"), Token);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);

        // Dashboard and its charts.
        var dashboard = await client.GetFromJsonAsync<PetitionDashboard>(scene.Url("petitions/dashboard"), Token);
        Assert.Equal((3, 2, 1), (dashboard!.Petitions, dashboard.Recommendations, dashboard.Published));
        Assert.Contains(dashboard.ByStatus, c => c.Label == "Đã trả lời" && c.Count == 1);
        var chart = await client.GetStringAsync(scene.Url("petitions/charts/agency.svg"), Token);
        Assert.Contains("Sở Giao thông vận tải", chart);

        // Every step left an audit entry with a person and a time.
        await using var db = app.CreateContext();
        var audited = await db.AuditEntries.Where(e => e.MeetingId == scene.MeetingId && (e.EntityType == "Referral" || e.EntityType == "Petition" || e.EntityType == "Recommendation")).ToListAsync(Token);
        Assert.Contains(audited, e => e.EntityType == "Referral" && e.Action == "Added");
        Assert.Contains(audited, e => e.EntityType == "Referral" && e.Action == "Modified" && e.Changes.Contains("AnswerText", StringComparison.Ordinal) && e.UserName.StartsWith("agency", StringComparison.Ordinal));
        Assert.Contains(audited, e => e.EntityType == "Petition" && e.Action == "Modified" && e.Changes.Contains("RecommendationId", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Bad_input_gets_a_Vietnamese_message_and_changes_nothing(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var scene = await PetitionScene.CreateAsync(app);
        var url = scene.Url("petitions");
        async Task ExpectRefusedAsync(HttpResponseMessage response, string message)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(message, await response.Content.ReadAsStringAsync(Token));
        }

        await ExpectRefusedAsync(await scene.Secretariat.PostAsJsonAsync(url, new PetitionInput("   "), Token), "không được để trống");
        await ExpectRefusedAsync(await scene.Secretariat.PostAsJsonAsync(url, new PetitionInput(new string('a', PetitionLimits.Content + 1)), Token), "vượt giới hạn 4000 ký tự");
        await ExpectRefusedAsync(await scene.Secretariat.PostAsJsonAsync(url, new PetitionInput("Đường hỏng <script>alert(1)</script>"), Token), "thẻ HTML hoặc mã script");
        await ExpectRefusedAsync(await scene.Secretariat.PostAsJsonAsync(url + "/batch", new[] { new PetitionInput("Đường hỏng nặng"), new PetitionInput("") }, Token), "Ý kiến thứ 2");

        var petition = await scene.RecordAsync(scene.SiteA, "Đường liên ấp lầy lội mùa mưa.", "Hà Văn Nam");
        var recommendation = scene.Url($"recommendations/{petition.RecommendationId}");
        await PetitionScene.PutAsync<RecommendationDto>(scene.Secretariat, recommendation + "/classification", new ClassificationInput(4, CompetenceLevel.Commune));
        await ExpectRefusedAsync(await scene.Secretariat.PostAsJsonAsync(recommendation + "/referrals", new ReferralInput(scene.Roads, PetitionScene.Today.AddDays(-1)), Token), "đã qua");
        await ExpectRefusedAsync(await scene.Secretariat.PutAsJsonAsync(scene.Url("petitions/schedule"), new ScheduleInput(PetitionScene.Today.AddDays(-3)), Token), "đã qua");
        await ExpectRefusedAsync(await scene.Secretariat.PutAsJsonAsync(recommendation + "/publication", new PublishInput(true), Token), "Chỉ công khai kiến nghị đã có trả lời");

        await using var db = app.CreateContext();
        Assert.Equal(1, await db.Petitions.CountAsync(Token));
        Assert.Empty(await db.Referrals.ToListAsync(Token));
        Assert.Empty(await db.PetitionSchedules.ToListAsync(Token));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_written_batch_imports_whole_or_not_at_all_naming_every_bad_row(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var scene = await PetitionScene.CreateAsync(app);
        const string Bad = "Nội dung,Họ tên cử tri,Điểm cầu,Lĩnh vực,Cấp,Cơ quan\n"
            + "Đề nghị nâng cấp trạm y tế xã,Lê Văn A,Tân Lập,Y tế,Tỉnh,Sở Y tế\n"
            + ",Trần B,Tân Lập,,,\n"
            + "Xin cấp sổ đỏ <b>gấp</b>,Lò Văn C,Xã Không Có,Đất đai,Tỉnh,\n"
            + "Giá phân bón tăng cao,Đinh D,,Thời tiết,Trung ương,Bộ Không Có\n";
        var refused = await ImportAsync(app, scene, Bad, "y-kien.csv");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        // The problem lists each bad row (line, message); read them as a person reads them.
        var problem = await refused.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Token);
        var body = string.Join("\n", problem.GetProperty("rows").EnumerateArray().Select(r => $"Dòng {r.GetProperty("line").GetInt32()}: {r.GetProperty("message").GetString()}"));
        Assert.Contains("Dòng 3: Nội dung ý kiến, kiến nghị không được để trống", body);
        Assert.Contains("Dòng 4: Nội dung không được chứa thẻ HTML hoặc mã script; không có điểm cầu", body);
        Assert.Contains("Dòng 5: Lĩnh vực", body);
        Assert.Contains("Thời tiết", body);
        Assert.Contains("không có trong danh mục; không có cơ quan", body);
        Assert.DoesNotContain("Dòng 2", body);
        var malformed = await ImportAsync(app, scene, "\u0001\u0002PK garbage", "y-kien.xlsx");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("tệp hỏng hoặc không đúng định dạng", await malformed.Content.ReadAsStringAsync(Token));
        await using (var db = app.CreateContext())
        {
            Assert.Equal(0, await db.Petitions.CountAsync(Token));
        }

        const string Good = "Nội dung;Họ tên cử tri;Điểm cầu;Lĩnh vực;Cấp;Cơ quan\n"
            + "Đề nghị nâng cấp trạm y tế xã;Lê Văn A;Tân Lập;Y tế;Tỉnh;Sở Y tế\n"
            + "Đường vào khu sản xuất lầy lội;Trần B;Đức Liễu;;;\n";
        var imported = await ImportAsync(app, scene, Good, "y-kien.csv");
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        await using var check = app.CreateContext();
        var recommendations = await check.Recommendations.Include(r => r.Petitions).OrderBy(r => r.Id).ToListAsync(Token);
        Assert.Equal((RecommendationStatus.Classified, scene.Health), (recommendations[0].Status, recommendations[0].AgencyId!.Value));
        Assert.Equal(RecommendationStatus.New, recommendations[1].Status);
        Assert.All(recommendations, r => Assert.Equal(PetitionChannel.AtSite, Assert.Single(r.Petitions).Channel));
    }

    private static async Task<HttpResponseMessage> ImportAsync(DienHongApp app, PetitionScene scene, string content, string name)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "file", name } };
        _ = app;
        return await scene.Secretariat.PostAsync(scene.Url("petitions/import"), form, Token);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_agency_returns_a_referral_as_not_theirs_with_a_reason_and_it_comes_back_to_staff(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var scene = await PetitionScene.CreateAsync(app);
        var clinic = await scene.RecordAsync(scene.SiteA, "Trạm y tế xã thiếu bác sĩ, người dân phải lên tuyến huyện khám bệnh.", "Lê Văn Tư");
        await PetitionScene.PutAsync<RecommendationDto>(scene.Secretariat, scene.Url($"recommendations/{clinic.RecommendationId}/classification"),
            new ClassificationInput(2, CompetenceLevel.Province, scene.Roads, null));
        // Sent by mistake to the roads department.
        var referred = await PetitionScene.PostAsync<RecommendationDto>(scene.Secretariat, scene.Url($"recommendations/{clinic.RecommendationId}/referrals"), new ReferralInput(scene.Roads, PetitionScene.Today.AddDays(15)));
        var referralId = Assert.Single(referred.Referrals).Id;

        // Another agency cannot return it; the roads department must say why; neither changes anything.
        var health = await app.SignedInClientAsync(Roles.Agency, organizationId: scene.Health);
        Assert.Equal(HttpStatusCode.NotFound, (await health.PostAsJsonAsync($"/api/referrals/{referralId}/return", new ReturnInput("Không phải của chúng tôi."), Token)).StatusCode);
        var roads = await app.SignedInClientAsync(Roles.Agency, organizationId: scene.Roads);
        var empty = await roads.PostAsJsonAsync($"/api/referrals/{referralId}/return", new ReturnInput("  "), Token);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Hãy ghi rõ lý do trả lại kiến nghị.", await empty.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(ReferralStatus.Pending, Assert.Single((await roads.GetFromJsonAsync<List<ReferralDto>>("/api/referrals", Token))!).Status);

        const string Reason = "Trạm y tế thuộc ngành y tế, không thuộc thẩm quyền của Sở Giao thông vận tải.";
        var returned = await roads.PostAsJsonAsync($"/api/referrals/{referralId}/return", new ReturnInput(Reason), Token);
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        var referral = (await returned.Content.ReadFromJsonAsync<ReferralDto>(Token))!;
        Assert.Equal((ReferralStatus.Returned, Reason), (referral.Status, referral.ReturnReason));
        Assert.NotNull(referral.ReturnedAt);
        // Once returned, it cannot be answered or returned again.
        Assert.Equal(HttpStatusCode.BadRequest, (await roads.PostAsJsonAsync($"/api/referrals/{referralId}/return", new ReturnInput(Reason), Token)).StatusCode);

        // Back with staff: the recommendation reads "returned" with the reason, is listed as such, and goes to the right agency.
        var back = await scene.Secretariat.GetFromJsonAsync<RecommendationDto>(scene.Url($"recommendations/{clinic.RecommendationId}"), Token);
        Assert.Equal(RecommendationStatus.Returned, back!.Status);
        Assert.Equal(Reason, Assert.Single(back.Referrals).ReturnReason);
        var returnedList = await scene.Secretariat.GetFromJsonAsync<List<RecommendationDto>>(scene.Url("petitions?status=Returned"), Token);
        Assert.Equal(clinic.RecommendationId, Assert.Single(returnedList!).Id);
        var again = await PetitionScene.PostAsync<RecommendationDto>(scene.Secretariat, scene.Url($"recommendations/{clinic.RecommendationId}/referrals"), new ReferralInput(scene.Health, PetitionScene.Today.AddDays(15)));
        Assert.Equal(RecommendationStatus.Referred, again.Status);
        Assert.Single((await health.GetFromJsonAsync<List<ReferralDto>>("/api/referrals", Token))!);

        // The voter's path shows the return, and the audit has who returned it and why.
        using var anonymous = app.CreateClient();
        var tracking = await anonymous.GetFromJsonAsync<TrackingDto>($"/api/public/petitions/{clinic.TrackingCode}", Token);
        Assert.Contains(tracking!.Path, step => step.What == "Sở Giao thông vận tải chuyển trả, để chuyển cơ quan khác");
        await using var db = app.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.EntityType == "Referral" && e.Action == "Modified" && e.Changes.Contains("ReturnReason") && e.UserName.StartsWith("agency"), Token));
    }
}
