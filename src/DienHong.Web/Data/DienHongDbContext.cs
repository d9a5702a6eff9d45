using DienHong.Features.Accounts;
using DienHong.Features.AdministrativeUnits;
using DienHong.Features.Agenda;
using DienHong.Features.Assignments;
using DienHong.Features.Auditing;
using DienHong.Features.Issuing;
using DienHong.Features.Meetings;
using DienHong.Features.Organizations;
using DienHong.Features.Participants;
using DienHong.Features.Petitions;
using DienHong.Features.Sites;
using DienHong.Features.Text;
using DienHong.Features.Validation;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Data;

/// <summary>
/// The one DbContext. Provider-specific subclasses (<see cref="SqliteMigrationsContext"/>,
/// <see cref="PostgreSqlMigrationsContext"/>) exist only to own each provider's migrations; see
/// docs/decisions/0002-two-providers-one-context.md.
/// </summary>
public class DienHongDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<AdministrativeUnit> AdministrativeUnits => Set<AdministrativeUnit>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<MeetingPhase> MeetingPhases => Set<MeetingPhase>();
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<Participant> Participants => Set<Participant>();
    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<Recipient> Recipients => Set<Recipient>();
    public DbSet<UserSite> UserSites => Set<UserSite>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<IssuedDocument> IssuedDocuments => Set<IssuedDocument>();
    public DbSet<OrganizationTemplate> OrganizationTemplates => Set<OrganizationTemplate>();
    public DbSet<Petition> Petitions => Set<Petition>();
    public DbSet<Recommendation> Recommendations => Set<Recommendation>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<AnswerAttachment> AnswerAttachments => Set<AnswerAttachment>();
    public DbSet<PetitionField> PetitionFields => Set<PetitionField>();
    public DbSet<PetitionSchedule> PetitionSchedules => Set<PetitionSchedule>();

    /// <summary>The Data Protection key ring (sign-in cookies, check-in codes), shared by every app node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(DienHongDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Every DateTime is UTC; SQLite hands them back unspecified, PostgreSQL insists on UTC.
        configuration.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configuration.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        configuration.Properties<Enum>().HaveConversion<string>().HaveMaxLength(TextLimits.Code);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PrepareForSave();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        PrepareForSave();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Stores every text NFC whatever the input, refuses text longer than its column (a clear
    /// message rather than a database error), and keeps meetings' search text and stamps current.
    /// </summary>
    private void PrepareForSave()
    {
        ChangeTracker.DetectChanges();
        var now = DateTime.UtcNow;
        var violations = new List<RuleViolation>();
        // An issued document is immutable: a correction is a new version. Only the link to a
        // deleted meeting may be cleared.
        foreach (var issued in ChangeTracker.Entries<IssuedDocument>().Where(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            if (issued.State == EntityState.Deleted || issued.Properties.Any(p => p.IsModified && p.Metadata.Name != nameof(IssuedDocument.MeetingId)))
            {
                violations.Add(new RuleViolation(nameof(IssuedDocument), "Văn bản {0} đã ban hành, không được sửa hay xóa; hãy ban hành phiên bản mới.", issued.Entity.Symbol ?? issued.Entity.Title));
            }
        }

        foreach (var entry in ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            foreach (var property in entry.Properties.Where(p => p.Metadata.ClrType == typeof(string) && p.CurrentValue is string))
            {
                var text = (string)property.CurrentValue!;
                var normalized = text.IsNormalized() ? text : text.Normalize();
                if (!ReferenceEquals(text, normalized))
                {
                    property.CurrentValue = normalized;
                }

                if (property.Metadata.GetMaxLength() is { } limit && normalized.Length > limit)
                {
                    violations.Add(new RuleViolation(property.Metadata.Name, "\"{0}\" dài {1} ký tự, vượt giới hạn {2} ký tự.",
                        normalized[..Math.Min(40, normalized.Length)] + "…", normalized.Length, limit));
                }
            }

            if (entry.Entity is Meeting meeting)
            {
                meeting.SearchText = VietnameseText.Fold($"{meeting.Title} {meeting.Place}");
                meeting.UpdatedAt = now;
                if (entry.State == EntityState.Added)
                {
                    meeting.CreatedAt = now;
                }
            }
            else if (entry.Entity is Petition petition)
            {
                petition.SearchText = PetitionSearch.IndexText(petition);
            }
            else if (entry.Entity is Recommendation recommendation)
            {
                recommendation.SearchText = PetitionText.Fold(recommendation.Content);
            }
        }

        RuleViolationException.ThrowIfAny(violations);
    }
}
