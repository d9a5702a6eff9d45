using DienHong.Features.Accounts;
using DienHong.Features.AdministrativeUnits;
using DienHong.Features.Agenda;
using DienHong.Features.Assignments;
using DienHong.Features.Attendance;
using DienHong.Features.Auditing;
using DienHong.Features.Incidents;
using DienHong.Features.Issuing;
using DienHong.Features.Live;
using DienHong.Features.Meetings;
using DienHong.Features.Organizations;
using DienHong.Features.Participants;
using DienHong.Features.Petitions;
using DienHong.Features.Readiness;
using DienHong.Features.Sites;
using DienHong.Features.Sittings;
using DienHong.Features.Text;
using DienHong.Features.Validation;
using DienHong.Features.Voting;
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
    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();
    public DbSet<LiveEvent> LiveEvents => Set<LiveEvent>();
    public DbSet<LiveStream> LiveStreams => Set<LiveStream>();
    public DbSet<SitePresence> SitePresences => Set<SitePresence>();
    public DbSet<ReadinessCheck> ReadinessChecks => Set<ReadinessCheck>();
    public DbSet<ReadinessMark> ReadinessMarks => Set<ReadinessMark>();
    public DbSet<ReadinessPhoto> ReadinessPhotos => Set<ReadinessPhoto>();
    public DbSet<ConnectionTest> ConnectionTests => Set<ConnectionTest>();
    public DbSet<ChecklistTemplateItem> ChecklistTemplateItems => Set<ChecklistTemplateItem>();
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<DocumentTemplate> DocumentTemplates => Set<DocumentTemplate>();
    public DbSet<RegisterStart> RegisterStarts => Set<RegisterStart>();
    public DbSet<MeetingReference> MeetingReferences => Set<MeetingReference>();
    public DbSet<Sitting> Sittings => Set<Sitting>();
    public DbSet<AgendaItemRun> AgendaItemRuns => Set<AgendaItemRun>();
    public DbSet<CheckIn> CheckIns => Set<CheckIn>();
    public DbSet<SiteHeadcount> SiteHeadcounts => Set<SiteHeadcount>();
    public DbSet<Features.Floor.FloorRequest> FloorRequests => Set<Features.Floor.FloorRequest>();
    public DbSet<Features.Floor.SpeakerList> SpeakerLists => Set<Features.Floor.SpeakerList>();
    public DbSet<Features.Projector.ProjectorLink> ProjectorLinks => Set<Features.Projector.ProjectorLink>();
    public DbSet<Features.Video.SiteVideo> SiteVideos => Set<Features.Video.SiteVideo>();
    public DbSet<VotingBody> VotingBodies => Set<VotingBody>();
    public DbSet<MembershipChange> MembershipChanges => Set<MembershipChange>();
    public DbSet<Motion> Motions => Set<Motion>();
    public DbSet<Vote> Votes => Set<Vote>();
    public DbSet<SiteTally> SiteTallies => Set<SiteTally>();
    public DbSet<Candidate> Candidates => Set<Candidate>();
    public DbSet<BallotCast> BallotCasts => Set<BallotCast>();
    public DbSet<Ballot> Ballots => Set<Ballot>();
    public DbSet<BallotMark> BallotMarks => Set<BallotMark>();

    /// <summary>The Data Protection key ring (sign-in cookies, check-in codes), shared by every app node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(DienHongDbContext).Assembly);
        TolerantEnumConverter.ApplyTo(builder.Model);
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
        RuleViolationException.ThrowIfAny(PrepareForSaveAsync(async: false, CancellationToken.None).GetAwaiter().GetResult());
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RuleViolationException.ThrowIfAny(await PrepareForSaveAsync(async: true, cancellationToken));
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Changes are detected once: the checks walk the tracked entries several times, and with
    /// detection on every walk would scan everything tracked again (large saves would grow quadratic).
    /// </summary>
    private async Task<List<RuleViolation>> PrepareForSaveAsync(bool async, CancellationToken cancellationToken)
    {
        ChangeTracker.DetectChanges();
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var violations = PrepareForSave();
            violations.AddRange(await SaveChecks.MissingReferencesAsync(this, async, cancellationToken));
            return violations;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>
    /// Stores every text NFC and without control characters whatever the input (see
    /// <see cref="InputText"/>), refuses text longer than its column, enum values and dates out of
    /// range (<see cref="SaveChecks"/>) — clear messages rather than database errors — and keeps
    /// meetings' search text, stamps and versions current.
    /// </summary>
    private List<RuleViolation> PrepareForSave()
    {
        SaveChecks.StampMeetingVersions(ChangeTracker);
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
                var clean = InputText.Clean(text, SaveChecks.IsMultiline(property.Metadata));
                var normalized = clean.IsNormalized() ? clean : clean.Normalize();
                if (!string.Equals(text, normalized, StringComparison.Ordinal))
                {
                    property.CurrentValue = normalized;
                }

                if (property.Metadata.GetMaxLength() is { } limit && normalized.Length > limit)
                {
                    violations.Add(new RuleViolation(property.Metadata.Name, "\"{0}\" dài {1} ký tự, vượt giới hạn {2} ký tự.",
                        normalized[..Math.Min(40, normalized.Length)] + "…", normalized.Length, limit));
                }
            }

            if (entry.Entity is IFoldedSearch searched)
            {
                var folded = VietnameseText.Fold(searched.SearchedText());
                var limit = entry.Property(nameof(IFoldedSearch.SearchText)).Metadata.GetMaxLength() ?? folded.Length;
                searched.SearchText = folded.Length > limit ? folded[..limit] : folded;
            }

            if (entry.Entity is Meeting meeting)
            {
                meeting.UpdatedAt = now;
                if (entry.State == EntityState.Added)
                {
                    meeting.CreatedAt = now;
                }
            }
            else if (entry.Entity is Petition petition)
            {
                PetitionSearch.Index(petition);
            }
            else if (entry.Entity is Recommendation recommendation)
            {
                recommendation.SearchText = PetitionText.Fold(recommendation.Content);
            }

            foreach (var property in entry.Properties.Where(p => entry.State == EntityState.Added || p.IsModified))
            {
                SaveChecks.CheckValue(property, violations);
            }
        }

        return violations;
    }
}
