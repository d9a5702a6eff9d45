using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DienHong.Data;

/// <summary>Owns the SQLite migrations (Data/Migrations/Sqlite). Used to migrate, never to query.</summary>
public sealed class SqliteMigrationsContext(DbContextOptions options) : DienHongDbContext(options);

/// <summary>Owns the PostgreSQL migrations (Data/Migrations/PostgreSql). Used to migrate, never to query.</summary>
public sealed class PostgreSqlMigrationsContext(DbContextOptions options) : DienHongDbContext(options);

/// <summary>Design-time factories for `dotnet ef migrations add … --context …`.</summary>
internal sealed class SqliteMigrationsContextFactory : IDesignTimeDbContextFactory<SqliteMigrationsContext>
{
    public SqliteMigrationsContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgreSqlMigrationsContextFactory : IDesignTimeDbContextFactory<PostgreSqlMigrationsContext>
{
    public PostgreSqlMigrationsContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder().UseNpgsql("Host=localhost;Database=design").Options);
}
