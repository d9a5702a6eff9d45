using System.Globalization;
using DienHong.Data;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Petitions;

/// <summary>Field, level and agency from the model, and the petitions that raise the same issue.</summary>
public static class PetitionSuggestions
{
    /// <summary>How alike two petitions must be (cosine of their content words and pairs) to be offered for merging.</summary>
    public const double SimilarityThreshold = 0.3;

    /// <summary>
    /// Below this confidence a guess is shown but not pre-selected: staff choose. Set from the held-out
    /// measure (PetitionClassifierTests, docs/performance.md): above it the field and agency guesses are right far more often.
    /// </summary>
    public const double PreselectThreshold = 0.5;

    public static async Task<PetitionSuggestion> SuggestAsync(
        DienHongDbContext db, PetitionClassifier classifier, IQueryable<Petition> visible, string text, int? meetingId, int? excludeRecommendationId = null, CancellationToken cancellationToken = default)
    {
        var model = await classifier.ModelAsync(db, cancellationToken);
        var field = model?.Field(text) ?? new Guess(null, 0);
        var level = model?.Level(text) ?? new Guess(null, 0);
        // Never an agency of another province: only those in the meeting's scope are ranked.
        var agency = model?.Agency(text, await PetitionAgencyScope.InScopeAsync(db, meetingId, cancellationToken)) ?? new Guess(null, 0);
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
    /// petition of it is compared; across meetings, the full-text index picks candidates first
    /// (<see cref="PetitionSearch.CandidatesAsync"/>). Both compare the stored <see cref="Petition.Terms"/>.
    /// </summary>
    public static async Task<List<SimilarPetition>> SimilarAsync(
        DienHongDbContext db, IQueryable<Petition> visible, string text, int? meetingId, int? excludeRecommendationId = null, CancellationToken cancellationToken = default)
    {
        var terms = PetitionText.Terms(text);
        var features = PetitionText.Features(terms);
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
            var ids = await PetitionSearch.CandidatesAsync(db, terms, 200, cancellationToken);
            candidates = visible.Where(p => ids.Contains(p.Id));
        }

        if (excludeRecommendationId is { } excluded)
        {
            candidates = candidates.Where(p => p.RecommendationId != excluded);
        }

        // The issue raised, not who raised it: the words of the content only, not the voter's name and address.
        var scored = await candidates.AsNoTracking().Select(p => new { p.Id, p.RecommendationId, p.Terms }).ToListAsync(cancellationToken);
        var best = scored
            .Select(r => (r.Id, r.RecommendationId, Score: Math.Round(PetitionText.Similarity(features, PetitionText.Features(r.Terms)), 3)))
            .Where(s => s.Score >= SimilarityThreshold)
            .OrderByDescending(s => s.Score).ThenByDescending(s => s.Id)
            .DistinctBy(s => s.RecommendationId)
            .Take(5)
            .ToList();
        var chosen = best.Select(b => b.Id).ToList();
        var contents = await db.Petitions.AsNoTracking().Where(p => chosen.Contains(p.Id)).Select(p => new { p.Id, p.MeetingId, p.Content }).ToDictionaryAsync(p => p.Id, cancellationToken);
        return [.. best.Select(b => new SimilarPetition(b.Id, b.RecommendationId, contents[b.Id].MeetingId, contents[b.Id].Content, b.Score))];
    }

    private static int? ParseId(string? label) =>
        int.TryParse(label, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;
}
