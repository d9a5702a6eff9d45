using System.Security.Cryptography;

namespace DienHong.Features.Security;

/// <summary>
/// Headers every answer carries, pages and API alike: a content-security policy (scripts from this
/// site only, plus the one inline import map with this request's nonce), nosniff, a same-origin
/// referrer and no framing by other sites.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string NonceKey = "DienHong.CspNonce";

    /// <summary>The nonce of this request's content-security policy, for the page's one inline script (the import map).</summary>
    public static string Nonce(HttpContext context) => (string)context.Items[NonceKey]!;

    public Task InvokeAsync(HttpContext context)
    {
        // Hex: valid in a CSP nonce and never changed by HTML attribute encoding (base64's + would be).
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy =
                $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
                "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
