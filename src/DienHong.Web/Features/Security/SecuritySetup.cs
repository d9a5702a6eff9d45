using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;

namespace DienHong.Features.Security;

/// <summary>
/// HTTP hardening: the client's address and scheme from a trusted TLS proxy (so cookies are Secure
/// and HSTS is sent), security headers, the same-origin check on state changes, and the framework's
/// rate limiter on sign-in and on expensive endpoints. See docs/decisions/0008.
/// </summary>
public static class SecuritySetup
{
    /// <summary>Rate-limit policy for endpoints that convert, zip or import: per user (or address), per minute.</summary>
    public const string Expensive = nameof(Expensive);

    public static IServiceCollection AddDienHongSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        // Only proxies named in Http:KnownProxies (besides loopback) may say who the client is and that it used TLS.
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in configuration.GetSection("Http:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));

        var signInsPerMinute = configuration.GetValue("Http:SignInsPerMinute", 20);
        var expensivePerMinute = configuration.GetValue("Http:ExpensiveRequestsPerMinute", 30);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.Response.WriteAsJsonAsync(
                    new { title = "Quá nhiều yêu cầu. Hãy thử lại sau một phút.", status = 429 }, options: null, contentType: "application/problem+json", cancellationToken);
            };
            // Sign-in attempts per client address, whichever account they name (the sign-in page and the API alike).
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && (context.Request.Path.Equals("/account/login", StringComparison.OrdinalIgnoreCase) || context.Request.Path.Equals("/api/account/login", StringComparison.OrdinalIgnoreCase))
                    ? RateLimitPartition.GetFixedWindowLimiter("sign-in:" + Address(context), _ => new FixedWindowRateLimiterOptions { PermitLimit = signInsPerMinute, Window = TimeSpan.FromMinutes(1) })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            options.AddPolicy(Expensive, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.Identity?.Name ?? Address(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = expensivePerMinute, Window = TimeSpan.FromMinutes(1) }));
        });
        return services;
    }

    /// <summary>The first middleware: the real client address and scheme, then HSTS, headers and the same-origin check.</summary>
    public static IApplicationBuilder UseDienHongSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<SameOriginMiddleware>();
        return app;
    }

    /// <summary>The client's address as the forwarded-headers middleware established it.</summary>
    public static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
