using DienHong.Resources;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace DienHong.Features.Api;

/// <summary>
/// Every problem document has a title in the user's language: where the framework would write its
/// English default ("Bad Request", "Not Found", "An error occurred…"), a Vietnamese one instead.
/// </summary>
internal static class ProblemTitles
{
    private static readonly Dictionary<int, string> ByStatus = new()
    {
        [StatusCodes.Status400BadRequest] = "Yêu cầu không hợp lệ, chưa lưu thay đổi nào.",
        [StatusCodes.Status401Unauthorized] = "Chưa đăng nhập hoặc phiên đăng nhập đã hết hạn.",
        [StatusCodes.Status403Forbidden] = "Bạn không có quyền thực hiện thao tác này.",
        [StatusCodes.Status404NotFound] = "Không tìm thấy.",
        [StatusCodes.Status405MethodNotAllowed] = "Địa chỉ này không nhận phương thức đó.",
        [StatusCodes.Status409Conflict] = "Dữ liệu vừa được người khác thay đổi; hãy tải lại rồi làm lại.",
        [StatusCodes.Status413PayloadTooLarge] = "Nội dung gửi lên quá lớn.",
        [StatusCodes.Status415UnsupportedMediaType] = "Định dạng nội dung không được hỗ trợ: gửi JSON (application/json), hoặc biểu mẫu multipart/form-data khi gửi tệp.",
        [StatusCodes.Status429TooManyRequests] = "Quá nhiều yêu cầu; hãy thử lại sau ít phút.",
        [StatusCodes.Status500InternalServerError] = "Máy chủ gặp lỗi; thay đổi chưa được lưu.",
        [StatusCodes.Status503ServiceUnavailable] = "Hệ thống tạm thời không phục vụ được; hãy thử lại sau ít phút.",
    };

    private static readonly HashSet<string> FrameworkTitles = ["One or more validation errors occurred.", "An error occurred while processing your request."];

    public static void Localize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (problem.Title is { } title && !FrameworkTitles.Contains(title) && title != ReasonPhrases.GetReasonPhrase(status))
        {
            return;
        }

        var localizer = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        problem.Title = localizer[ByStatus.GetValueOrDefault(status, "Yêu cầu không thực hiện được.")];
    }
}
