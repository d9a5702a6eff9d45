using DienHong.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(TestRunLifetime))]

namespace DienHong.Tests.Infrastructure;

/// <summary>
/// The whole test run: threads ready for it at the start, and the run's PostgreSQL server stopped at the end.
/// </summary>
public sealed class TestRunLifetime : IAsyncDisposable
{
    public TestRunLifetime()
    {
        // One process hosts dozens of app instances at once, each running SQLite's synchronous calls
        // on pool threads, beside the browser tests' waits: more than a single server needs. The app
        // leaves the pool at its default (see LiveFeed); the run starts with threads ready so a sign-in
        // page does not wait for the pool to grow one thread at a time.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), completionPorts);
    }

    public ValueTask DisposeAsync() => new(PostgresServer.StopSharedAsync());
}
