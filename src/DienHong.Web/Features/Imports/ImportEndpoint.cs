using Microsoft.AspNetCore.Http.HttpResults;

namespace DienHong.Features.Imports;

public sealed record ImportResponse(int Imported);

/// <summary>How every import endpoint answers: 200 with the count, or a 400 problem listing each bad row.</summary>
public static class ImportEndpoint
{
    public static ProblemHttpResult MeetingNotFound { get; } = TypedResults.Problem(title: "Không tìm thấy cuộc họp.", statusCode: StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> RunAsync(IFormFile file, Func<Stream, string, Task<ImportResult>> import)
    {
        await using var content = file.OpenReadStream();
        var result = await import(content, file.FileName);
        if (result.Succeeded)
        {
            return TypedResults.Ok(new ImportResponse(result.Imported));
        }

        return TypedResults.Problem(
            title: "Tệp có dòng không hợp lệ, chưa nhập dòng nào.",
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["rows"] = result.Errors });
    }
}
