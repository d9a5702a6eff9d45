using System.Net;
using System.Net.Http.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.AdministrativeUnits;
using DienHong.Features.Issuing;
using DienHong.Features.Organizations;
using DienHong.Tests.Infrastructure;

namespace DienHong.Tests.Api;

public class AdministrationApiTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_administrator_creates_a_scoped_user_who_can_then_sign_in_and_others_cannot_create_users(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var admin = await app.AdministratorClientAsync();
        var secretariat = await app.SignedInClientAsync(Roles.Secretariat);
        var user = new NewUserInput("kythuat.tanlap", "Mat-khau-123", "Trần Văn Kỹ", Roles: [Roles.SiteOperator]);

        var refused = await secretariat.PostAsJsonAsync("/api/users", user, Token);
        var created = await admin.PostAsJsonAsync("/api/users", user, Token);
        var weak = await admin.PostAsJsonAsync("/api/users", user with { UserName = "yeu", Password = "123" }, Token);
        var badRole = await admin.PostAsJsonAsync("/api/users", user with { UserName = "sai.vai.tro", Roles = ["Boss"] }, Token);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains("Mật khẩu phải có ít nhất 10 ký tự", await weak.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Contains("Vai trò không tồn tại: Boss", await badRole.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        var users = await admin.GetFromJsonAsync<List<UserDto>>("/api/users", Token);
        Assert.Equal([Roles.SiteOperator], users!.Single(u => u.UserName == "kythuat.tanlap").Roles);
        Assert.NotNull(await app.SignInAsync("kythuat.tanlap", "Mat-khau-123"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Units_keep_the_two_level_reform_and_search_ignores_accents(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var admin = await app.AdministratorClientAsync();

        var province = await (await admin.PostAsJsonAsync("/api/administrative-units", new AdministrativeUnitInput("11", "Tỉnh Điện Biên", AdministrativeLevel.Province), Token)).Content.ReadFromJsonAsync<AdministrativeUnitDto>(Token);
        var oldDistrict = await admin.PostAsJsonAsync("/api/administrative-units", new AdministrativeUnitInput("95", "Huyện Điện Biên Đông", AdministrativeLevel.District, province!.Id, ValidTo: new DateOnly(2025, 6, 30)), Token);
        var newDistrict = await admin.PostAsJsonAsync("/api/administrative-units", new AdministrativeUnitInput("999", "Huyện Mới", AdministrativeLevel.District, province.Id, new DateOnly(2025, 7, 1)), Token);
        var duplicate = await admin.PostAsJsonAsync("/api/administrative-units", new AdministrativeUnitInput("11", "Tỉnh Điện Biên", AdministrativeLevel.Province), Token);
        var found = await admin.GetFromJsonAsync<List<AdministrativeUnitDto>>("/api/administrative-units?search=dien%20bien%20dong", Token);
        var validIn2026 = await admin.GetFromJsonAsync<List<AdministrativeUnitDto>>("/api/administrative-units?validOn=2026-01-01", Token);

        Assert.Equal(HttpStatusCode.Created, oldDistrict.StatusCode);
        Assert.Contains("không còn đơn vị hành chính cấp huyện", await newDistrict.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Contains("Mã \\\"11\\\" đã có", await duplicate.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal("Huyện Điện Biên Đông", Assert.Single(found!).Name);
        Assert.Equal("Tỉnh Điện Biên", Assert.Single(validIn2026!).Name);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_template_is_edited_by_an_administrator_or_its_own_secretariat_only(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var admin = await app.AdministratorClientAsync();
        var council = await (await admin.PostAsJsonAsync("/api/organizations", new OrganizationInput("Hội đồng nhân dân tỉnh Điện Biên", OrganizationKind.ElectedBody), Token)).Content.ReadFromJsonAsync<OrganizationDto>(Token);
        var other = await (await admin.PostAsJsonAsync("/api/organizations", new OrganizationInput("Sở Y tế", OrganizationKind.Department), Token)).Content.ReadFromJsonAsync<OrganizationDto>(Token);
        var template = new OrganizationTemplateInput("HỘI ĐỒNG NHÂN DÂN TỈNH ĐIỆN BIÊN", "HĐND", "Điện Biên", DraftingUnitSymbol: "VP");
        var ownStaff = await app.SignedInClientAsync(Roles.Secretariat, organizationId: council!.Id);
        var otherStaff = await app.SignedInClientAsync(Roles.Secretariat, organizationId: other!.Id);

        var byOwnStaff = await ownStaff.PutAsJsonAsync($"/api/organizations/{council.Id}/template", template, Token);
        var byOtherStaff = await otherStaff.PutAsJsonAsync($"/api/organizations/{council.Id}/template", template with { Place = "Hà Nội" }, Token);
        var badSymbol = await admin.PutAsJsonAsync($"/api/organizations/{council.Id}/template", template with { BodySymbol = "HĐND/VP" }, Token);
        var stored = await admin.GetFromJsonAsync<OrganizationTemplateInput>($"/api/organizations/{council.Id}/template", Token);

        Assert.Equal(HttpStatusCode.OK, byOwnStaff.StatusCode);
        // Another organization's template is not even visible to them.
        Assert.Equal(HttpStatusCode.NotFound, byOtherStaff.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badSymbol.StatusCode);
        Assert.Equal(("Điện Biên", "HĐND", "VP"), (stored!.Place, stored.BodySymbol, stored.DraftingUnitSymbol));
    }
}
