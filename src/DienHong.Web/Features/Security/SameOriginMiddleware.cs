namespace DienHong.Features.Security;

/// <summary>
/// Cross-site request forgery, for every state change: a POST, PUT, PATCH or DELETE (JSON, multipart
/// imports, sign-out) or a WebSocket that a browser sends from another site is refused with 403.
/// Browsers say where a request comes from (Origin, Sec-Fetch-Site); clients that are not browsers
/// send neither and carry no one else's cookie, so they pass.
/// </summary>
internal sealed class SameOriginMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var changesState = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method));
        if ((changesState || context.WebSockets.IsWebSocketRequest) && IsCrossSite(request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return context.Response.WriteAsJsonAsync(
                new { title = "Yêu cầu từ trang web khác bị từ chối.", status = 403 }, options: null, contentType: "application/problem+json");
        }

        return next(context);
    }

    private static bool IsCrossSite(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            return !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
        }

        return request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site";
    }
}
