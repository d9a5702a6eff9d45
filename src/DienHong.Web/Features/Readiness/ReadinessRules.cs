namespace DienHong.Features.Readiness;

/// <summary>A site's checklist at a glance.</summary>
public sealed record ChecklistCount(int Applicable, int Passed, int Failed, int Unchecked);

/// <summary>The rules that make a site ready, in one place for the board, the API and the report.</summary>
public static class ReadinessRules
{
    public static ChecklistCount Count(int checks, IEnumerable<CheckState> marks)
    {
        var states = marks.ToList();
        var passed = states.Count(s => s == CheckState.Passed);
        var failed = states.Count(s => s == CheckState.Failed);
        var notApplicable = states.Count(s => s == CheckState.NotApplicable);
        return new ChecklistCount(checks - notApplicable, passed, failed, checks - passed - failed - notApplicable);
    }

    /// <summary>Every applicable item is đạt (a meeting without a checklist has nothing ticked yet).</summary>
    public static bool ChecklistDone(int checks, ChecklistCount count) => checks > 0 && count.Passed == count.Applicable;

    /// <summary>The latest finished run decides: a failed run keeps the site not ready until a later one passes.</summary>
    public static TestResult? LatestResult(IEnumerable<ConnectionTest> tests) =>
        tests.Where(t => t.EndedAt is not null).OrderBy(t => t.EndedAt).ThenBy(t => t.Id).LastOrDefault()?.Result;

    public static bool Ready(int checks, ChecklistCount count, TestResult? latestTest) => ChecklistDone(checks, count) && latestTest == TestResult.Passed;

    /// <summary>The planned test time has passed and no run has passed since.</summary>
    public static bool TestOverdue(DateTime? plannedAt, TestResult? latestTest, DateTime now) => latestTest != TestResult.Passed && plannedAt < now;
}
