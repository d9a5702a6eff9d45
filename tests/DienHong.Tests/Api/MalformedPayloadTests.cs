using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DienHong.Data;
using DienHong.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace DienHong.Tests.Api;

/// <summary>
/// Every write route in the app's route table gets malformed requests (<see cref="MalformedRequests"/>,
/// built from the valid one in <see cref="WriteRoutes"/>) and never answers 500: a refusal is a
/// problem document in Vietnamese. A write route with no sample fails the test by name.
/// </summary>
public partial class MalformedPayloadTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private sealed record WriteRoute(string Key, string Method, RouteEndpoint Endpoint)
    {
        public bool IsPage => Endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Every_write_route_answers_malformed_requests_with_a_Vietnamese_problem_and_never_a_500(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var admin = await app.AdministratorClientAsync();
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var fixture = await WriteFixture.CreateAsync(admin, app.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(), app.SignInAsync);
        var json = app.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var routes = WriteRoutesOf(app.Services.GetRequiredService<EndpointDataSource>());

        var unlisted = routes.Where(r => !r.IsPage && !WriteRoutes.Samples.ContainsKey(r.Key)).Select(r => r.Key).ToList();
        Assert.True(unlisted.Count == 0, "Write routes with no valid sample: add one to tests/DienHong.Tests/Api/WriteRoutes.cs for\n" + string.Join('\n', unlisted));
        var gone = WriteRoutes.Samples.Keys.Except(routes.Select(r => r.Key)).ToList();
        Assert.True(gone.Count == 0, "Samples in WriteRoutes.cs for routes the app no longer has:\n" + string.Join('\n', gone));

        var failures = new List<string>();
        var sent = 0;
        // Deletes go last: they remove what the other samples write to.
        foreach (var route in routes.Where(r => !r.IsPage).OrderBy(r => r.Method == HttpMethods.Delete).ThenBy(r => r.Key, StringComparer.Ordinal))
        {
            var sample = await WriteRoutes.Samples[route.Key](fixture);
            var client = sample.Anonymous ? anonymous : sample.AsDelegate ? fixture.Delegate! : admin;
            var requestType = route.Endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            if (route.Method != HttpMethods.Delete)
            {
                await SendValidAsync(client, route, sample, failures);
            }

            foreach (var variant in MalformedRequests.For(sample, requestType, json))
            {
                using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(route.Method), variant.Path) { Content = variant.Content() }, Token);
                sent++;
                if (await WhatIsWrongAsync(response) is { } wrong)
                {
                    failures.Add($"{route.Key} — {variant.Label}: {wrong}");
                }
            }

            if (route.Method == HttpMethods.Delete)
            {
                await SendValidAsync(client, route, sample, failures);
            }
        }

        // Pages take form posts from the browser (with an antiforgery token); junk must not break them either.
        foreach (var page in routes.Where(r => r.IsPage))
        {
            var path = Regex.Replace(page.Endpoint.RoutePattern.RawText ?? "/", @"\{[^}]*\}", fixture.MeetingId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var content in new HttpContent[]
            {
                new StringContent("_handler=x&__RequestVerificationToken=\u0000", Encoding.UTF8, "application/x-www-form-urlencoded"),
                new StringContent("{\"a\":", Encoding.UTF8, "application/json"),
                new ByteArrayContent([0, 0xFF, 0x1B]),
            })
            {
                using var response = await admin.PostAsync(path, content, Token);
                sent++;
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{page.Key} — a malformed form post: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} malformed requests were not refused properly:\n" + string.Join('\n', failures.Take(60)));
        Assert.True(sent > 500, $"only {sent} malformed requests were sent");
        await using var db = app.CreateContext();
        var stored = (await db.Meetings.Select(m => m.Title + m.Place + m.Purpose).ToListAsync(Token))
            .Concat(await db.Sites.Select(s => s.Name + s.Room).ToListAsync(Token))
            .Concat(await db.Participants.Select(p => p.PersonName + p.Title).ToListAsync(Token))
            .Concat(await db.Organizations.Select(o => o.Name).ToListAsync(Token));
        Assert.DoesNotContain(stored, text => text.Any(c => char.IsControl(c) && c is not '\n' and not '\t'));
    }

    private static async Task SendValidAsync(HttpClient client, WriteRoute route, WriteSample sample, List<string> failures)
    {
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(route.Method), sample.Path) { Content = MalformedRequests.ContentOf(sample) }, Token);
        if (sample.NeedsPageToken)
        {
            // Only a page can send it properly; from here it must be refused, in Vietnamese, not fail.
            var wrong = await WhatIsWrongAsync(response);
            if (wrong is not null || response.StatusCode != System.Net.HttpStatusCode.BadRequest)
            {
                failures.Add($"{route.Key} — without the page's token: {(int)response.StatusCode} {wrong}");
            }
        }
        else if ((int)response.StatusCode >= 400)
        {
            failures.Add($"{route.Key} — the valid sample was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Token)}");
        }
    }

    /// <summary>Null when the answer is right: below 500, and a Vietnamese problem document if it refuses.</summary>
    private static async Task<string?> WhatIsWrongAsync(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(Token);
        var shown = body.Length > 300 ? body[..300] + "…" : body;
        if (status >= 500)
        {
            return $"{status} {shown}";
        }

        if (status < 400)
        {
            return null;
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{status} without a problem document ({response.Content.Headers.ContentType}): {shown}";
        }

        using var problem = JsonDocument.Parse(body);
        return Problems.IsVietnamese(problem.RootElement.GetProperty("title").GetString()) ? null : $"{status} not in Vietnamese: {shown}";
    }

    /// <summary>The app's POST, PUT, PATCH and DELETE routes, keyed "METHOD /pattern/{}" (parameter names left out).</summary>
    private static List<WriteRoute> WriteRoutesOf(EndpointDataSource endpoints) =>
        [.. endpoints.Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
                .Where(m => m is "POST" or "PUT" or "PATCH" or "DELETE")
                .Select(m => new WriteRoute($"{m} {Key(e.RoutePattern.RawText)}", m, e)))];

    private static string Key(string? pattern)
    {
        var key = Parameter().Replace(pattern ?? string.Empty, "{}").TrimEnd('/');
        return key.StartsWith('/') ? key : "/" + key;
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();
}
