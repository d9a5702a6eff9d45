using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Meetings;
using DienHong.Features.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Demo;

/// <summary>
/// Loads the demo: the online voter-contact conference of seeds/002 (Bình Phước, 19/11/2021), the
/// online extraordinary council session of seeds/004 (Điện Biên, 14/4/2020), the organizations and
/// units they name, and one demo user per role; voting in the council session (<see cref="VotingDemo"/>).
/// Running it again changes nothing.
/// </summary>
public sealed class DemoSeeder(DienHongDbContext db, UserManager<AppUser> users)
{
    public const string DemoPassword = "DienHong@2026";

    /// <summary>"--seed-demo" on the command line is the setting Demo:Seed=true.</summary>
    public static string[] TranslateArguments(string[] args) =>
        [.. args.Select(a => a == "--seed-demo" ? "--Demo:Seed=true" : a)];

    /// <summary>
    /// All or nothing, so that a failed first run leaves nothing behind to duplicate on the next;
    /// under PostgreSQL's retry policy the whole run starts again after a transient failure.
    /// </summary>
    public Task SeedAsync(CancellationToken cancellationToken = default) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            if (await db.Meetings.AnyAsync(m => m.Title == BinhPhuocDemo.Title, token))
            {
                return;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(token);
            await SeedInTransactionAsync(token);
            await transaction.CommitAsync(token);
        }, cancellationToken);

    private async Task SeedInTransactionAsync(CancellationToken cancellationToken)
    {

        // Organizations and units an administrator already registered (by name; by code and start) are reused, not doubled.
        var knownOrganizations = (await db.Organizations.ToListAsync(cancellationToken))
            .GroupBy(o => VietnameseText.Fold(o.Name)).ToDictionary(g => g.Key, g => g.First());
        var organizations = DemoOrganizations.Create(o => knownOrganizations.GetValueOrDefault(VietnameseText.Fold(o.Name), o));
        db.Organizations.AddRange(organizations.All.Where(o => o.Id == 0));
        var knownUnits = (await db.AdministrativeUnits.ToListAsync(cancellationToken))
            .GroupBy(u => (u.Code, u.ValidFrom)).ToDictionary(g => g.Key, g => g.First());
        var units = BinhPhuocDemo.Units(u => knownUnits.GetValueOrDefault((u.Code, u.ValidFrom), u));
        db.AdministrativeUnits.AddRange(units.All.Where(u => u.Id == 0));
        await db.SaveChangesAsync(cancellationToken);

        var conference = BinhPhuocDemo.Conference(organizations, units);
        var session = DienBienDemo.Session(organizations);
        db.Meetings.AddRange(conference, session);
        await db.SaveMeetingAsync(conference, cancellationToken);
        await db.SaveMeetingAsync(session, cancellationToken);

        var templated = await db.OrganizationTemplates.Select(t => t.OrganizationId).ToListAsync(cancellationToken);
        db.OrganizationTemplates.AddRange(DemoOrganizations.Templates(organizations).Where(t => !templated.Contains(t.OrganizationId)));
        await db.SaveChangesAsync(cancellationToken);

        ReadinessDemo.Add(db, conference, organizations);
        var dongXoaiSite = conference.Sites.First(s => s.Name.Contains("Tiến Thành", StringComparison.Ordinal));
        var binhLongSite = conference.Sites.First(s => s.Name.Contains("An Lộc", StringComparison.Ordinal));
        await AddUserAsync("thuky", "Nguyễn Thị Thu", Roles.Secretariat, organizations.DelegationOffice.Id);
        await AddUserAsync("chutoa", "Điêu Huỳnh Sang", Roles.Chair, organizations.Delegation.Id);
        await AddUserAsync("daibieu", "Phan Viết Lượng", Roles.Delegate, organizations.Delegation.Id);
        // The delegate's account is their participant of the conference: they check in and ask for the floor from their phone.
        if (await users.FindByNameAsync("daibieu") is { } delegateUser
            && conference.Participants.FirstOrDefault(p => p.PersonName == "Phan Viết Lượng") is { UserId: null } delegateParticipant)
        {
            delegateParticipant.UserId = delegateUser.Id;
            await db.SaveChangesAsync(cancellationToken);
        }

        await AddUserAsync("kythuat.dongxoai", "Trần Văn Kỹ", Roles.SiteOperator, null, dongXoaiSite.Id);
        await AddUserAsync("kythuat.binhlong", "Lê Thị Thuật", Roles.SiteOperator, null, binhLongSite.Id);
        await AddUserAsync("dienluc", "Nguyễn Văn Điện", Roles.Agency, organizations.Power.Id);
        await AddUserAsync("xem", "Lê Minh Xem", Roles.Viewer, null);
        await Petitions.PetitionDemo.SeedAsync(db, conference, session, cancellationToken);
        await AddUserAsync("sogtvt", "Hoàng Văn Giao", Roles.Agency, organizations.AnsweringDepartments[5].Id);
        await AddUserAsync("soyte", "Trần Thị Y", Roles.Agency, organizations.AnsweringDepartments[1].Id);
        await VotingDemo.SeedAsync(db, users, session, organizations.DienBienCouncil.Id, AddUserAsync, cancellationToken);
    }

    private async Task AddUserAsync(string userName, string fullName, string role, int? organizationId, params int[] siteIds)
    {
        if (await users.FindByNameAsync(userName) is not null)
        {
            return;
        }

        var user = new AppUser { UserName = userName, FullName = fullName, OrganizationId = organizationId };
        user.Sites.AddRange(siteIds.Select(id => new UserSite { UserId = user.Id, SiteId = id }));
        var created = await users.CreateAsync(user, DemoPassword);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Demo user {userName}: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, role);
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
