using DienHong.Data;
using DienHong.Features.Meetings;
using DienHong.Features.Validation;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Imports;

/// <summary>The last step of importing rows into a meeting: all of them, checked by the meeting's rules, or none.</summary>
public static class MeetingImport
{
    public static async Task<ImportResult> SaveAsync<T>(DienHongDbContext db, Meeting meeting, List<T> collection, IReadOnlyList<T> added, CancellationToken cancellationToken)
        where T : class
    {
        collection.AddRange(added);
        try
        {
            await db.SaveMeetingAsync(meeting, cancellationToken);
            return new ImportResult(added.Count, []);
        }
        catch (RuleViolationException violation)
        {
            // The caller's context may live on (an open editor): leave it as it was.
            foreach (var item in added)
            {
                collection.Remove(item);
                db.Entry(item).State = EntityState.Detached;
            }

            return ImportResult.Failed(violation.Violations);
        }
    }
}
