using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Attendance;
using DienHong.Features.Participants;
using DienHong.Tests.Infrastructure;
using DienHong.Tests.Readiness;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DienHong.Tests.Attendance;

/// <summary>
/// A check-in is a small write that never loads the meeting: the statements it runs are the same
/// few whether the meeting has 3 sites and a handful of people or 300 sites and 6,000 people, and the
/// access questions a route's filter and its service both ask are answered once.
/// </summary>
public class CheckInCostTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_check_in_runs_the_same_few_statements_at_3_sites_as_at_300_sites_and_6000_people(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var small = await ReadinessTestData.MeetingAsync(app.Database, sites: 3, checklist: false);
        var large = await ReadinessTestData.MeetingAsync(app.Database, sites: 300, checklist: false);
        await using (var db = app.CreateContext())
        {
            db.Participants.AddRange(small.SiteIds.SelectMany(site => Enumerable.Range(1, 2).Select(i => Person(small.MeetingId, site, i))));
            db.Participants.AddRange(large.SiteIds.SelectMany(site => Enumerable.Range(1, 20).Select(i => Person(large.MeetingId, site, i))));
            await db.SaveChangesAsync(Token);
        }

        var secretary = await app.SignedInClientAsync(Roles.Secretariat);
        var costs = new List<(string What, List<string> Statements)>();
        foreach (var (name, seeded) in new[] { ("3 sites", small), ("300 sites", large) })
        {
            var site = seeded.SiteIds[1];
            var path = $"/api/meetings/{seeded.MeetingId}/sites/{site}/attendance";
            await using var db = app.CreateContext();
            var listed = await db.Participants.Where(p => p.MeetingId == seeded.MeetingId && p.SiteId == site).Select(p => p.Id).FirstAsync(Token);
            costs.Add(($"{name}, walk-in", await StatementsAsync(db, () => secretary.PostAsJsonAsync(path, new CheckInInput(Name: "Cử tri vãng lai", Address: "Thôn Nà Sa"), Token))));
            costs.Add(($"{name}, listed", await StatementsAsync(db, () => secretary.PostAsJsonAsync(path, new CheckInInput(ParticipantId: listed), Token))));
        }

        var report = string.Join("\n", costs.Select(c => $"{c.What}: {c.Statements.Count}\n  " + string.Join("\n  ", c.Statements)));
        Assert.True(costs[0].Statements.Count == costs[2].Statements.Count && costs[1].Statements.Count == costs[3].Statements.Count, report);
        // Sign-in stamp, scope (user, sites), meeting and site once each, the person and whether present
        // (listed), the site's capacity and planned people (one read, before the transaction), the write,
        // the headcount (its new value returned), the event: at most 18 (20 when the count was read back).
        Assert.All(costs, c => Assert.True(c.Statements.Count <= 18, report));
        Assert.All(costs, c => Assert.Single(c.Statements, s => s.Contains("FROM \"Sites\"", StringComparison.Ordinal) && s.Contains("EXISTS", StringComparison.Ordinal)));
    }

    private static Participant Person(int meetingId, int siteId, int i) =>
        new() { MeetingId = meetingId, SiteId = siteId, PersonName = $"Cử tri {siteId}-{i}", Role = ParticipantRole.Voter };

    /// <summary>
    /// The statements the request's own database contexts ran: only this test's database (the listener
    /// hears every test running in the process), and of it neither the live dispatcher's polling nor
    /// other background work.
    /// </summary>
    private static async Task<List<string>> StatementsAsync(DbContext testDatabase, Func<Task<HttpResponseMessage>> request)
    {
        var database = Where(testDatabase.Database.GetDbConnection());
        var commands = new List<(DbContext? Context, string Text)>();
        using var subscription = DiagnosticListener.AllListeners.Subscribe(new Observer<DiagnosticListener>(listener =>
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                listener.Subscribe(new Observer<KeyValuePair<string, object?>>(pair =>
                {
                    if (pair.Key == RelationalEventId.CommandExecuted.Name && pair.Value is CommandExecutedEventData data && Where(data.Connection) == database)
                    {
                        lock (commands)
                        {
                            commands.Add((data.Context, data.Command.CommandText.ReplaceLineEndings(" ")));
                        }
                    }
                }));
            }
        }));
        var response = await request();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        lock (commands)
        {
            var ours = commands.Where(c => c.Text.Contains("INSERT INTO \"CheckIns\"", StringComparison.Ordinal)).Select(c => c.Context).ToHashSet();
            ours.Add(commands.FirstOrDefault(c => c.Text.Contains("\"SecurityStamp\"", StringComparison.Ordinal)).Context);
            return [.. commands.Where(c => ours.Contains(c.Context)).Select(c => c.Text.Length > 160 ? c.Text[..160] : c.Text)];
        }
    }

    private static string Where(System.Data.Common.DbConnection connection) => $"{connection.DataSource}|{connection.Database}";

    private sealed class Observer<T>(Action<T> next) : IObserver<T>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(T value) => next(value);
    }
}
