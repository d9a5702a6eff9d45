using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Drafting;
using DienHong.Features.Issuing;
using DienHong.Features.Meetings;
using DienHong.Features.Organizations;
using DienHong.Tests.Api;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DienHong.Tests.Accounts;

/// <summary>Sign-in and HTTP hardening: return addresses, sessions, headers, cross-site requests, guessing, expensive requests.</summary>
public partial class SignInHardeningTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A client that keeps no cookies itself: the test decides which cookie each request carries.</summary>
    private static HttpClient Bare(DienHongApp app) => app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

    private static async Task<string> SignInCookieAsync(HttpClient client, string userName, string password, string? address = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/account/login") { Content = JsonContent.Create(new SignInRequest(userName, password)) };
        if (address is not null)
        {
            request.Headers.Add("X-Forwarded-For", address);
        }

        var response = await client.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return Cookie(response, "dienhong.auth");
    }

    private static string Cookie(HttpResponseMessage response, string name) =>
        response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(name, StringComparison.Ordinal));

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie.Length > 0)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return await client.SendAsync(request, Token);
    }

    /// <summary>Posts a page's form as a browser would: its hidden fields (antiforgery token, handler) plus <paramref name="fields"/>.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pagePath, string action, string cookie, params (string Name, string Value)[] fields)
    {
        var page = await GetAsync(client, pagePath, cookie);
        var html = await page.Content.ReadAsStringAsync(Token);
        var antiforgery = page.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)) : null;
        var hidden = HiddenInput().Matches(html).Select(m => (m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value))).DistinctBy(f => f.Item1);
        using var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent([.. hidden.Concat(fields).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))]) };
        var cookies = string.Join("; ", new[] { cookie, antiforgery }.Where(c => !string.IsNullOrEmpty(c)));
        if (cookies.Length > 0)
        {
            request.Headers.Add("Cookie", cookies);
        }

        return await client.SendAsync(request, Token);
    }

    [GeneratedRegex("""<input type="hidden" name="([^"]+)" value="([^"]*)"\s*/?>""")]
    private static partial Regex HiddenInput();

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Only_addresses_on_this_site_are_followed_after_sign_in_or_a_language_change(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var client = Bare(app);

        var culture = new Dictionary<string, HttpResponseMessage>();
        foreach (var target in new[] { "%5C%2Fevil.com", "%5C%5Cevil.com", "/%09/evil.com", "//evil.com", "https://evil.com/", "/meetings?q=a" })
        {
            culture[target] = await client.GetAsync($"/culture/en?returnUrl={target}", Token);
        }

        var signIn = await PostFormAsync(client, "/account/login?returnUrl=%5C%2Fevil.com", "/account/login?returnUrl=%5C%2Fevil.com", "",
            ("Input.UserName", "admin"), ("Input.Password", DienHongApp.Password));
        var local = await PostFormAsync(client, "/account/login?returnUrl=%2Fusers", "/account/login?returnUrl=%2Fusers", "",
            ("Input.UserName", "admin"), ("Input.Password", DienHongApp.Password));

        foreach (var (target, response) in culture)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(target == "/meetings?q=a" ? "/meetings?q=a" : "/", response.Headers.Location!.OriginalString);
        }

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/meetings", signIn.Headers.Location!.AbsolutePath);
        Assert.Equal("localhost", signIn.Headers.Location.Host);
        Assert.Equal("/users", local.Headers.Location!.AbsolutePath);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_session_ends_at_sign_out_and_when_the_stamp_changes_and_a_replayed_cookie_is_refused(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var client = Bare(app);
        var cookie = await SignInCookieAsync(client, "admin", DienHongApp.Password);
        var other = await SignInCookieAsync(client, "admin", DienHongApp.Password);

        var before = await GetAsync(client, "/api/meetings", cookie);
        var withoutToken = new HttpRequestMessage(HttpMethod.Post, "/account/logout") { Content = new FormUrlEncodedContent([]) };
        withoutToken.Headers.Add("Cookie", cookie);
        var refusedSignOut = await client.SendAsync(withoutToken, Token);
        var stillIn = await GetAsync(client, "/api/meetings", cookie);
        var signOut = await PostFormAsync(client, "/meetings", "/account/logout", cookie);
        var replayed = await GetAsync(client, "/api/meetings", cookie);
        var otherSession = await GetAsync(client, "/api/meetings", other);

        var third = await SignInCookieAsync(client, "admin", DienHongApp.Password);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // What the accounts page does on a change of roles, organization or sites.
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByNameAsync("admin"))!);
        }

        var afterChange = await GetAsync(client, "/api/meetings", third);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refusedSignOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherSession.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterChange.StatusCode);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Pages_and_API_carry_security_headers_and_behind_a_TLS_proxy_cookies_are_Secure_and_HSTS_is_sent(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var client = Bare(app);

        var page = await client.GetAsync("/account/login", Token);
        var api = await client.GetAsync("/api/meetings", Token);
        var plain = await client.PostAsJsonAsync("/api/account/login", new SignInRequest("admin", DienHongApp.Password), Token);
        using var proxied = new HttpRequestMessage(HttpMethod.Post, "http://dienhong.example.vn/api/account/login") { Content = JsonContent.Create(new SignInRequest("admin", DienHongApp.Password)) };
        proxied.Headers.Add("X-Forwarded-Proto", "https");
        var behindProxy = await client.SendAsync(proxied, Token);
        var overTls = await client.GetAsync("https://dienhong.example.vn/account/login", Token);

        foreach (var response in new[] { page, api })
        {
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("script-src 'self' 'nonce-", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        }

        // The one inline script of a page (Blazor's import map) carries this answer's nonce; nothing else is inline.
        var nonce = Regex.Match(page.Headers.GetValues("Content-Security-Policy").Single(), "'nonce-([^']+)'").Groups[1].Value;
        var html = await page.Content.ReadAsStringAsync(Token);
        Assert.All(Regex.Matches(html, "<script(?![^>]*\\ssrc=)[^>]*>").Select(m => m.Value), tag => Assert.Contains($"nonce=\"{nonce}\"", tag, StringComparison.Ordinal));
        Assert.DoesNotContain("secure", plain.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("dienhong.auth", StringComparison.Ordinal)), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", behindProxy.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("dienhong.auth", StringComparison.Ordinal)), StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("max-age=31536000", overTls.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task State_changes_sent_from_another_site_are_refused_imports_included(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var admin = await app.AdministratorClientAsync();
        var meeting = (await (await admin.PostAsJsonAsync("/api/meetings", ApiTestData.Meeting(), Token)).Content.ReadFromJsonAsync<MeetingDetail>(Token))!;

        async Task<HttpResponseMessage> ImportAsync(string header, string value)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/meetings/{meeting.Id}/sites/import")
            {
                Content = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("Tên điểm cầu,Sức chứa,Cấp\nXã Tân Lập,30,Xã\n")), "file", "diem-cau.csv" } },
            };
            request.Headers.Add(header, value);
            return await admin.SendAsync(request, Token);
        }

        var fromOrigin = await ImportAsync("Origin", "https://evil.example");
        var fromSite = await ImportAsync("Sec-Fetch-Site", "cross-site");
        using var deleteRequest = new HttpRequestMessage(HttpMethod.Delete, $"/api/meetings/{meeting.Id}");
        deleteRequest.Headers.Add("Origin", "https://evil.example");
        var delete = await admin.SendAsync(deleteRequest, Token);
        await using (var db = app.CreateContext())
        {
            Assert.Equal(0, await db.Sites.CountAsync(Token));
            Assert.True(await db.Meetings.AnyAsync(Token));
        }

        var sameOrigin = await ImportAsync("Origin", "http://localhost");

        Assert.All([fromOrigin, fromSite, delete], r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.NotEqual(HttpStatusCode.Forbidden, sameOrigin.StatusCode);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Guessing_locks_a_name_only_for_the_guessing_address_and_never_tells_whether_the_account_exists(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var client = Bare(app);

        async Task<HttpResponseMessage> TryAsync(string userName, string password, string address)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/account/login") { Content = JsonContent.Create(new SignInRequest(userName, password)) };
            request.Headers.Add("X-Forwarded-For", address);
            return await client.SendAsync(request, Token);
        }

        var answers = new List<string?>();
        for (var i = 0; i < SignInGuard.MaxFailures; i++)
        {
            answers.Add(await DetailAsync(await TryAsync("admin", "doan-mo-" + i, "203.0.113.7")));
        }

        var lockedHere = await TryAsync("admin", DienHongApp.Password, "203.0.113.7");
        var unknown = await TryAsync("khong-ton-tai", "bat-ky", "203.0.113.7");
        var elsewhere = await TryAsync("admin", DienHongApp.Password, "198.51.100.9");

        Assert.Equal(HttpStatusCode.Unauthorized, lockedHere.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, elsewhere.StatusCode);
        Assert.Equal(SignInGuard.FailureMessage, answers[0]);
        Assert.All([.. answers, await DetailAsync(lockedHere), await DetailAsync(unknown)], a => Assert.Equal(SignInGuard.FailureMessage, a));
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Token)).GetProperty("detail").GetString();

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Sign_in_attempts_are_rate_limited_per_address(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        app.Settings["Http:SignInsPerMinute"] = "5";
        var client = Bare(app);

        async Task<HttpStatusCode> TryAsync(int attempt, string address)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/account/login") { Content = JsonContent.Create(new SignInRequest("nguoi" + attempt, "sai")) };
            request.Headers.Add("X-Forwarded-For", address);
            return (await client.SendAsync(request, Token)).StatusCode;
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add(await TryAsync(i, "203.0.113.8"));
        }

        var otherAddress = await TryAsync(7, "198.51.100.10");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5).Append(HttpStatusCode.TooManyRequests), statuses);
        Assert.Equal(HttpStatusCode.Unauthorized, otherAddress);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task PDF_conversions_wait_their_turn_and_each_version_is_converted_once(DatabaseProvider provider)
    {
        if (!PdfConverter.IsAvailable && Environment.GetEnvironmentVariable("CI") is null)
        {
            Assert.Skip("LibreOffice (soffice) is not installed: PDF conversion skipped. Install libreoffice-writer to run it.");
        }

        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        app.Settings["Documents:PdfConversionsAtOnce"] = "1";
        var admin = await app.AdministratorClientAsync();
        var organization = (await (await admin.PostAsJsonAsync("/api/organizations", new OrganizationInput("Hội đồng nhân dân tỉnh Lai Châu", OrganizationKind.ElectedBody), Token)).Content.ReadFromJsonAsync<OrganizationDto>(Token))!;
        await admin.PutAsJsonAsync($"/api/organizations/{organization.Id}/template", new OrganizationTemplateInput("HỘI ĐỒNG NHÂN DÂN TỈNH LAI CHÂU", "HĐND", "Lai Châu"), Token);
        var meeting = (await (await admin.PostAsJsonAsync("/api/meetings", ApiTestData.Meeting() with { Organizers = [new OrganizerDto(organization.Id, null, true)] }, Token)).Content.ReadFromJsonAsync<MeetingDetail>(Token))!;
        var documents = new List<int>();
        for (var i = 0; i < 2; i++)
        {
            documents.Add((await (await admin.PostAsJsonAsync($"/api/meetings/{meeting.Id}/documents", new IssueRequest(DocumentKind.Notice, organization.Id), Token)).Content.ReadFromJsonAsync<IssuedDocumentDto>(Token))!.Id);
        }

        // Conversions wait in line: on a busy machine that takes longer than HttpClient's default 100 s.
        var reader = app.CreateClient(new() { AllowAutoRedirect = false });
        reader.Timeout = TimeSpan.FromMinutes(10);
        Assert.Equal(HttpStatusCode.NoContent, (await reader.PostAsJsonAsync("/api/account/login", new SignInRequest("admin", DienHongApp.Password), Token)).StatusCode);
        var answers = await Task.WhenAll(documents.SelectMany(id => Enumerable.Repeat(id, 3)).Select(id => reader.GetAsync($"/api/documents/{id}/pdf", Token)));
        var again = await reader.GetAsync($"/api/documents/{documents[0]}/pdf", Token);

        Assert.All([.. answers, again], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All([.. answers, again], r => Assert.Equal("application/pdf", r.Content.Headers.ContentType?.MediaType));
        Assert.Equal((2, 1), app.Services.GetRequiredService<PdfQueue>().Counts);
    }
}
