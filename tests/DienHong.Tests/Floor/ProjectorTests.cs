using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Floor;
using DienHong.Features.Projector;
using DienHong.Tests.Api;
using DienHong.Tests.Infrastructure;
using DienHong.Tests.Readiness;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Floor;

/// <summary>The projector's link: made and revoked by the secretariat, the only key to the anonymous view.</summary>
public class ProjectorTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_projector_link_opens_the_public_view_without_an_account_until_it_is_revoked(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var address = LiveHosting.Start(app);
        var secretary = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.Secretariat));
        var chair = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.Chair));
        var run = await FloorTestData.RunningAsync(app, chair.Http);
        Assert.Equal(HttpStatusCode.Forbidden, (await chair.Http.PostAsJsonAsync($"/api/meetings/{run.MeetingId}/projector-links", new ProjectorLinkInput("Hội trường"), Token)).StatusCode);
        var made = await secretary.Http.PostAsJsonAsync($"/api/meetings/{run.MeetingId}/projector-links", new ProjectorLinkInput("Màn hình hội trường"), Token);
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var link = (await made.Content.ReadFromJsonAsync<NewProjectorLink>(Token))!;
        await using (var db = app.CreateContext())
        {
            // Only the hash is kept.
            Assert.False(await db.ProjectorLinks.AnyAsync(l => l.TokenHash == link.Token, Token));
            Assert.False(await db.AuditEntries.AnyAsync(a => a.Changes.Contains(link.Token), Token));
        }

        var voter = await secretary.Http.PostAsJsonAsync($"/api/meetings/{run.MeetingId}/sites/{run.SiteIds[2]}/floor/requests", new SiteFloorInput("Cử tri Hà", "Thôn 4"), Token);
        var request = (await voter.Content.ReadFromJsonAsync<FloorRequestDto>(Token))!;
        (await chair.Http.PostAsJsonAsync($"/api/meetings/{run.MeetingId}/floor/give", new GiveFloorInput(request.Id), Token)).EnsureSuccessStatusCode();

        // No account: the page and the stream open by the token alone.
        using var anonymous = new HttpClient { BaseAddress = address };
        var page = await anonymous.GetAsync(link.Path, Token);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Hội nghị tiếp xúc cử tri trực tuyến (thử)", await page.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        using var stream = await anonymous.GetAsync(link.Path + "/events", HttpCompletionOption.ResponseHeadersRead, Token);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        var events = SseParser.Create(await stream.Content.ReadAsStreamAsync(Token)).EnumerateAsync(Token).GetAsyncEnumerator(Token);
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("ready", events.Current.EventType);
        Assert.True(await events.MoveNextAsync());
        var snapshot = ReceivedEvent.Parse(events.Current.Data);
        Assert.Equal("snapshot", snapshot.Type);
        var speaker = snapshot.Data.GetProperty(FloorState.EventType).GetProperty("speaker");
        Assert.Equal(("Cử tri Hà", "UBND xã Số 2"), (speaker.GetProperty("name").GetString(), speaker.GetProperty("siteName").GetString()));
        Assert.True(speaker.TryGetProperty("deadline", out _));
        // The public view gets no site-private data.
        Assert.Equal(System.Text.Json.JsonValueKind.Null, snapshot.Data.GetProperty("readiness").ValueKind);

        // Revoked: the open projector is told and its stream ends; the link opens nothing more.
        var revoked = await secretary.Http.PostAsync($"/api/meetings/{run.MeetingId}/projector-links/{link.Id}/revoke", null, Token);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        ReceivedEvent? last = null;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token))
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            while (await events.MoveNextAsync().AsTask().WaitAsync(timeout.Token))
            {
                last = ReceivedEvent.Parse(events.Current.Data);
            }
        }

        Assert.Equal(ProjectorRevoked.EventType, last?.Type);
        await Problems.AssertVietnameseAsync(await anonymous.GetAsync(link.Path + "/events", HttpCompletionOption.ResponseHeadersRead, Token), HttpStatusCode.NotFound);
        var gone = await anonymous.GetAsync(link.Path, Token);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/trinh-chieu/khong-phai-ma/events", Token)).StatusCode);
        await Problems.AssertVietnameseAsync(await secretary.Http.PostAsync($"/api/meetings/{run.MeetingId}/projector-links/{link.Id}/revoke", null, Token), HttpStatusCode.Conflict);
        var listed = await secretary.Http.GetFromJsonAsync<List<ProjectorLinkDto>>($"/api/meetings/{run.MeetingId}/projector-links", Token);
        Assert.NotNull(listed!.Single().RevokedAt);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_anonymous_projector_page_and_stream_refuse_an_address_that_opens_them_too_often(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        app.Settings["Projector:OpensPerMinute"] = "4";
        var address = LiveHosting.Start(app);
        var secretary = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.Secretariat));
        var chair = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.Chair));
        var run = await FloorTestData.RunningAsync(app, chair.Http);
        var made = await secretary.Http.PostAsJsonAsync($"/api/meetings/{run.MeetingId}/projector-links", new ProjectorLinkInput("Màn hình hội trường"), Token);
        var link = (await made.Content.ReadFromJsonAsync<NewProjectorLink>(Token))!;

        // Guessed tokens count like real ones: a script trying them runs out of opens as fast.
        using var anonymous = new HttpClient { BaseAddress = address };
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/trinh-chieu/doan-thu-1/events", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/trinh-chieu/doan-thu-2", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(link.Path, Token)).StatusCode);
        using (var stream = await anonymous.GetAsync(link.Path + "/events", HttpCompletionOption.ResponseHeadersRead, Token))
        {
            Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        }

        // The fifth open in the minute: refused in Vietnamese, the page and the stream alike, with nothing read.
        var page = await anonymous.GetAsync(link.Path, Token);
        await Problems.AssertVietnameseAsync(page, HttpStatusCode.TooManyRequests);
        Assert.Equal("60", page.Headers.RetryAfter?.ToString());
        var events = await anonymous.GetAsync(link.Path + "/events", HttpCompletionOption.ResponseHeadersRead, Token);
        Assert.Contains("trình chiếu", await Problems.AssertVietnameseAsync(events, HttpStatusCode.TooManyRequests), StringComparison.Ordinal);

        // Signed-in work from the same address is not held back by it.
        Assert.Equal(HttpStatusCode.OK, (await secretary.Http.GetAsync($"/api/meetings/{run.MeetingId}/projector-links", Token)).StatusCode);
    }
}
