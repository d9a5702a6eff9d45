using System.Net;
using System.Net.Http.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Tests.Api;
using DienHong.Tests.Infrastructure;

namespace DienHong.Tests.Pages;

public class PageRenderingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Script_typed_into_a_meeting_is_shown_as_text_never_run(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var client = await app.SignedInClientAsync(Roles.Secretariat);
        const string Attack = "<script>alert('xss')</script><img src=x onerror=alert(1)>";
        var created = await client.PostAsJsonAsync("/api/meetings", ApiTestData.Meeting("Hội nghị " + Attack) with { Place = "<b>Bình Phước</b>" }, Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var html = await client.GetStringAsync("/meetings", Token);

        Assert.DoesNotContain("<script>alert", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>Bình Phước</b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_interface_is_Vietnamese_by_default_and_English_on_request(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var client = await app.SignedInClientAsync(Roles.Viewer);

        var vietnamese = await client.GetStringAsync("/meetings", Token);
        var switched = await client.GetAsync("/culture/en?returnUrl=/meetings", Token);
        var english = await client.GetStringAsync("/meetings", Token);

        Assert.Contains("<html lang=\"vi\"", vietnamese, StringComparison.Ordinal);
        Assert.Contains("Mọi trạng thái", vietnamese, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Contains("<html lang=\"en\"", english, StringComparison.Ordinal);
        Assert.Contains("Any status", english, StringComparison.Ordinal);
        Assert.Contains("Meetings", english, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Pages_need_sign_in(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await anonymous.GetAsync("/meetings", Token);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
