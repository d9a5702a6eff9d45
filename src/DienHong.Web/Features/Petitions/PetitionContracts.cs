using DienHong.Features.Text;

namespace DienHong.Features.Petitions;

/// <summary>A petition as staff or an operator record it (the live console will send the same).</summary>
public sealed record PetitionInput(
    string Content, string? VoterName = null, string? VoterAddress = null, int? SiteId = null, string? Delegate = null,
    int? AdministrativeUnitId = null, PetitionChannel Channel = PetitionChannel.AtSite);

public sealed record PetitionDto(
    int Id, int MeetingId, int? SiteId, string? SiteName, PetitionChannel Channel, string? VoterName, string? VoterAddress,
    string Content, string? Delegate, string TrackingCode, DateTime RecordedAt, string? RecordedBy, int RecommendationId)
{
    public static PetitionDto From(Petition p) => new(
        p.Id, p.MeetingId, p.SiteId, p.Site?.Name, p.Channel, p.VoterName, p.VoterAddress, p.Content, p.Delegate, p.TrackingCode,
        p.RecordedAt, p.RecordedBy, p.RecommendationId);
}

public sealed record AttachmentDto(int Id, string FileName, string ContentType, int Size);

public sealed record ReferralDto(
    int Id, int RecommendationId, int AgencyId, string? AgencyName, DateOnly Deadline, DateTime ReferredAt, string? ReferredBy,
    ReferralStatus Status, string? AnswerText, DateTime? AnsweredAt, string? AnsweredBy, string? ReturnReason, DateTime? ReturnedAt,
    bool Overdue, bool AnsweredLate, IReadOnlyList<AttachmentDto> Attachments)
{
    public static ReferralDto From(Referral f, DateOnly today) => new(
        f.Id, f.RecommendationId, f.AgencyId, f.Agency?.Name, f.Deadline, f.ReferredAt, f.ReferredBy, f.Status, f.AnswerText, f.AnsweredAt,
        f.AnsweredBy, f.ReturnReason, f.ReturnedAt, f.IsOverdue(today), f.AnsweredLate,
        [.. f.Attachments.Select(a => new AttachmentDto(a.Id, a.FileName, a.ContentType, a.Content.Length))]);
}

/// <summary>A recommendation with every petition merged into it: "raised by N voters at M sites".</summary>
public sealed record RecommendationDto(
    int Id, int MeetingId, string Content, int? FieldId, string? FieldName, CompetenceLevel? Level, int? AgencyId, string? AgencyName,
    RecommendationStatus Status, bool IsPublished, int VoterCount, int PlaceCount, string RaisedBy, double? SuggestionConfidence,
    IReadOnlyList<PetitionDto> Petitions, IReadOnlyList<ReferralDto> Referrals)
{
    public static RecommendationDto From(Recommendation r, DateOnly today)
    {
        var (voters, places) = Raised(r.Petitions);
        return new(
            r.Id, r.MeetingId, r.Content, r.FieldId, r.Field?.Name, r.Level, r.AgencyId, r.Agency?.Name, r.Status, r.IsPublished, voters, places,
            RaisedByText(voters, places), r.SuggestionConfidence,
            [.. r.Petitions.OrderBy(p => p.Id).Select(PetitionDto.From)], [.. r.Referrals.OrderBy(f => f.Id).Select(f => ReferralDto.From(f, today))]);
    }

    /// <summary>Voters and places (sites; for written or online petitions, their commune) behind a recommendation.</summary>
    public static (int Voters, int Places) Raised(IEnumerable<Petition> petitions)
    {
        var list = petitions.ToList();
        var places = list.Select(p => p.SiteId is { } site ? $"s{site}" : p.AdministrativeUnitId is { } unit ? $"u{unit}" : $"c{p.Channel}").Distinct().Count();
        return (list.Count, places);
    }

    /// <summary>"3 cử tri tại 2 điểm cầu nêu" / "1 cử tri nêu".</summary>
    public static string RaisedByText(int voters, int places) =>
        places > 1 ? $"{voters} cử tri tại {places} điểm cầu nêu" : $"{voters} cử tri nêu";
}

public sealed record ClassificationInput(int FieldId, CompetenceLevel Level, int? AgencyId = null, string? Content = null, double? SuggestionConfidence = null);

public sealed record MergeInput(IReadOnlyList<int> RecommendationIds);

/// <summary>Refer a recommendation: to which agency, answer due by which day (dd/MM/yyyy in Vietnam).</summary>
public sealed record ReferralInput(int AgencyId, DateOnly Deadline);

public sealed record AnswerInput(string Text);

public sealed record ReturnInput(string Reason);

public sealed record PublishInput(bool Published);

public sealed record ScheduleInput(DateOnly CompilationDeadline, DateOnly? SessionOpensOn = null, DateOnly? SessionClosesOn = null);

public sealed record ScheduleDto(DateOnly? CompilationDeadline, DateOnly? SessionOpensOn, DateOnly? SessionClosesOn, DateOnly? LegalDeadline, bool CompilationOverdue);

public sealed record SuggestionRequest(string Text, int? MeetingId = null);

public sealed record SimilarPetition(int Id, int RecommendationId, int MeetingId, string Content, double Score);

/// <summary>What the model suggests for a text, how sure it is (0–1), and petitions that raise the same issue.</summary>
public sealed record PetitionSuggestion(
    int? FieldId, string? FieldName, double FieldConfidence, CompetenceLevel? Level, double LevelConfidence,
    int? AgencyId, string? AgencyName, double AgencyConfidence, int TrainedOn, IReadOnlyList<SimilarPetition> Similar)
{
    /// <summary>The field to pre-select: the guess only when the model is sure enough (<see cref="PetitionSuggestions.PreselectThreshold"/>).</summary>
    public int? PreselectedFieldId => FieldConfidence >= PetitionSuggestions.PreselectThreshold ? FieldId : null;

    public CompetenceLevel? PreselectedLevel => LevelConfidence >= PetitionSuggestions.PreselectThreshold ? Level : null;

    public int? PreselectedAgencyId => AgencyConfidence >= PetitionSuggestions.PreselectThreshold ? AgencyId : null;
}

/// <summary>What the public sees of a petition by its tracking code: its path, step by step.</summary>
public sealed record TrackingStep(DateTime At, string What);

public sealed record TrackingDto(string TrackingCode, string Content, string MeetingTitle, IReadOnlyList<TrackingStep> Path, string? Answer, string? AnsweredBy);

/// <summary>Today as a Vietnam calendar day.</summary>
public static class PetitionClock
{
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime));
}
