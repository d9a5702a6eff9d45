using DienHong.Data;
using DienHong.Features.Imports;

namespace DienHong.Features.Sites;

/// <summary>Imports a meeting's sites from CSV or XLSX: the whole file lands or nothing does.</summary>
public static class SiteImport
{
    public static Task<ImportResult> ImportSitesAsync(this DienHongDbContext db, int meetingId, Stream content, string fileName, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("being written");
}
