using DienHong.Data;
using DienHong.Features.Imports;

namespace DienHong.Features.Participants;

/// <summary>Imports a meeting's participants from CSV or XLSX: the whole file lands or nothing does.</summary>
public static class ParticipantImport
{
    public static Task<ImportResult> ImportParticipantsAsync(this DienHongDbContext db, int meetingId, Stream content, string fileName, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("being written");
}
