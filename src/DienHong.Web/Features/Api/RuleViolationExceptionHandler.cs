using DienHong.Features.Validation;
using DienHong.Resources;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace DienHong.Features.Api;

/// <summary>
/// Turns broken rules into a 400 validation problem document with the user's-language messages,
/// a concurrent change into 409 and an action the user may not take into 403.
/// </summary>
internal sealed class RuleViolationExceptionHandler(IProblemDetailsService problems, IStringLocalizer<SharedResource> localizer) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, details) = exception switch
        {
            RuleViolationException violation => (StatusCodes.Status400BadRequest, (ProblemDetails)violation.ToProblemDetails(localizer)),
            ConflictException conflict => (StatusCodes.Status409Conflict, new ProblemDetails { Title = conflict.Violation.Message(localizer), Status = StatusCodes.Status409Conflict }),
            ForbiddenException forbidden => (StatusCodes.Status403Forbidden, new ProblemDetails { Title = forbidden.Violation.Message(localizer), Status = StatusCodes.Status403Forbidden }),
            _ => (0, null),
        };
        if (details is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = details });
    }
}
