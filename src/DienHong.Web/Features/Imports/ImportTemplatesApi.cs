using Microsoft.AspNetCore.Http.HttpResults;

namespace DienHong.Features.Imports;

public static class ImportTemplatesApi
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>GET /api/import-templates/mau-diem-cau.xlsx (and mau-thanh-phan, mau-co-quan, mau-don-vi-hanh-chinh).</summary>
    public static RouteGroupBuilder MapImportTemplatesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/import-templates/{fileName}", Download).WithTags("Imports");
        return api;
    }

    private static Results<FileContentHttpResult, NotFound> Download(string fileName) =>
        ImportTemplates.Find(fileName) is { } template
            ? TypedResults.File(ImportTemplates.Workbook(template), Xlsx, template.FileName)
            : TypedResults.NotFound();
}
