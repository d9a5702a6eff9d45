using DienHong.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(TestRunLifetime))]

namespace DienHong.Tests.Infrastructure;

/// <summary>Stops the run's PostgreSQL server when the test run ends.</summary>
public sealed class TestRunLifetime : IAsyncDisposable
{
    public ValueTask DisposeAsync() => new(PostgresServer.StopSharedAsync());
}
