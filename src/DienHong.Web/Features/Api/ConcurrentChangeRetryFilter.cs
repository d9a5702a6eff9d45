using DienHong.Data;

namespace DienHong.Features.Api;

/// <summary>
/// A write that met a concurrent change to the same meeting (its version moved on, a unique value
/// was taken in between) runs again on fresh data: the handler reloads the meeting and checks its
/// rules again, so ten people adding agenda items at once all land, numbered in turn, while a rule
/// such as "one host site" refuses the second host. After a few tries the client gets a 409.
/// </summary>
internal sealed class ConcurrentChangeRetryFilter : IEndpointFilter
{
    private const int Attempts = 10;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await next(context);
            }
            catch (Exception exception) when (attempt < Attempts && DatabaseErrors.IsConcurrentChange(exception) && !http.RequestAborted.IsCancellationRequested)
            {
                // The request's context holds what the failed attempt loaded and changed: start clean.
                http.RequestServices.GetRequiredService<DienHongDbContext>().ChangeTracker.Clear();
                await Task.Delay(Random.Shared.Next(5, 30 * attempt), http.RequestAborted);
            }
        }
    }
}
