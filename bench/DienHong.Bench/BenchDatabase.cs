using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Auditing;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Bench;

/// <summary>
/// A fresh, migrated database of either provider, as the app uses it (audited saves); PostgreSQL
/// runs on the server the tests start (their PostgresServer), on loopback.
/// </summary>
internal sealed class BenchDatabase(DatabaseProvider provider, string connectionString)
{
    private static int counter;

    public DatabaseProvider Provider { get; } = provider;

    public string ConnectionString { get; } = connectionString;

    public static async Task<BenchDatabase?> CreateAsync(DatabaseProvider provider)
    {
        string connectionString;
        if (provider == DatabaseProvider.PostgreSql)
        {
            if (PostgresServer.FindBinaries() is null)
            {
                Console.WriteLine("  (PostgreSQL binaries not found: PostgreSQL figures skipped)");
                return null;
            }

            var server = await PostgresServer.GetAsync();
            var name = $"bench_{Environment.ProcessId}_{Interlocked.Increment(ref counter)}";
            await server.CreateDatabaseAsync(name);
            connectionString = server.ConnectionString(name);
        }
        else
        {
            connectionString = $"Data Source={Path.Combine(Path.GetTempPath(), $"dienhong-bench-{Guid.NewGuid():N}.db")};Pooling=false";
        }

        await DatabaseSetup.MigrateAsync(provider, connectionString);
        return new BenchDatabase(provider, connectionString);
    }

    /// <summary>A context as the app's: changes audited (the interceptor), text checked and folded on save.</summary>
    public DienHongDbContext Audited() => Create(audited: true);

    /// <summary>The baseline's context: the same model and database, no auditing.</summary>
    public DienHongDbContext Bare() => Create(audited: false);

    private DienHongDbContext Create(bool audited)
    {
        var builder = new DbContextOptionsBuilder<DienHongDbContext>();
        DatabaseSetup.Configure(builder, Provider, ConnectionString);
        if (audited)
        {
            builder.AddInterceptors(new AuditInterceptor(new CurrentUser(), TimeProvider.System));
        }

        return new DienHongDbContext(builder.Options);
    }
}
