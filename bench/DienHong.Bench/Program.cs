using DienHong.Bench;

// Benchmarks, each figure beside a baseline measured in the same run, so a ratio says what our
// code costs on this machine whatever its speed. One benchmark per file; pick them by name:
//   dotnet run -c Release --project bench/DienHong.Bench -- [name …] [--smoke] [--clients N] [--database sqlite|postgresql] [--part NAME]
// With no name every benchmark runs; --smoke runs each at a small size (CI: they start and report).
if (args is [BareSseServer.Argument, var port])
{
    // The live benchmark's baseline server, started by the benchmark as a process of its own.
    await BareSseServer.RunAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}

var options = BenchOptions.Parse(args);
IBenchmark[] all = [new PaperworkBenchmark(), new ImportBenchmark(), new LargeSaveBenchmark(), new ParticipantGridBenchmark(), new ReadinessWritesBenchmark(), new LiveBenchmark(), new PetitionsBenchmark(), new CheckInBenchmark(), new VotingBenchmark()];

var selected = options.Names.Count == 0 ? all : all.Where(b => options.Names.Contains(b.Name)).ToArray();
if (selected.Length == 0)
{
    Console.Error.WriteLine($"Unknown benchmark. Known: {string.Join(", ", all.Select(b => b.Name))}");
    return 2;
}

Console.WriteLine($"Diên Hồng benchmarks{(options.Smoke ? " (smoke run: small sizes)" : "")}; .NET {Environment.Version}, {Environment.ProcessorCount} cores");
Console.WriteLine();
foreach (var benchmark in selected)
{
    Console.WriteLine($"== {benchmark.Name} ==");
    await benchmark.RunAsync(options);
}

await DienHong.Tests.Infrastructure.PostgresServer.StopSharedAsync();

return 0;
