using DienHong.Data;
using DienHong.Features.Imports;

namespace DienHong.Features.Organizations;

/// <summary>Imports organizations from CSV: the whole file lands or nothing does.</summary>
public static class OrganizationImport
{
    public static Task<ImportResult> ImportOrganizationsAsync(this DienHongDbContext db, Stream content, string fileName, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("being written");
}
