using System.Net;
using System.Net.Http.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Tests.Infrastructure;

namespace DienHong.Tests.Api;

public class SeveralNodesTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_sign_in_on_one_node_is_honoured_by_another_node_on_the_same_database(DatabaseProvider provider)
    {
        var token = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = new DienHongApp(database, ownsDatabase: false);
        await using var second = new DienHongApp(database, ownsDatabase: false);
        var signIn = await first.CreateClient().PostAsJsonAsync("/api/account/login", new SignInRequest("admin", DienHongApp.Password), token);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("dienhong.auth=", StringComparison.Ordinal)).Split(';')[0];

        var otherNode = second.CreateClient(new() { HandleCookies = false });
        otherNode.DefaultRequestHeaders.Add("Cookie", cookie);
        var response = await otherNode.GetAsync("/api/meetings", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Shared through the database, not through a folder both happen to see on this machine.
        await using var db = database.CreateContext();
        Assert.NotEmpty(db.DataProtectionKeys);
    }
}
