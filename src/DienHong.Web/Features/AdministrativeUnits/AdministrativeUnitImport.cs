using DienHong.Data;
using DienHong.Features.Imports;
using DienHong.Features.Localization;
using DienHong.Features.Organizations;
using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.AdministrativeUnits;

/// <summary>
/// Imports administrative units from CSV or XLSX. Columns: Mã, Tên, Cấp (Tỉnh, Huyện, Xã), Mã đơn
/// vị cấp trên (a registered unit or one earlier in the file), Hiệu lực từ, Hiệu lực đến. No
/// district may start on or after 1 July 2025. The whole file lands or nothing does.
/// </summary>
public static class AdministrativeUnitImport
{
    /// <summary>The kinds of unit at each level, as they are written in front of a name.</summary>
    private static readonly (string, AdministrativeLevel)[] LevelAliases =
    [
        ("Cấp tỉnh", AdministrativeLevel.Province), ("Thành phố trực thuộc trung ương", AdministrativeLevel.Province),
        ("Cấp huyện", AdministrativeLevel.District), ("Quận", AdministrativeLevel.District), ("Thị xã", AdministrativeLevel.District),
        ("Cấp xã", AdministrativeLevel.Commune), ("Phường", AdministrativeLevel.Commune), ("Thị trấn", AdministrativeLevel.Commune), ("Đặc khu", AdministrativeLevel.Commune),
    ];

    public static async Task<ImportResult> ImportAdministrativeUnitsAsync(this DienHongDbContext db, Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        var (rows, readError) = await TabularFile.ReadAsync(content, fileName, cancellationToken);
        if (readError is not null)
        {
            return ImportResult.Failed([readError]);
        }

        var existing = await db.AdministrativeUnits.ToListAsync(cancellationToken);
        var byCode = new AdministrativeUnitCodes.Index<AdministrativeUnit>(existing.OrderByDescending(u => u.ValidFrom), u => u.Code);
        var errors = new List<ImportRowError>();
        var added = new List<AdministrativeUnit>();
        foreach (var row in rows)
        {
            var rowErrors = new List<string>();
            var code = row.Text(TextLimits.Code, rowErrors, "Mã", "Mã đơn vị", "Code");
            var name = row.Text(TextLimits.Name, rowErrors, "Tên", "Tên đơn vị", "Name");
            if (code is null)
            {
                rowErrors.Add("thiếu Mã");
            }

            if (name is null)
            {
                rowErrors.Add("thiếu Tên");
            }

            var levelText = row.Get("Cấp", "Level");
            var level = AdministrativeLevel.Commune;
            if (levelText is null)
            {
                rowErrors.Add("thiếu Cấp");
            }
            else if (!CellParsing.TryLabel(levelText, Labels.AdministrativeLevels, out level, LevelAliases))
            {
                rowErrors.Add($"Cấp \"{levelText}\" không hợp lệ (Tỉnh, Huyện, Xã)");
            }

            AdministrativeUnit? parent = null;
            var parentCode = row.Get("Mã đơn vị cấp trên", "Mã cấp trên", "Parent code");
            if (parentCode is not null)
            {
                // A parent is of a higher level: that decides what a bare number like 1 means.
                parent = byCode.Find(parentCode, u => levelText is null || u.Level < level, out var parentProblem, " làm đơn vị cấp trên");
                if (parentProblem is not null)
                {
                    rowErrors.Add(parentProblem);
                }
            }

            // The official list writes 2, 3 and 5 digits by level; Excel drops the leading zeros.
            code = code is null || levelText is null ? code : AdministrativeUnitCodes.Normalize(code, level);
            var (validFrom, validTo) = OrganizationImport.ReadValidity(row, rowErrors);
            var unit = new AdministrativeUnit { Code = code ?? string.Empty, Name = name ?? string.Empty, Level = level, Parent = parent, ValidFrom = validFrom, ValidTo = validTo };
            if (code is not null && name is not null)
            {
                rowErrors.AddRange(AdministrativeUnitRules.Check(unit, existing.Concat(added)).Select(v => v.Message()));
            }

            if (rowErrors.Count > 0)
            {
                errors.Add(ImportRowError.For(row, rowErrors));
                continue;
            }

            byCode.Add(unit);
            added.Add(unit);
        }

        if (errors.Count > 0)
        {
            return ImportResult.Failed(errors);
        }

        db.AdministrativeUnits.AddRange(added);
        await db.SaveChangesAsync(cancellationToken);
        return new ImportResult(added.Count, []);
    }
}
