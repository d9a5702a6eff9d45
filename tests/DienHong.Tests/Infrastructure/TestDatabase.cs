using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Auditing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DienHong.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated, real database for one test: a SQLite file or a PostgreSQL database. The
/// migrations run once per provider into a template that each test copies, so tests stay fast and
/// isolated. Use it through <see cref="Providers"/>: every database test runs on both.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? sqliteTemplate;
    private static bool postgresTemplateReady;
    private const string PostgresTemplate = "dienhong_template";

    private TestDatabase(DatabaseProvider provider, string connectionString, string? file)
    {
        Provider = provider;
        ConnectionString = connectionString;
        File = file;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    private string? File { get; }
    private (PostgresServer Server, string Name)? postgresDatabase;

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.PostgreSql)
        {
            SkipWithoutPostgres();
            var server = await PostgresServer.GetAsync();
            await EnsurePostgresTemplateAsync(server);
            var name = "test_" + Guid.NewGuid().ToString("N");
            await server.CreateDatabaseAsync(name, PostgresTemplate);
            return new TestDatabase(provider, server.ConnectionString(name), null) { postgresDatabase = (server, name) };
        }

        var template = await EnsureSqliteTemplateAsync();
        var file = Path.Combine(Path.GetTempPath(), $"dienhong-test-{Guid.NewGuid():N}.db");
        System.IO.File.Copy(template, file);
        return new TestDatabase(provider, $"Data Source={file};Pooling=false", file);
    }

    /// <summary>A database the test made itself (e.g. on a server of its own); it is not deleted at the end.</summary>
    public static TestDatabase Existing(DatabaseProvider provider, string connectionString) => new(provider, connectionString, null);

    /// <summary>A context on this database; changes are audited as <paramref name="user"/> (default: nobody).</summary>
    public DienHongDbContext CreateContext(CurrentUser? user = null)
    {
        var builder = new DbContextOptionsBuilder<DienHongDbContext>();
        DatabaseSetup.Configure(builder, Provider, ConnectionString);
        builder.AddInterceptors(new AuditInterceptor(user ?? new CurrentUser(), TimeProvider.System));
        return new DienHongDbContext(builder.Options);
    }

    /// <summary>Contexts on demand, as the app's factory gives them to components and services.</summary>
    public IDbContextFactory<DienHongDbContext> Factory => new ContextFactory(this);

    private sealed class ContextFactory(TestDatabase database) : IDbContextFactory<DienHongDbContext>
    {
        public DienHongDbContext CreateDbContext() => database.CreateContext();
    }

    /// <summary>
    /// PostgreSQL is required wherever its binaries exist and always in CI; elsewhere its tests
    /// are skipped with a message saying why.
    /// </summary>
    private static void SkipWithoutPostgres()
    {
        if (PostgresServer.FindBinaries() is null && Environment.GetEnvironmentVariable("CI") is null)
        {
            Assert.Skip("PostgreSQL binaries (initdb, pg_ctl) were not found on this machine: PostgreSQL tests skipped. Install postgresql to run them.");
        }
    }

    private static async Task<string> EnsureSqliteTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (sqliteTemplate is null)
            {
                var file = Path.Combine(Path.GetTempPath(), $"dienhong-template-{Guid.NewGuid():N}.db");
                await DatabaseSetup.MigrateAsync(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=false");
                sqliteTemplate = file;
            }

            return sqliteTemplate;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task EnsurePostgresTemplateAsync(PostgresServer server)
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (!postgresTemplateReady)
            {
                await server.CreateDatabaseAsync(PostgresTemplate);
                await DatabaseSetup.MigrateAsync(DatabaseProvider.PostgreSql, server.ConnectionString(PostgresTemplate) + ";Pooling=false");
                postgresTemplateReady = true;
            }
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (File is not null)
        {
            SqliteConnection.ClearAllPools();
            System.IO.File.Delete(File);
        }

        if (postgresDatabase is var (server, name))
        {
            // Each test database has pools of its own (the app's and the test's); left alone their idle
            // connections live on for minutes and, summed over a run, exhaust the server's max_connections.
            NpgsqlConnection.ClearAllPools();
            await server.DropDatabaseAsync(name);
        }
    }
}

/// <summary>The database providers every integration test runs on.</summary>
public static class Providers
{
    public static TheoryData<DatabaseProvider> All => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];
}
