using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace DienHong.Features.Validation;

public static class ProblemDetailsExtensions
{
    public static HttpValidationProblemDetails ToProblemDetails(this RuleViolationException exception, IStringLocalizer localizer) =>
        ToProblemDetails(exception.Violations, localizer);

    public static HttpValidationProblemDetails ToProblemDetails(this IEnumerable<RuleViolation> violations, IStringLocalizer localizer) =>
        new(violations.GroupBy(v => v.Field).ToDictionary(g => g.Key, g => g.Select(v => v.Message(localizer)).ToArray()))
        {
            Title = localizer["Dữ liệu không hợp lệ, chưa lưu thay đổi nào."],
            Status = StatusCodes.Status400BadRequest,
        };

    public static ValidationProblem ToValidationProblem(this IEnumerable<RuleViolation> violations, IStringLocalizer localizer)
    {
        var details = violations.ToProblemDetails(localizer);
        return TypedResults.ValidationProblem(details.Errors, title: details.Title);
    }
}
