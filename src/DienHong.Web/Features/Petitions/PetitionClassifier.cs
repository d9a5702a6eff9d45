using System.Globalization;
using DienHong.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace DienHong.Features.Petitions;

/// <summary>A classified petition for training: its folded text and the labels staff confirmed.</summary>
public sealed record LabelledPetition(string Text, int FieldId, CompetenceLevel Level, int? AgencyId);

/// <summary>The model's guess for one label and how sure it is (the winning class's probability).</summary>
public sealed record Guess(string? Label, double Confidence);

/// <summary>
/// Three text classifiers (field, level, agency) trained with ML.NET on the petitions staff have
/// already classified: word and word-pair bags plus character n-grams of the folded text, a
/// maximum-entropy model (SDCA).
/// </summary>
public sealed class PetitionModel
{
    private readonly MLContext ml = new(seed: 1);
    private readonly Dictionary<string, (ITransformer Model, DataViewSchema Schema, string[] Labels)> models = [];
    private readonly Lock gate = new();

    /// <summary>For each agency (label), the share of its classified petitions at each competent level (label).</summary>
    private Dictionary<string, Dictionary<string, double>> levelsByAgency = [];

    private PetitionModel(int trainedOn) => TrainedOn = trainedOn;

    public int TrainedOn { get; }

    public static PetitionModel Train(IReadOnlyList<LabelledPetition> examples)
    {
        var model = new PetitionModel(examples.Count);
        model.Fit("field", examples.Select(e => new Row { Text = e.Text, Label = e.FieldId.ToString(CultureInfo.InvariantCulture) }));
        model.Fit("level", examples.Select(e => new Row { Text = e.Text, Label = e.Level.ToString() }));
        model.Fit("agency", examples.Where(e => e.AgencyId is not null).Select(e => new Row { Text = e.Text, Label = e.AgencyId!.Value.ToString(CultureInfo.InvariantCulture) }));
        model.levelsByAgency = examples.Where(e => e.AgencyId is not null)
            .GroupBy(e => e.AgencyId!.Value.ToString(CultureInfo.InvariantCulture))
            .ToDictionary(a => a.Key, a => a.GroupBy(e => e.Level.ToString()).ToDictionary(l => l.Key, l => l.Count() / (double)a.Count()));
        return model;
    }

    public Guess Field(string text) => Predict("field", text);

    /// <summary>
    /// The competent level follows from the agency that answers (a department answers at the
    /// province, the Standing Committee at the centre): each agency's probability spread over the
    /// levels its petitions were classified at, so an unsure text gets the level most of its likely
    /// agencies answer at. On issues it never saw, the level model of the words alone did worse than
    /// always proposing the commonest level, and averaging it in did too (docs/performance.md); it
    /// serves only when no agency has been classified yet.
    /// </summary>
    public Guess Level(string text)
    {
        var byAgency = Ranked("agency", text);
        if (byAgency.Count == 0)
        {
            return Predict("level", text);
        }

        var levels = new Dictionary<string, double>();
        foreach (var agency in byAgency)
        {
            foreach (var (level, share) in levelsByAgency[agency.Label!])
            {
                levels[level] = levels.GetValueOrDefault(level) + (agency.Confidence * share);
            }
        }

        var best = levels.MaxBy(l => l.Value);
        return new Guess(best.Key, best.Value);
    }

    public Guess Agency(string text) => Predict("agency", text);

    /// <summary>The likeliest agency among those <paramref name="allowed"/> (its probability unchanged), or none.</summary>
    public Guess Agency(string text, IReadOnlySet<int> allowed) =>
        Ranked("agency", text).FirstOrDefault(g => int.TryParse(g.Label, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) && allowed.Contains(id))
        ?? new Guess(null, 0);

    private void Fit(string name, IEnumerable<Row> rows)
    {
        var list = rows.ToList();
        if (list.Select(r => r.Label).Distinct().Count() < 2)
        {
            return;
        }

        var data = ml.Data.LoadFromEnumerable(list);
        var options = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = false,
            KeepPunctuations = false,
            KeepNumbers = true,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 4, UseAllLengths = false },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("Features", options, nameof(Row.Text)))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(maximumNumberOfIterations: 60))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var fitted = pipeline.Fit(data);
        var slotNames = default(VBuffer<ReadOnlyMemory<char>>);
        fitted.GetOutputSchema(data.Schema)["Score"].GetSlotNames(ref slotNames);
        models[name] = (fitted, data.Schema, [.. slotNames.DenseValues().Select(n => n.ToString())]);
    }

    private Guess Predict(string name, string text) => Ranked(name, text).FirstOrDefault() ?? new Guess(null, 0);

    /// <summary>Every label with its probability, likeliest first.</summary>
    private List<Guess> Ranked(string name, string text)
    {
        if (!models.TryGetValue(name, out var model))
        {
            return [];
        }

        // A prediction engine is not thread-safe, and suggestions are rare: one at a time.
        lock (gate)
        {
            using var engine = ml.Model.CreatePredictionEngine<Row, Prediction>(model.Model, model.Schema);
            var prediction = engine.Predict(new Row { Text = PetitionText.Fold(text), Label = string.Empty });
            return [.. prediction.Score.Select((score, i) => new Guess(model.Labels[i], score)).OrderByDescending(g => g.Confidence)];
        }
    }

    private sealed class Row
    {
        public string Text { get; set; } = string.Empty;
        public string Label { get; set; } = string.Empty;
    }

    private sealed class Prediction
    {
        public string PredictedLabel { get; set; } = string.Empty;
        public float[] Score { get; set; } = [];
    }
}

/// <summary>
/// Keeps the model trained on the database's classified petitions (one model for the app): the
/// first suggestion trains it, and it is trained again once the classified petitions have grown by
/// a tenth, or changed and an hour has passed.
/// </summary>
public sealed class PetitionClassifier(TimeProvider clock)
{
    private readonly SemaphoreSlim training = new(1, 1);
    private PetitionModel? model;
    private DateTime trainedAt;

    /// <summary>Every petition whose recommendation staff classified (field and level confirmed).</summary>
    public static async Task<List<LabelledPetition>> TrainingSetAsync(DienHongDbContext db, CancellationToken cancellationToken = default) =>
        await db.Petitions.AsNoTracking()
            .Where(p => p.Recommendation!.ClassifiedAt != null && p.Recommendation.FieldId != null && p.Recommendation.Level != null)
            .OrderBy(p => p.Id)
            .Select(p => new LabelledPetition(p.SearchText, p.Recommendation!.FieldId!.Value, p.Recommendation.Level!.Value, p.Recommendation.AgencyId))
            .ToListAsync(cancellationToken);

    public async Task<PetitionModel?> ModelAsync(DienHongDbContext db, CancellationToken cancellationToken = default)
    {
        var count = await db.Petitions.CountAsync(p => p.Recommendation!.ClassifiedAt != null, cancellationToken);
        var current = model;
        var stale = current is null
            || count >= (current.TrainedOn * 1.1) + 1
            || (count != current.TrainedOn && clock.GetUtcNow().UtcDateTime - trainedAt > TimeSpan.FromHours(1));
        if (!stale)
        {
            return current;
        }

        await training.WaitAsync(cancellationToken);
        try
        {
            // Another request may have trained it while this one waited.
            if (model == current)
            {
                var examples = await TrainingSetAsync(db, cancellationToken);
                model = examples.Count >= 10 ? await Task.Run(() => PetitionModel.Train(examples), cancellationToken) : null;
                trainedAt = clock.GetUtcNow().UtcDateTime;
            }

            return model;
        }
        finally
        {
            training.Release();
        }
    }
}
