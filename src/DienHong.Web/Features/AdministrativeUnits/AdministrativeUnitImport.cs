using DienHong.Data;
using DienHong.Features.Imports;

namespace DienHong.Features.AdministrativeUnits;

/// <summary>Imports administrative units from CSV: the whole file lands or nothing does.</summary>
public static class AdministrativeUnitImport
{
    public static Task<ImportResult> ImportAdministrativeUnitsAsync(this DienHongDbContext db, Stream content, string fileName, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("being written");
}
