using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace DienHong.Features.Security;

/// <summary>
/// A per-address limit for what is reached without an account (the public petition page, the
/// projector's token link): so many requests per window from one client address, refused with a
/// Vietnamese 429 worded for the people who meet it and a Retry-After of the window.
/// <paramref name="counts"/> picks the requests the limit applies to (all when null).
/// </summary>
public sealed class PublicLimit(string refusal, int permits, TimeSpan window, Func<HttpContext, bool>? counts = null) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, cancellationToken) =>
    {
        context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(window.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await context.HttpContext.Response.WriteAsJsonAsync(
            new { title = refusal, status = StatusCodes.Status429TooManyRequests }, options: null, contentType: "application/problem+json", cancellationToken);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        counts is null || counts(httpContext)
            ? RateLimitPartition.GetFixedWindowLimiter(SecuritySetup.Address(httpContext),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter("not counted");
}
