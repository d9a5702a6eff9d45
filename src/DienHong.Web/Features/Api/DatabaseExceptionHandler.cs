using System.Text.Encodings.Web;
using DienHong.Data;
using DienHong.Features.Validation;
using DienHong.Resources;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace DienHong.Features.Api;

/// <summary>
/// Database trouble in the user's language, never a bare 500: a concurrent change is a 409
/// ("reload"), a reference deleted in between or text the database refuses a 400, and an outage a
/// 503 — a problem document for the API, a short page for a browser — that says to try again.
/// </summary>
internal sealed class DatabaseExceptionHandler(
    IProblemDetailsService problems, IStringLocalizer<SharedResource> localizer, HtmlEncoder html, ILogger<DatabaseExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client should wait before trying again after an outage.</summary>
    public const int RetryAfterSeconds = 30;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            ConcurrentChangeException => (StatusCodes.Status409Conflict, ConcurrentChangeException.Template),
            _ when DatabaseErrors.IsMissingReference(exception) => (StatusCodes.Status400BadRequest, "Dữ liệu liên kết tới một bản ghi không còn tồn tại (có thể vừa bị xóa). Hãy tải lại rồi làm lại."),
            _ when DatabaseErrors.IsInvalidText(exception) => (StatusCodes.Status400BadRequest, "Nội dung chứa ký tự không hợp lệ (ví dụ ký tự NUL)."),
            _ when DatabaseErrors.IsConcurrentChange(exception) => (StatusCodes.Status409Conflict, ConcurrentChangeException.Template),
            _ when DatabaseErrors.IsUnavailable(exception) => (StatusCodes.Status503ServiceUnavailable, "Hệ thống tạm thời không kết nối được cơ sở dữ liệu; chưa có thay đổi nào được lưu. Hãy thử lại sau ít phút."),
            _ => (0, string.Empty),
        };
        if (status == 0)
        {
            return false;
        }

        var message = localizer[title].Value;
        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning(exception, "Database unavailable: {Path} answered 503.", httpContext.Request.Path);
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (WantsPage(httpContext.Request))
            {
                await WritePageAsync(httpContext, message, cancellationToken);
                return true;
            }
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = message },
        });
    }

    /// <summary>A browser asking for a page (not the API) gets a page.</summary>
    private static bool WantsPage(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api") && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    /// <summary>A page that needs nothing from the database, the layout or the circuit.</summary>
    private async Task WritePageAsync(HttpContext httpContext, string message, CancellationToken cancellationToken)
    {
        httpContext.Response.ContentType = "text/html; charset=utf-8";
        var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var heading = html.Encode(localizer["Tạm thời gián đoạn"]);
        var again = html.Encode(localizer["Thử lại"]);
        var address = html.Encode(httpContext.Request.PathBase + httpContext.Request.Path + httpContext.Request.QueryString);
        var page = $$"""
            <!DOCTYPE html>
            <html lang="{{language}}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{heading}} — Diên Hồng</title>
            <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}h1{font-size:1.4rem}</style></head>
            <body><h1>{{heading}}</h1><p>{{html.Encode(message)}}</p><p><a href="{{address}}">{{again}}</a></p></body>
            </html>
            """;
        await httpContext.Response.WriteAsync(page, cancellationToken);
    }
}
