using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DienHong.Tests.Browser;

/// <summary>The accounts page in Chromium: a refused password changes nothing; a change of roles ends the person's open session.</summary>
public class SessionsInTheBrowserTests
{
    private const string UserName = "thu.ky.laichau";
    private const string OldPassword = "Mat-khau-cu-2026";

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_refused_new_password_changes_nothing_and_a_change_of_roles_ends_the_open_session(DatabaseProvider provider)
    {
        var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        app.Settings["Accounts:CircuitRevalidation"] = "00:00:02";
        await using var session = await BrowserSession.StartAsync(app);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = UserName, FullName = "Lò Thị Thu" };
            Assert.True((await users.CreateAsync(user, OldPassword)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Secretariat);
        }

        var blocked = new List<string>();
        var admin = session.Page;
        admin.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) blocked.Add(message.Text); };
        var person = await session.NewPersonAsync();
        person.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) blocked.Add(message.Text); };
        await session.SignInAsync("admin", DienHongApp.Password);
        await person.GotoAsync("/account/login");
        await person.FillAsync("#username", UserName);
        await person.FillAsync("#password", OldPassword);
        await person.ClickAsync("button:has-text('Đăng nhập')");
        await person.WaitForURLAsync(new Regex("/meetings$"));
        await person.GotoAsync("/meetings/new");
        await Assertions.Expect(person.Locator("#title")).ToBeVisibleAsync();

        // A password the rules refuse: an error, and the old password still works.
        await admin.GotoAsync("/users");
        // The list is prerendered: a click before the page's circuit is live does nothing, so click until the form opens.
        var resetPassword = admin.GetByLabel("Đặt lại mật khẩu (để trống nếu giữ nguyên)");
        for (var attempt = 0; attempt < 20 && !await resetPassword.IsVisibleAsync(); attempt++)
        {
            await admin.Locator("#users tr", new() { HasText = UserName }).GetByRole(AriaRole.Button, new() { Name = "Sửa" }).ClickAsync();
            await admin.WaitForTimeoutAsync(500);
        }

        await resetPassword.FillAsync("ngan");
        await admin.GetByLabel("Họ tên").FillAsync("Lò Thị Thu (đổi)");
        await admin.Locator(".panel .actions button.primary").ClickAsync();
        await Assertions.Expect(admin.Locator(".alert.error")).ToContainTextAsync("ít nhất 10 ký tự");
        await session.ScreenshotAsync($"accounts-refused-password-{provider}");
        var api = app.CreateClient();
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsJsonAsync("/api/account/login", new SignInRequest(UserName, OldPassword), TestContext.Current.CancellationToken)).StatusCode);
        await using (var db = app.CreateContext())
        {
            Assert.Equal("Lò Thị Thu", db.Users.Single(u => u.UserName == UserName).FullName);
        }

        // Taking the role away ends the session open in the other browser, within the revalidation interval.
        await admin.GetByLabel("Đặt lại mật khẩu (để trống nếu giữ nguyên)").FillAsync("");
        await admin.GetByLabel("Văn phòng (tổ chức)").UncheckAsync();
        await admin.GetByLabel("Chỉ xem").CheckAsync();
        await admin.Locator(".panel .actions button.primary").ClickAsync();
        await Assertions.Expect(admin.Locator(".alert.success")).ToBeVisibleAsync();
        await person.WaitForURLAsync(new Regex("account/login"));
        await person.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsFolder, $"session-ended-{provider}.png"), FullPage = true });

        Assert.Empty(blocked);
    }
}
