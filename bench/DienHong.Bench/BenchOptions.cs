using System.Globalization;
using DienHong.Data;

namespace DienHong.Bench;

/// <summary>One benchmark: a name to pick it by on the command line, and a run that prints its figures.</summary>
internal interface IBenchmark
{
    string Name { get; }

    Task RunAsync(BenchOptions options);
}

/// <summary>
/// The command line: benchmark names, <c>--smoke</c> for a small run, <c>--runs N</c> measured runs, <c>--clients N</c> connected watchers,
/// <c>--size N</c> rows to generate where a benchmark generates data, <c>--minutes M</c> a bound on a benchmark's run where it has one,
/// <c>--rate R</c> changes a second where a benchmark makes changes at a steady rate,
/// <c>--database sqlite|postgresql</c> only that database where a benchmark runs on both (a half run holds the machine half as long),
/// <c>--part P</c> one part of a benchmark made of parts (live: <c>fan-out</c> or <c>sitting</c>).
/// </summary>
internal sealed record BenchOptions(IReadOnlySet<string> Names, bool Smoke, int Runs, int? Clients = null, int? Size = null, int? Minutes = null, int? Rate = null,
    DatabaseProvider? Database = null, string? Part = null)
{
    /// <summary>The databases to run on: both, or the one <c>--database</c> names.</summary>
    public IReadOnlyList<DatabaseProvider> Databases => Database is { } only ? [only] : [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    /// <summary>True when the part named <paramref name="name"/> should run: no <c>--part</c> given, or this one.</summary>
    public bool RunsPart(string name) => Part is null || string.Equals(Part, name, StringComparison.OrdinalIgnoreCase);

    public static BenchOptions Parse(string[] args)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var smoke = false;
        var runs = 5;
        int? clients = null;
        int? size = null;
        int? minutes = null;
        int? rate = null;
        DatabaseProvider? database = null;
        string? part = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--smoke":
                    smoke = true;
                    break;
                case "--runs" when i + 1 < args.Length:
                    runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--clients" when i + 1 < args.Length:
                    clients = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--size" when i + 1 < args.Length:
                    size = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--minutes" when i + 1 < args.Length:
                    minutes = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--rate" when i + 1 < args.Length:
                    rate = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--database" when i + 1 < args.Length:
                    database = Enum.Parse<DatabaseProvider>(args[++i], ignoreCase: true);
                    break;
                case "--part" when i + 1 < args.Length:
                    part = args[++i];
                    break;
                default:
                    names.Add(args[i]);
                    break;
            }
        }

        return new BenchOptions(names, smoke, smoke ? 1 : runs, clients, size, minutes, rate, database, part);
    }
}
