using DienHong.Features.Auditing;
using DienHong.Features.Petitions;
using Microsoft.EntityFrameworkCore;

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
                // Petitions' FTS5 index is created with their table (EF cannot model a virtual table).
                builder.ReplaceService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsSqlGenerator, PetitionSqliteMigrationsSqlGenerator>();
                break;
            case DatabaseProvider.PostgreSql:
                // A connection dropped by a restart or a network blip is retried; a server that stays
                // down is reported after a few seconds (a Vietnamese 503), not after half a minute.
                builder.UseNpgsql(connectionString, npgsql => npgsql.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)
                    .EnableRetryOnFailure(maxRetryCount: 3, maxRetryDelay: TimeSpan.FromSeconds(2), errorCodesToAdd: null));
                // Petitions' stored words column and its GIN index are created with their table (PostgreSQL only).
                builder.ReplaceService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsSqlGenerator, PetitionNpgsqlMigrationsSqlGenerator>();
                break;
        }
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
    }
}
