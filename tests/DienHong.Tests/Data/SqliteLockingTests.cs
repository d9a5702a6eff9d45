using DienHong.Data;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DienHong.Tests.Data;

/// <summary>How the app's SQLite connections meet each other (live changes and check-ins write concurrently).</summary>
public class SqliteLockingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_apps_sqlite_file_keeps_a_write_ahead_log_and_a_busy_writer_is_waited_for_inside_sqlite_without_a_disk_wait_per_commit()
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DienHongDbContext>();
        await db.Database.OpenConnectionAsync(Token);

        // Readers do not block a writer's commit, nor a writer the readers.
        Assert.Equal("wal", await PragmaAsync(db, "journal_mode"));
        // SQLite's own busy handler (steps of a few milliseconds) up to the connection's timeout, not
        // the driver's retry loop of 150 ms sleeps.
        Assert.Equal("30000", await PragmaAsync(db, "busy_timeout"));
        // In WAL mode a commit need not wait for the disk (1 = NORMAL).
        Assert.Equal("1", await PragmaAsync(db, "synchronous"));
    }

    private static async Task<string?> PragmaAsync(DienHongDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToString(await command.ExecuteScalarAsync(Token), System.Globalization.CultureInfo.InvariantCulture);
    }
}
