using DienHong.Data;
using DienHong.Features.Demo;
using DienHong.Features.Drafting;
using DienHong.Features.Issuing;
using DienHong.Features.Meetings;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DienHong.Tests.Drafting;

/// <summary>
/// The two demo meetings (seeds 002 and 004) loaded from a real database the app seeded, with their
/// organizations' letterheads, and each document drafted from them by the app's own issuer (the
/// shipped templates), without taking numbers.
/// </summary>
public sealed class DemoDocuments : IAsyncLifetime
{
    private DienHongApp? app;

    public Meeting Conference { get; private set; } = null!;
    public Meeting Session { get; private set; } = null!;
    public OrganizationTemplate DelegationTemplate { get; private set; } = null!;
    public OrganizationTemplate CouncilTemplate { get; private set; } = null!;

    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    public DienHongApp App => app!;

    public async ValueTask InitializeAsync()
    {
        app = new DienHongApp(await TestDatabase.CreateAsync(Provider), seedDemo: true);
        _ = app.Services;
        await using var db = app.CreateContext();
        var conferenceId = await db.Meetings.Where(m => m.Title == BinhPhuocDemo.Title).Select(m => m.Id).SingleAsync();
        var sessionId = await db.Meetings.Where(m => m.Title == DienBienDemo.Title).Select(m => m.Id).SingleAsync();
        Conference = (await db.LoadMeetingAsync(conferenceId))!;
        Session = (await db.LoadMeetingAsync(sessionId))!;
        DelegationTemplate = await db.OrganizationTemplates.SingleAsync(t => t.BodySymbol == "ĐBQH");
        CouncilTemplate = await db.OrganizationTemplates.SingleAsync(t => t.BodySymbol == "HĐND");
    }

    /// <summary>The app's issuer, as a signed-in office would use it.</summary>
    public T Use<T>(Func<DocumentIssuer, Task<T>> work)
    {
        using var scope = App.Services.CreateScope();
        return work(scope.ServiceProvider.GetRequiredService<DocumentIssuer>()).GetAwaiter().GetResult();
    }

    /// <summary>Seed 002: 62/KH-ĐBQH of 09/11/2021.</summary>
    public byte[] Plan() => Use(i => i.DraftDocxAsync(Conference.Id, DocumentKind.Plan, DelegationTemplate.OrganizationId, "62/KH-ĐBQH", new DateOnly(2021, 11, 9)));

    /// <summary>Seed 004: 51/HĐND-VP of 10/4/2020.</summary>
    public byte[] Letter() => Use(i => i.DraftDocxAsync(Session.Id, DocumentKind.Letter, CouncilTemplate.OrganizationId, "51/HĐND-VP", new DateOnly(2020, 4, 10)));

    public byte[] Notice() => Use(i => i.DraftDocxAsync(Conference.Id, DocumentKind.Notice, DelegationTemplate.OrganizationId, "05/TB-ĐBQH", new DateOnly(2021, 11, 10)));

    public byte[] Invitations() => Use(i => i.DraftDocxAsync(Conference.Id, DocumentKind.Invitation, DelegationTemplate.OrganizationId, "07/GM-ĐBQH", new DateOnly(2021, 11, 12)));

    public byte[] Backdrop(Meeting meeting) =>
        BackdropDocument.Print(DocumentIssuer.BackdropLines(meeting, meeting.Sites.Single(s => s.IsHost), WordingTemplates.Default(DocumentKind.Backdrop, meeting.Kind)));

    public byte[] Minutes() => Use(i => i.MinutesDocxAsync(Conference.Id, DelegationTemplate.OrganizationId,
        new MinutesView(new DateOnly(2021, 11, 19), new TimeOnly(8, 0), new TimeOnly(11, 30), "Phòng họp trực tuyến, Văn phòng Đoàn ĐBQH và HĐND tỉnh",
            "Ban Thường trực UBMTTQVN tỉnh", "Nguyễn Thị Thu",
            [.. Conference.Sites.Select((s, n) => new AttendanceView((n + 1).ToString("00", System.Globalization.CultureInfo.InvariantCulture), s.Name, 25, s.Capacity))],
            [.. Conference.AgendaItems.OrderBy(a => a.Order).Select(a => new ProceedingView(a.Content, "Đã thực hiện theo chương trình."))],
            "Hội nghị thành công tốt đẹp."),
        SignatureBlock.Create(SigningAuthority.None, null, null, "THƯ KÝ", "Nguyễn Thị Thu"), "03/BB-ĐBQH", new DateOnly(2021, 11, 19)));

    public ValueTask DisposeAsync() => app?.DisposeAsync() ?? ValueTask.CompletedTask;
}
