using DienHong.Features.Validation;
using DienHong.Resources;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Localization;

namespace DienHong.Features.Api;

/// <summary>Turns broken rules into a 400 validation problem document with the user's-language messages.</summary>
internal sealed class RuleViolationExceptionHandler(IProblemDetailsService problems, IStringLocalizer<SharedResource> localizer) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not RuleViolationException violation)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = violation.ToProblemDetails(localizer),
        });
    }
}
