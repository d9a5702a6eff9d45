using System.Buffers;
using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace DienHong.Features.Live;

/// <summary>
/// A watcher's queue written as server-sent events. Each message's frame is built once for every
/// watcher (<see cref="LiveMessage.Frame"/>), so a watcher costs a copy of those bytes, not an
/// encoding; everything waiting in the queue goes out with one flush, so a watcher that fell behind
/// under load catches up in one write instead of one per event. <paramref name="stopAfter"/> ends the
/// stream after a message (a revoked projector link).
/// </summary>
public sealed class LiveEventStream(LiveSubscription subscription, Func<LiveMessage, bool>? stopAfter = null) : IResult, IEndpointMetadataProvider
{
    public const string ContentType = "text/event-stream";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using (subscription)
        {
            await LetGoOfRequestStateAsync(httpContext);
            var response = httpContext.Response;
            response.ContentType = ContentType;
            response.Headers.CacheControl = "no-cache,no-store";
            response.Headers.Pragma = "no-cache";
            response.Headers.ContentEncoding = "identity";
            httpContext.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();

            var cancellationToken = httpContext.RequestAborted;
            var body = response.BodyWriter;
            // Something at once, so the response starts (headers out) even when nothing is happening;
            // "ready" carries no id and says where the stream stands.
            body.Write(LiveMessage.SseFrame("ready", null, TimeSpan.FromSeconds(1),
                LiveMessage.Envelope(subscription.Position, "ready", null, DateTime.UtcNow, "{}")));
            // The watcher leaving ends the queue, so the wait below takes no token: a wait with one
            // allocates per event and per watcher (the channel's reusable waiter is only for waits
            // that cannot be cancelled), which at 10,000 watchers is garbage the collector must chase
            // through every watcher's objects while the next event fans out.
            using var leaving = cancellationToken.UnsafeRegister(static s => ((LiveSubscription)s!).End(), subscription);
            try
            {
                await body.FlushAsync(cancellationToken);
                var queue = subscription.Reader;
                while (await queue.WaitToReadAsync(CancellationToken.None))
                {
                    while (queue.TryRead(out var message))
                    {
                        body.Write(message.Frame);
                        if (stopAfter?.Invoke(message) == true)
                        {
                            await body.FlushAsync(cancellationToken);
                            return;
                        }
                    }

                    await body.FlushAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The watcher left.
            }
        }
    }

    /// <summary>
    /// The request has done its work once the watcher has joined, but an SSE stream keeps it open for
    /// hours: let go of what sign-in, scoping and the handler left on it — the request's services
    /// (database context, authentication handler, the user's scope) and the cookie's principal — so an
    /// idle watcher costs its queue and its connection, not a signed-in request's state. Anything that
    /// still asks for a service gets a fresh scope, disposed with the response as usual.
    /// </summary>
    internal static async ValueTask LetGoOfRequestStateAsync(HttpContext httpContext)
    {
        var features = httpContext.Features;
        if (features.Get<IServiceProvidersFeature>() is { } services)
        {
            var scopes = services.RequestServices.GetRequiredService<IServiceScopeFactory>();
            features.Set<IServiceProvidersFeature>(new RequestServicesFeature(httpContext, scopes));
            if (services is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }

        httpContext.User = new ClaimsPrincipal(new ClaimsIdentity());
        if (features.Get<IAuthenticateResultFeature>() is { } authentication)
        {
            // The cookie's ticket, its principal and properties.
            authentication.AuthenticateResult = null;
        }
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), [ContentType]));
}
