using DienHong.Features.Auditing;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Data;

/// <summary>
/// Explicit transactions under the provider's execution strategy. On PostgreSQL the strategy
/// retries transient failures (a connection dropped by a restart), which it can only do for a
/// transaction the code opens if the whole unit runs inside it — that is what this does.
/// </summary>
public static class DatabaseTransactions
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction (or in the caller's, if one is open). The
    /// work saves with <c>SaveChangesAsync(acceptAllChangesOnSuccess: false)</c>, so that a retry
    /// saves the same changes again; they are accepted once committed.
    /// </summary>
    public static async Task InTransactionAsync(this DienHongDbContext db, Func<CancellationToken, Task> work, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await work(cancellationToken);
        }
        else
        {
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
            {
                // A failed attempt already added its audit entries; the next adds them again.
                foreach (var audit in db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).ToList())
                {
                    audit.State = EntityState.Detached;
                }

                await using var transaction = await db.Database.BeginTransactionAsync(token);
                await work(token);
                await transaction.CommitAsync(token);
            }, cancellationToken);
        }

        db.ChangeTracker.AcceptAllChanges();
    }
}
