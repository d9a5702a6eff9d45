using DienHong.Data;
using DienHong.Features.Imports;
using DienHong.Features.Localization;
using DienHong.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.AdministrativeUnits;

/// <summary>
/// Imports administrative units from CSV or XLSX. Columns: Mã, Tên, Cấp (Tỉnh, Huyện, Xã), Mã đơn
/// vị cấp trên (a registered unit or one earlier in the file), Hiệu lực từ, Hiệu lực đến. No
/// district may start on or after 1 July 2025. The whole file lands or nothing does.
/// </summary>
public static class AdministrativeUnitImport
{
    public static async Task<ImportResult> ImportAdministrativeUnitsAsync(this DienHongDbContext db, Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        var (rows, readError) = await TabularFile.ReadAsync(content, fileName, cancellationToken);
        if (readError is not null)
        {
            return ImportResult.Failed([readError]);
        }

        var existing = await db.AdministrativeUnits.ToListAsync(cancellationToken);
        var byCode = existing.GroupBy(u => u.Code).ToDictionary(g => g.Key, g => g.OrderByDescending(u => u.ValidFrom).First());
        var keys = existing.Select(u => (u.Code, u.ValidFrom)).ToHashSet();
        var errors = new List<ImportRowError>();
        var added = new List<AdministrativeUnit>();
        foreach (var row in rows)
        {
            var rowErrors = new List<string>();
            var code = row.Get("Mã", "Mã đơn vị", "Code");
            var name = row.Get("Tên", "Tên đơn vị", "Name");
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
            if (levelText is null || !CellParsing.TryLabel(levelText, Labels.AdministrativeLevels, out level))
            {
                rowErrors.Add($"Cấp \"{levelText}\" không hợp lệ (Tỉnh, Huyện, Xã)");
            }

            AdministrativeUnit? parent = null;
            var parentCode = row.Get("Mã đơn vị cấp trên", "Mã cấp trên", "Parent code");
            if (parentCode is not null && !byCode.TryGetValue(parentCode, out parent))
            {
                rowErrors.Add($"không tìm thấy đơn vị cấp trên mã \"{parentCode}\"");
            }

            var (validFrom, validTo) = OrganizationImport.ReadValidity(row, rowErrors);
            if (level == AdministrativeLevel.District && validFrom >= AdministrativeUnitRules.TwoLevelReformDay)
            {
                rowErrors.Add("từ ngày 01/07/2025 không còn đơn vị hành chính cấp huyện");
            }

            if (code is not null && !keys.Add((code, validFrom)))
            {
                rowErrors.Add($"mã \"{code}\" đã có (cùng ngày hiệu lực)");
            }

            if (rowErrors.Count > 0)
            {
                errors.Add(ImportRowError.For(row, rowErrors));
                continue;
            }

            var unit = new AdministrativeUnit { Code = code!, Name = name!, Level = level, Parent = parent, ValidFrom = validFrom, ValidTo = validTo };
            byCode[unit.Code] = unit;
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
