using DienHong.Features.Validation;
using DienHong.Resources;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace DienHong.Features.Api;

/// <summary>
/// A request the framework could not read (malformed JSON, a value of the wrong type, a missing
/// body or parameter, a wrong content type) becomes a problem document naming each field in the
/// user's language, in every environment (the framework is set to throw these, see ApiSetup).
/// </summary>
internal sealed class BadRequestExceptionHandler(
    IProblemDetailsService problems, IStringLocalizer<SharedResource> localizer, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        // The middleware has already cleared the request's endpoint; the feature keeps it.
        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
        var details = BindingErrors.Describe(badRequest, endpoint, json.Value.SerializerOptions).ToProblemDetails(localizer);
        details.Status = badRequest.StatusCode;
        details.Title = localizer["Không đọc được yêu cầu, chưa lưu thay đổi nào."];
        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = details });
    }
}
