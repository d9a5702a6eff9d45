using System.Security.Cryptography;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Sites;
using DienHong.Features.Text;
using DienHong.Features.Validation;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Petitions;

/// <summary>
/// Every change to petitions, in one place for the API, the pages and (later) the live console:
/// record, classify, merge, refer, answer or return, publish, schedule. Each checks its rules and
/// saves nothing when one is broken; the audit interceptor records who did what and when.
/// </summary>
public sealed class PetitionWorkflow(DienHongDbContext db, CurrentUser user, TimeProvider clock)
{
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public DateOnly Today => PetitionClock.Today(clock);

    /// <summary>"KN-7F3Q-9XKD": eight characters without the ones people confuse (0/O, 1/I/L).</summary>
    public static string NewTrackingCode()
    {
        Span<char> code = stackalloc char[8];
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
        }

        return $"KN-{code[..4]}-{code[4..]}";
    }

    /// <summary>Records one petition as its own recommendation; throws <see cref="RuleViolationException"/> with nothing saved.</summary>
    public async Task<Petition> RecordAsync(int meetingId, PetitionInput input, CancellationToken cancellationToken = default)
    {
        var petitions = await RecordBatchAsync(meetingId, [input], cancellationToken);
        return petitions[0];
    }

    /// <summary>Records a batch (a commune's written petitions): all of them or none; a bad row is named by its number.</summary>
    public async Task<List<Petition>> RecordBatchAsync(int meetingId, IReadOnlyList<PetitionInput> inputs, CancellationToken cancellationToken = default)
    {
        var sites = await db.Sites.AsNoTracking().Where(s => s.MeetingId == meetingId).ToDictionaryAsync(s => s.Id, cancellationToken);
        var violations = new List<RuleViolation>();
        var petitions = new List<Petition>();
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i] is not { } input)
            {
                violations.Add(new RuleViolation($"[{i}]", "Kiến nghị thứ {0} trống.", i + 1));
                continue;
            }

            var rowViolations = PetitionRules.Check(input);
            Site? site = null;
            if (input.SiteId is { } siteId && !sites.TryGetValue(siteId, out site))
            {
                rowViolations.Add(new RuleViolation(nameof(input.SiteId), "Điểm cầu không thuộc cuộc họp này."));
            }

            if (input.AdministrativeUnitId is { } unitId && !await db.AdministrativeUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
            {
                rowViolations.Add(new RuleViolation(nameof(input.AdministrativeUnitId), "Không có đơn vị hành chính này."));
            }

            if (rowViolations.Count > 0)
            {
                violations.AddRange(inputs.Count == 1 ? rowViolations : rowViolations.Select(v => v with { Field = $"[{i + 1}].{v.Field}", Template = $"Ý kiến thứ {i + 1}: " + v.Template }));
                continue;
            }

            petitions.Add(NewPetition(meetingId, input, site));
        }

        RuleViolationException.ThrowIfAny(violations);
        db.Petitions.AddRange(petitions);
        await db.SaveChangesAsync(cancellationToken);
        return petitions;
    }

    /// <summary>A new petition with its own recommendation, not yet saved.</summary>
    public Petition NewPetition(int meetingId, PetitionInput input, Site? site)
    {
        var content = VietnameseText.Nfc(input.Content)!;
        return new Petition
        {
            MeetingId = meetingId,
            SiteId = site?.Id,
            Channel = input.Channel,
            VoterName = Blank(input.VoterName),
            VoterAddress = Blank(input.VoterAddress),
            Delegate = Blank(input.Delegate),
            AdministrativeUnitId = input.AdministrativeUnitId ?? (site?.Level == SiteLevel.Commune ? site.AdministrativeUnitId : null),
            Content = content,
            TrackingCode = NewTrackingCode(),
            RecordedAt = Now,
            RecordedBy = user.Name,
            Recommendation = new Recommendation { MeetingId = meetingId, Content = content, CreatedAt = Now },
        };
    }

    public async Task<Recommendation> ClassifyAsync(Recommendation recommendation, ClassificationInput input, CancellationToken cancellationToken = default)
    {
        var violations = new List<RuleViolation>();
        if (!await db.PetitionFields.AnyAsync(f => f.Id == input.FieldId, cancellationToken))
        {
            violations.Add(new RuleViolation(nameof(input.FieldId), "Hãy chọn lĩnh vực."));
        }

        if (!Enum.IsDefined(input.Level))
        {
            violations.Add(new RuleViolation(nameof(input.Level), "Hãy chọn cấp có thẩm quyền giải quyết."));
        }

        if (input.AgencyId is { } agencyId && !await db.Organizations.AnyAsync(o => o.Id == agencyId, cancellationToken))
        {
            violations.Add(new RuleViolation(nameof(input.AgencyId), "Không có cơ quan này."));
        }

        var content = VietnameseText.Nfc(input.Content);
        if (content is not null)
        {
            if (content.Length == 0)
            {
                violations.Add(new RuleViolation(nameof(input.Content), "Nội dung kiến nghị không được để trống."));
            }

            PetitionRules.CheckLength(violations, nameof(input.Content), "Nội dung kiến nghị", content, PetitionLimits.Content);
            PetitionRules.CheckNoMarkup(violations, nameof(input.Content), content);
        }

        if (recommendation.Status is RecommendationStatus.Answered)
        {
            violations.Add(new RuleViolation(nameof(input.FieldId), "Kiến nghị đã được trả lời, không phân loại lại."));
        }

        RuleViolationException.ThrowIfAny(violations);
        recommendation.FieldId = input.FieldId;
        recommendation.Level = input.Level;
        recommendation.AgencyId = input.AgencyId;
        recommendation.SuggestionConfidence = input.SuggestionConfidence;
        recommendation.ClassifiedAt = Now;
        recommendation.ClassifiedBy = user.Name;
        if (!string.IsNullOrEmpty(content))
        {
            recommendation.Content = content;
        }

        if (recommendation.Status == RecommendationStatus.New)
        {
            recommendation.Status = RecommendationStatus.Classified;
        }

        await db.SaveChangesAsync(cancellationToken);
        return recommendation;
    }

    /// <summary>
    /// Merges other recommendations of the same meeting into <paramref name="target"/>: their
    /// petitions move over unchanged (every original, its voter and site, stays), the emptied
    /// recommendations go.
    /// </summary>
    public async Task<Recommendation> MergeAsync(Recommendation target, IReadOnlyList<int> sourceIds, CancellationToken cancellationToken = default)
    {
        var ids = sourceIds.Where(id => id != target.Id).Distinct().ToList();
        var sources = await db.Recommendations.Include(r => r.Petitions).Include(r => r.Referrals)
            .Where(r => ids.Contains(r.Id)).ToListAsync(cancellationToken);
        var violations = new List<RuleViolation>();
        if (ids.Count == 0)
        {
            violations.Add(new RuleViolation("RecommendationIds", "Hãy chọn ít nhất một kiến nghị khác để gộp."));
        }

        if (sources.Count != ids.Count || sources.Any(s => s.MeetingId != target.MeetingId))
        {
            violations.Add(new RuleViolation("RecommendationIds", "Chỉ gộp được các kiến nghị của cùng một cuộc họp."));
        }

        if (sources.Any(s => s.Referrals.Count > 0) || target.Status == RecommendationStatus.Answered)
        {
            violations.Add(new RuleViolation("RecommendationIds", "Không gộp kiến nghị đã chuyển cơ quan giải quyết hoặc đã được trả lời."));
        }

        RuleViolationException.ThrowIfAny(violations);
        foreach (var source in sources)
        {
            foreach (var petition in source.Petitions.ToList())
            {
                petition.RecommendationId = target.Id;
                petition.Recommendation = target;
                petition.MergedAt = Now;
                target.Petitions.Add(petition);
            }

            source.Petitions.Clear();
            db.Recommendations.Remove(source);
        }

        await db.SaveChangesAsync(cancellationToken);
        return target;
    }

    public async Task<Referral> ReferAsync(Recommendation recommendation, ReferralInput input, CancellationToken cancellationToken = default)
    {
        var violations = new List<RuleViolation>();
        if (!await db.Organizations.AnyAsync(o => o.Id == input.AgencyId, cancellationToken))
        {
            violations.Add(new RuleViolation(nameof(input.AgencyId), "Hãy chọn cơ quan giải quyết."));
        }

        PetitionRules.CheckNotPast(violations, nameof(input.Deadline), input.Deadline, Today);
        if (recommendation.Status is RecommendationStatus.New)
        {
            violations.Add(new RuleViolation(nameof(input.AgencyId), "Hãy phân loại kiến nghị (lĩnh vực, cấp giải quyết) trước khi chuyển."));
        }
        else if (recommendation.Status is RecommendationStatus.Answered || recommendation.Referrals.Any(f => f.Status == ReferralStatus.Pending))
        {
            violations.Add(new RuleViolation(nameof(input.AgencyId), "Kiến nghị đang chờ trả lời hoặc đã được trả lời."));
        }

        RuleViolationException.ThrowIfAny(violations);
        var referral = new Referral
        {
            MeetingId = recommendation.MeetingId,
            RecommendationId = recommendation.Id,
            AgencyId = input.AgencyId,
            Deadline = input.Deadline,
            ReferredAt = Now,
            ReferredBy = user.Name,
        };
        recommendation.Referrals.Add(referral);
        recommendation.AgencyId = input.AgencyId;
        recommendation.Status = RecommendationStatus.Referred;
        await db.SaveChangesAsync(cancellationToken);
        return referral;
    }

    /// <summary>The agency's answer, with files (the signed reply letter); the recommendation is answered.</summary>
    public async Task<Referral> AnswerAsync(Referral referral, string? text, IReadOnlyList<AnswerAttachment> attachments, CancellationToken cancellationToken = default)
    {
        var answer = VietnameseText.Nfc(text) ?? string.Empty;
        var violations = new List<RuleViolation>();
        if (answer.Length == 0)
        {
            violations.Add(new RuleViolation("Text", "Nội dung trả lời không được để trống."));
        }

        PetitionRules.CheckLength(violations, "Text", "Nội dung trả lời", answer, PetitionLimits.Answer);
        PetitionRules.CheckNoMarkup(violations, "Text", answer);
        CheckPending(violations, referral);
        foreach (var file in attachments.Where(a => a.Content.Length is 0 or > PetitionLimits.AttachmentBytes))
        {
            violations.Add(new RuleViolation("Attachments", "Tệp \"{0}\" rỗng hoặc lớn hơn 10 MB.", file.FileName));
        }

        RuleViolationException.ThrowIfAny(violations);
        referral.Status = ReferralStatus.Answered;
        referral.AnswerText = answer;
        referral.AnsweredAt = Now;
        referral.AnsweredBy = user.Name;
        foreach (var attachment in attachments)
        {
            attachment.MeetingId = referral.MeetingId;
            referral.Attachments.Add(attachment);
        }

        referral.Recommendation!.Status = RecommendationStatus.Answered;
        await db.SaveChangesAsync(cancellationToken);
        return referral;
    }

    /// <summary>The agency sends it back as not theirs, saying why; staff refer it again.</summary>
    public async Task<Referral> ReturnAsync(Referral referral, string? reason, CancellationToken cancellationToken = default)
    {
        var why = VietnameseText.Nfc(reason) ?? string.Empty;
        var violations = new List<RuleViolation>();
        if (why.Length == 0)
        {
            violations.Add(new RuleViolation("Reason", "Hãy ghi rõ lý do trả lại kiến nghị."));
        }

        PetitionRules.CheckLength(violations, "Reason", "Lý do", why, TextLimits.Line);
        PetitionRules.CheckNoMarkup(violations, "Reason", why);
        CheckPending(violations, referral);
        RuleViolationException.ThrowIfAny(violations);
        referral.Status = ReferralStatus.Returned;
        referral.ReturnReason = why;
        referral.ReturnedAt = Now;
        referral.AnsweredBy = user.Name;
        referral.Recommendation!.Status = RecommendationStatus.Returned;
        await db.SaveChangesAsync(cancellationToken);
        return referral;
    }

    public async Task PublishAsync(Recommendation recommendation, bool published, CancellationToken cancellationToken = default)
    {
        if (published && recommendation.Status != RecommendationStatus.Answered)
        {
            throw new RuleViolationException([new RuleViolation("Published", "Chỉ công khai kiến nghị đã có trả lời.")]);
        }

        recommendation.IsPublished = published;
        recommendation.PublishedAt = published ? Now : null;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<PetitionSchedule> ScheduleAsync(int meetingId, ScheduleInput input, CancellationToken cancellationToken = default)
    {
        var violations = new List<RuleViolation>();
        PetitionRules.CheckNotPast(violations, nameof(input.CompilationDeadline), input.CompilationDeadline, Today);
        var schedule = await db.PetitionSchedules.FindAsync([meetingId], cancellationToken) ?? db.PetitionSchedules.Add(new PetitionSchedule { MeetingId = meetingId }).Entity;
        var proposed = new PetitionSchedule { MeetingId = meetingId, CompilationDeadline = input.CompilationDeadline, SessionOpensOn = input.SessionOpensOn, SessionClosesOn = input.SessionClosesOn };
        var meetingDay = await db.Meetings.Where(m => m.Id == meetingId).Select(m => m.StartsAt).FirstAsync(cancellationToken);
        if (PetitionDeadlines.Legal(proposed, DateOnly.FromDateTime(VietnamTime.ToLocal(meetingDay))) is { } legal && input.CompilationDeadline > legal)
        {
            violations.Add(new RuleViolation(nameof(input.CompilationDeadline), "Hạn tổng hợp muộn hơn thời hạn theo Nghị quyết liên tịch 72/2025 ({0}).",
                legal.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (violations.Count > 0)
        {
            if (db.Entry(schedule).State == EntityState.Added)
            {
                db.Entry(schedule).State = EntityState.Detached;
            }

            throw new RuleViolationException(violations);
        }

        schedule.CompilationDeadline = input.CompilationDeadline;
        schedule.SessionOpensOn = input.SessionOpensOn;
        schedule.SessionClosesOn = input.SessionClosesOn;
        await db.SaveChangesAsync(cancellationToken);
        return schedule;
    }

    private static void CheckPending(List<RuleViolation> violations, Referral referral)
    {
        if (referral.Status != ReferralStatus.Pending)
        {
            violations.Add(new RuleViolation("Status", "Kiến nghị này đã được trả lời hoặc đã trả lại."));
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : VietnameseText.Nfc(text);
}
