using System.Data.Common;
using DienHong.Features.Auditing;
using DienHong.Features.Petitions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace DienHong.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>Configuration section "Database".</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Connection string; for SQLite, empty means a file in the data folder.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder for the SQLite file and other local data; relative to the content root.</summary>
    public string DataFolder { get; set; } = "data";
}

public static class DatabaseSetup
{
    public static IServiceCollection AddDienHongDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = ResolveConnectionString(options, environment);
        services.AddSingleton(options);
        services.AddScoped<AuditInterceptor>();

        // A factory for interactive components (a context per operation) that also registers the
        // context itself as scoped for endpoints.
        services.AddDbContextFactory<DienHongDbContext>(
            (provider, builder) =>
            {
                Configure(builder, options.Provider, connectionString);
                builder.AddInterceptors(provider.GetRequiredService<AuditInterceptor>());
            },
            ServiceLifetime.Scoped);
        return services;
    }

    public static string ResolveConnectionString(DatabaseOptions options, IHostEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        if (options.Provider != DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException("Database:ConnectionString is required for PostgreSQL.");
        }

        var folder = Path.GetFullPath(options.DataFolder, environment.ContentRootPath);
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "dienhong.db")}";
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(connectionString, sqlite => sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
                builder.AddInterceptors(SqliteLockWait.Instance);
                // Petitions' FTS5 index is created with their table (EF cannot model a virtual table).
                builder.ReplaceService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsSqlGenerator, PetitionSqliteMigrationsSqlGenerator>();
                break;
            case DatabaseProvider.PostgreSql:
                // A connection dropped by a restart or a network blip is retried; a server that stays
                // down is reported after a few seconds (a Vietnamese 503), not after half a minute.
                builder.UseNpgsql(WithAutoPrepare(connectionString), npgsql => npgsql.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)
                    .EnableRetryOnFailure(maxRetryCount: 3, maxRetryDelay: TimeSpan.FromSeconds(2), errorCodesToAdd: null));
                // Petitions' stored words column and its GIN index are created with their table (PostgreSQL only).
                builder.ReplaceService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsSqlGenerator, PetitionNpgsqlMigrationsSqlGenerator>();
                break;
        }
    }

    /// <summary>
    /// PostgreSQL: the statements a server repeats (a check-in's dozen and a half, the live catch-up, the
    /// votes) are prepared on each pooled connection after a few uses, so PostgreSQL no longer parses and
    /// plans them every time (at 200 check-ins a second PostgreSQL used about 0.7 of the 2 cores). A connection string
    /// that sets its own <c>Max Auto Prepare</c> keeps it.
    /// </summary>
    private static string WithAutoPrepare(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = 100;
        }

        return settings.ConnectionString;
    }

    /// <summary>Creates or upgrades the configured database with the provider's own migrations.</summary>
    public static Task MigrateDienHongDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var options = services.GetRequiredService<DatabaseOptions>();
        var connectionString = ResolveConnectionString(options, services.GetRequiredService<IHostEnvironment>());
        return MigrateAsync(options.Provider, connectionString, cancellationToken);
    }

    public static async Task MigrateAsync(DatabaseProvider provider, string connectionString, CancellationToken cancellationToken = default)
    {
        var builder = new DbContextOptionsBuilder();
        Configure(builder, provider, connectionString);
        await using DienHongDbContext migrations = provider switch
        {
            DatabaseProvider.PostgreSql => new PostgreSqlMigrationsContext(builder.Options),
            _ => new SqliteMigrationsContext(builder.Options),
        };
        await migrations.Database.MigrateAsync(cancellationToken);
        if (provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead log (kept by the file): readers never block a writer's commit, nor a writer the
            // readers, so a live change does not wait for the dispatcher reading the previous one.
            await migrations.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}

/// <summary>
/// Every SQLite connection: a write that finds another in progress waits in SQLite's own short
/// steps (1 ms, 2, 5 …) until that one commits, instead of Microsoft.Data.Sqlite's retry loop,
/// which sleeps 150 ms at a time (live changes and check-ins that met each other queued up behind
/// those sleeps); same overall limit, the connection's default timeout. And in write-ahead-log mode
/// a commit waits for the disk only at checkpoints (synchronous=NORMAL): the file stays consistent
/// whatever happens, and a crash of the app loses nothing; only a power cut or an operating-system
/// crash may lose the last commits. Production runs on PostgreSQL.
/// </summary>
internal sealed class SqliteLockWait : DbConnectionInterceptor
{
    public static readonly SqliteLockWait Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Wait(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Wait(connection);
        return Task.CompletedTask;
    }

    private static void Wait(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } sqlite)
        {
            SQLitePCL.raw.sqlite3_busy_timeout(handle, sqlite.DefaultTimeout * 1000);
            SQLitePCL.raw.sqlite3_exec(handle, "PRAGMA synchronous=NORMAL;");
        }
    }
}
