using System.Globalization;
using DienHong.Data;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Petitions;

/// <summary>Field, level and agency from the model, and the petitions that raise the same issue.</summary>
public static class PetitionSuggestions
{
    /// <summary>How alike two petitions must be (cosine of their content words and pairs) to be offered for merging.</summary>
    public const double SimilarityThreshold = 0.3;

    public static async Task<PetitionSuggestion> SuggestAsync(
        DienHongDbContext db, PetitionClassifier classifier, IQueryable<Petition> visible, string text, int? meetingId, int? excludeRecommendationId = null, CancellationToken cancellationToken = default)
    {
        var model = await classifier.ModelAsync(db, cancellationToken);
        var field = model?.Field(text) ?? new Guess(null, 0);
        var level = model?.Level(text) ?? new Guess(null, 0);
        var agency = model?.Agency(text) ?? new Guess(null, 0);
        var fieldId = ParseId(field.Label);
        var agencyId = ParseId(agency.Label);
        var fieldName = fieldId is { } f ? await db.PetitionFields.Where(x => x.Id == f).Select(x => x.Name).FirstOrDefaultAsync(cancellationToken) : null;
        var agencyName = agencyId is { } a ? await db.Organizations.Where(x => x.Id == a).Select(x => x.Name).FirstOrDefaultAsync(cancellationToken) : null;
        var similar = await SimilarAsync(db, visible, text, meetingId, excludeRecommendationId, cancellationToken);
        return new PetitionSuggestion(
            fieldId, fieldName, Math.Round(field.Confidence, 3),
            Enum.TryParse<CompetenceLevel>(level.Label, out var parsedLevel) ? parsedLevel : null, Math.Round(level.Confidence, 3),
            agencyId, agencyName, Math.Round(agency.Confidence, 3), model?.TrainedOn ?? 0, similar);
    }

    /// <summary>
    /// Petitions that raise the same issue as <paramref name="text"/>: within a meeting, every
    /// petition of it is compared; across meetings, the full-text index picks candidates first.
    /// </summary>
    public static async Task<List<SimilarPetition>> SimilarAsync(
        DienHongDbContext db, IQueryable<Petition> visible, string text, int? meetingId, int? excludeRecommendationId = null, CancellationToken cancellationToken = default)
    {
        var folded = PetitionText.Fold(text);
        var features = PetitionText.Features(folded);
        if (features.Count == 0)
        {
            return [];
        }

        IQueryable<Petition> candidates;
        if (meetingId is { } meeting)
        {
            candidates = visible.Where(p => p.MeetingId == meeting);
        }
        else
        {
            var ids = await PetitionSearch.CandidatesAsync(db, folded, 200, cancellationToken);
            candidates = visible.Where(p => ids.Contains(p.Id));
        }

        if (excludeRecommendationId is { } excluded)
        {
            candidates = candidates.Where(p => p.RecommendationId != excluded);
        }

        var rows = await candidates.AsNoTracking().Select(p => new { p.Id, p.RecommendationId, p.MeetingId, p.Content }).ToListAsync(cancellationToken);
        // The issue raised, not who raised it: the index text also holds the voter's name and address, which only add noise here.
        return [.. rows
            .Select(r => new SimilarPetition(r.Id, r.RecommendationId, r.MeetingId, r.Content, Math.Round(PetitionText.Similarity(features, PetitionText.Features(PetitionText.Fold(r.Content))), 3)))
            .Where(s => s.Score >= SimilarityThreshold)
            .OrderByDescending(s => s.Score)
            .DistinctBy(s => s.RecommendationId)
            .Take(5)];
    }

    private static int? ParseId(string? label) =>
        int.TryParse(label, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;
}
