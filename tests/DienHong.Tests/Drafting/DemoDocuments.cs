using DienHong.Data;
using DienHong.Features.Demo;
using DienHong.Features.Drafting;
using DienHong.Features.Issuing;
using DienHong.Features.Meetings;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Drafting;

/// <summary>
/// The two demo meetings (seeds 002 and 004) loaded from a real database the app seeded, with their
/// organizations' templates, and helpers to build each document from them.
/// </summary>
public sealed class DemoDocuments : IAsyncLifetime
{
    private DienHongApp? app;

    public Meeting Conference { get; private set; } = null!;
    public Meeting Session { get; private set; } = null!;
    public OrganizationTemplate DelegationTemplate { get; private set; } = null!;
    public OrganizationTemplate CouncilTemplate { get; private set; } = null!;

    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

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

    /// <summary>Seed 002: 62/KH-ĐBQH of 09/11/2021.</summary>
    public byte[] Plan() => PlanDocument.Generate(
        Conference, DocumentHeading.From(DelegationTemplate, "62/KH-ĐBQH", new DateOnly(2021, 11, 9)),
        DefaultWording.For(DocumentKind.Plan, Conference, DelegationTemplate) with
        {
            Summary = "Phối hợp tổ chức Hội nghị Tiếp xúc cử tri trực tuyến sau kỳ họp thứ hai, Quốc hội khóa XV của Đoàn ĐBQH tỉnh Bình Phước.",
        },
        SignatureBlock.From(Conference), DelegationTemplate.ArchiveLine);

    /// <summary>Seed 004: 51/HĐND-VP of 10/4/2020.</summary>
    public byte[] Letter() => LetterDocument.Generate(
        Session, DocumentHeading.From(CouncilTemplate, "51/HĐND-VP", new DateOnly(2020, 4, 10)),
        DefaultWording.For(DocumentKind.Letter, Session, CouncilTemplate) with
        {
            Summary = "V/v đảm bảo các điều kiện phục vụ phiên họp trực tuyến, kỳ họp thứ 13 (bất thường), HĐND tỉnh khóa XIV",
        },
        SignatureBlock.From(Session), CouncilTemplate.ArchiveLine);

    public byte[] Notice() => NoticeDocument.Generate(
        Conference, DocumentHeading.From(DelegationTemplate, "05/TB-ĐBQH", new DateOnly(2021, 11, 10)),
        DefaultWording.For(DocumentKind.Notice, Conference, DelegationTemplate), SignatureBlock.From(Conference), DelegationTemplate.ArchiveLine);

    public byte[] Invitations(int count = 3) => InvitationDocument.Generate(
        Conference, DocumentHeading.From(DelegationTemplate, "07/GM-ĐBQH", new DateOnly(2021, 11, 12)),
        DefaultWording.For(DocumentKind.Invitation, Conference, DelegationTemplate), SignatureBlock.From(Conference), DelegationTemplate.ArchiveLine,
        [.. Conference.Participants.Take(count).Select(p => new Invitee(p, $"DH:{Conference.Id}:{p.Id}:abc123"))]);

    public byte[] Minutes() => MinutesDocument.Generate(
        new MinutesRecord(Conference.Title, Conference.StartsAt, Conference.EndsAt, "Phòng họp trực tuyến, Văn phòng Đoàn ĐBQH và HĐND tỉnh",
            "Ban Thường trực UBMTTQVN tỉnh", "Nguyễn Thị Thu",
            [.. Conference.Sites.Select(s => (s.Name, 25, s.Capacity))],
            [.. Conference.AgendaItems.OrderBy(a => a.Order).Select(a => (a.Content, "Đã thực hiện theo chương trình."))],
            "Hội nghị thành công tốt đẹp."),
        DocumentHeading.From(DelegationTemplate, "03/BB-ĐBQH", new DateOnly(2021, 11, 19)),
        SignatureBlock.Create(SigningAuthority.None, null, null, "THƯ KÝ", "Nguyễn Thị Thu"),
        SignatureBlock.From(Conference));

    public ValueTask DisposeAsync() => app?.DisposeAsync() ?? ValueTask.CompletedTask;
}
