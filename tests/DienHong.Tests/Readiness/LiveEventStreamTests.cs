using System.Security.Claims;
using DienHong.Features.Live;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace DienHong.Tests.Readiness;

/// <summary>What an open SSE stream keeps of its request (the memory of an idle watcher).</summary>
public class LiveEventStreamTests
{
    private sealed class ScopedProbe : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    [Fact]
    public async Task An_open_stream_lets_go_of_its_requests_services_and_signed_in_principal()
    {
        await using var services = new ServiceCollection().AddScoped<ScopedProbe>().BuildServiceProvider(validateScopes: true);
        var http = new DefaultHttpContext();
        var requestServices = new RequestServicesFeature(http, services.GetRequiredService<IServiceScopeFactory>());
        http.Features.Set<IServiceProvidersFeature>(requestServices);
        var probe = http.RequestServices.GetRequiredService<ScopedProbe>();
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "thuky")], "cookie"));
        var signIn = new SignedInFeatures(principal);
        http.Features.Set<IHttpAuthenticationFeature>(signIn);
        http.Features.Set<IAuthenticateResultFeature>(signIn);
        Assert.True(http.User.Identity!.IsAuthenticated);

        await LiveEventStream.LetGoOfRequestStateAsync(http);

        Assert.True(probe.Disposed, "the request's scoped services are still held");
        Assert.False(http.User.Identity!.IsAuthenticated);
        Assert.Null(http.Features.Get<IAuthenticateResultFeature>()!.AuthenticateResult);
        // Whatever still asks for a service gets a fresh scope, disposed with the response.
        var later = http.RequestServices.GetRequiredService<ScopedProbe>();
        Assert.NotSame(probe, later);
        Assert.False(later.Disposed);
    }

    [Fact]
    public async Task A_stream_writes_its_events_in_order_and_ends_and_leaves_the_fan_out_when_the_watcher_goes()
    {
        await using var services = new ServiceCollection().BuildServiceProvider();
        var http = new DefaultHttpContext();
        http.Features.Set<IServiceProvidersFeature>(new RequestServicesFeature(http, services.GetRequiredService<IServiceScopeFactory>()));
        var body = new WrittenBody();
        http.Response.Body = body;
        using var watcherGoes = new CancellationTokenSource();
        http.RequestAborted = watcherGoes.Token;
        var left = 0;
        var subscription = new LiveSubscription(LiveViewer.Public, 16, _ => Interlocked.Increment(ref left));
        static LiveMessage Event(long number) => LiveMessage.From(new LiveEvent
        {
            Number = number,
            Type = "readiness.site",
            Audience = LiveAudience.Public,
            Payload = $"{{\"n\":{number}}}",
            At = DateTime.UtcNow,
        });
        subscription.Offer(Event(1));
        subscription.Offer(Event(2));

        var streaming = new LiveEventStream(subscription).ExecuteAsync(http);
        await WrittenAsync(body, "id: 2\n");
        subscription.Offer(Event(3));
        await WrittenAsync(body, "id: 3\n");
        Assert.False(streaming.IsCompleted);

        // The wait for the next event takes no token: the watcher going must still end it.
        await watcherGoes.CancelAsync();
        await streaming.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(1, left);
        var text = body.Text();
        var ids = text.Split('\n').Where(l => l.StartsWith("id: ", StringComparison.Ordinal)).Select(l => l[4..]).ToArray();
        Assert.Equal(["1", "2", "3"], ids);
        Assert.StartsWith("event: ready\n", text, StringComparison.Ordinal);
    }

    private static async Task WrittenAsync(WrittenBody body, string expected)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (body.Text().Contains(expected, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"the stream never wrote \"{expected.TrimEnd()}\"");
    }

    /// <summary>A response body the test reads while the stream writes it from another thread.</summary>
    private sealed class WrittenBody : MemoryStream
    {
        private readonly Lock sync = new();

        public string Text()
        {
            lock (sync)
            {
                return System.Text.Encoding.UTF8.GetString(GetBuffer(), 0, (int)Length);
            }
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (sync)
            {
                base.Write(buffer, offset, count);
            }
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            lock (sync)
            {
                base.Write(buffer);
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer, offset, count);
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>As the authentication middleware leaves them: the principal and the result it came from.</summary>
    private sealed class SignedInFeatures(ClaimsPrincipal principal) : IHttpAuthenticationFeature, IAuthenticateResultFeature
    {
        public AuthenticateResult? AuthenticateResult { get; set; } = AuthenticateResult.Success(new AuthenticationTicket(principal, "cookie"));

        public ClaimsPrincipal? User { get; set; } = principal;
    }
}
