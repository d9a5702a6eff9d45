using System.Diagnostics;

namespace DienHong.Bench;

/// <summary>Median time and allocation of repeated runs after one warm-up, and the report beside a baseline.</summary>
internal readonly record struct Measurement(TimeSpan Median, long Allocated)
{
    public static Measurement Of(Action action, int runs)
    {
        action();
        var times = new List<TimeSpan>();
        long allocated = 0;
        for (var i = 0; i < runs; i++)
        {
            // Every thread's allocations: awaited database calls continue on pool threads.
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            action();
            times.Add(watch.Elapsed);
            allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        }

        return new Measurement(TimeSpan.FromMilliseconds(Percentile.OfUnsorted(times.Select(t => t.TotalMilliseconds), .50)), allocated);
    }

    public static void Report(string name, Measurement measured, Measurement baseline, string baselineMeaning, TimeSpan target, long? bytes = null)
    {
        var verdict = measured.Median <= target ? "within target" : "OVER TARGET";
        Console.WriteLine(name);
        Console.WriteLine($"  measured:  {measured.Median.TotalMilliseconds,8:0} ms   allocated {measured.Allocated / 1_048_576.0,7:0.0} MiB{(bytes is { } b ? $"   file {b / 1024.0,8:0} KiB" : "")}");
        Console.WriteLine($"  baseline:  {baseline.Median.TotalMilliseconds,8:0} ms   allocated {baseline.Allocated / 1_048_576.0,7:0.0} MiB   ({baselineMeaning})");
        Console.WriteLine($"  ratio:     {measured.Median / baseline.Median,8:0.00}×   target ≤ {target.TotalMilliseconds:0} ms: {verdict}");
        Console.WriteLine();
    }
}

/// <summary>The one percentile of the benchmarks: nearest rank (the smallest value with at least p of them at or below it).</summary>
internal static class Percentile
{
    /// <summary><paramref name="sorted"/> in ascending order; NaN when it is empty.</summary>
    public static double Of(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static double OfUnsorted(IEnumerable<double> values, double p) => Of([.. values.Order()], p);
}
