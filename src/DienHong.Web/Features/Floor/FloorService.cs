using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Live;
using DienHong.Features.Participants;
using DienHong.Features.Sittings;
using DienHong.Features.Text;
using DienHong.Features.Validation;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Floor;

/// <summary>
/// The floor from every site, for the API and the consoles alike: requests to speak on the current
/// item (a delegate's own, a speaker registered by a site's operator, a whole site), the chair's
/// queue (order, give the floor, pause, resume, extend, end, close the list), speaking times, and
/// speeches handed in writing. Each action writes the few rows of one item and records the new
/// <see cref="FloorState"/> as a live event. Returns null when the meeting (or site) is not found or
/// not visible; throws <see cref="RuleViolationException"/> for a step the state does not allow,
/// <see cref="ConflictException"/> when someone else acted first and <see cref="ForbiddenException"/>
/// when the user may not do it — in each case with nothing written.
/// </summary>
public sealed class FloorService(DienHongDbContext db, MeetingAccess meetings, CurrentUser user, LiveFeed feed, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// A participant asks for the floor: the delegate themselves from their device (the participant is
    /// linked to their account), or whoever operates the participant's site for them. Null when the
    /// participant is not one of the meeting's.
    /// </summary>
    public async Task<FloorRequestDto?> RequestForAsync(int meetingId, int participantId, OwnFloorInput input, CancellationToken cancellationToken = default)
    {
        if (!await meetings.CanSeeMeetingAsync(db, meetingId, cancellationToken)
            || await db.Participants.AsNoTracking().Include(p => p.Organization).FirstOrDefaultAsync(p => p.Id == participantId && p.MeetingId == meetingId, cancellationToken) is not { } person)
        {
            return null;
        }

        await CheckActsForAsync(meetingId, person, cancellationToken);
        CheckKind(input.Kind);
        var itemId = await CurrentItemAsync(meetingId, cancellationToken);
        if (person.SiteId is not { } siteId)
        {
            throw new RuleViolationException([new("Participant", "{0} chưa được xếp vào điểm cầu nào; hãy liên hệ bộ phận giúp việc.", person.DisplayName)]);
        }

        return await AddAsync(meetingId, NewRequest(meetingId, itemId, siteId, $"p:{person.Id}", person.DisplayName, UnitOf(person), input.Topic, input.Kind, person.Id), cancellationToken);
    }

    /// <summary>The delegate linked to the participant, or the operator of the participant's site (planners included).</summary>
    private async Task CheckActsForAsync(int meetingId, Participant person, CancellationToken cancellationToken)
    {
        var userId = user.Id;
        if ((user.IsInRole(Roles.Delegate) && userId is not null && person.UserId == userId)
            || (person.SiteId is { } siteId && await meetings.CanOperateSiteAsync(db, meetingId, siteId, cancellationToken) == true))
        {
            return;
        }

        throw new ForbiddenException(new("ParticipantId", "Chỉ đại biểu đó (từ tài khoản của mình) hoặc người phụ trách điểm cầu của đại biểu mới làm được việc này."));
    }

    /// <summary>A site's operator registers a speaker present at the site, a planned participant of it, or the site as a whole.</summary>
    public async Task<FloorRequestDto?> RequestAtSiteAsync(int meetingId, int siteId, SiteFloorInput input, CancellationToken cancellationToken = default)
    {
        switch (await meetings.CanOperateSiteAsync(db, meetingId, siteId, cancellationToken))
        {
            case null:
                return null;
            case false:
                throw new ForbiddenException(new("Site", "Chỉ người phụ trách điểm cầu này mới đăng ký phát biểu thay cho điểm cầu."));
        }

        CheckKind(input.Kind);
        var itemId = await CurrentItemAsync(meetingId, cancellationToken);
        var siteName = await db.Sites.Where(s => s.Id == siteId).Select(s => s.Name).FirstAsync(cancellationToken);
        FloorRequest request;
        if (input.WholeSite)
        {
            request = NewRequest(meetingId, itemId, siteId, $"s:{siteId}", siteName, null, input.Topic, input.Kind, null);
            request.WholeSite = true;
        }
        else if (input.ParticipantId is { } participantId)
        {
            var person = await db.Participants.AsNoTracking().Include(p => p.Organization).FirstOrDefaultAsync(p => p.Id == participantId && p.MeetingId == meetingId, cancellationToken);
            if (person?.SiteId != siteId)
            {
                throw new RuleViolationException([new("ParticipantId", "Người này không có trong danh sách thành phần của điểm cầu.")]);
            }

            request = NewRequest(meetingId, itemId, siteId, $"p:{person.Id}", person.DisplayName, UnitOf(person), input.Topic, input.Kind, person.Id);
        }
        else
        {
            var name = input.Name?.Trim();
            var address = string.IsNullOrWhiteSpace(input.Address) ? null : input.Address.Trim();
            var violations = new List<RuleViolation>();
            if (string.IsNullOrEmpty(name))
            {
                violations.Add(new("Name", "Hãy nhập họ tên người đăng ký phát biểu (cử tri: họ tên, địa chỉ hoặc đơn vị)."));
            }
            else if (name.Length > TextLimits.Name)
            {
                violations.Add(new("Name", "Họ tên dài quá {0} ký tự.", TextLimits.Name));
            }

            if (address?.Length > TextLimits.Name)
            {
                violations.Add(new("Address", "Địa chỉ hoặc đơn vị dài quá {0} ký tự.", TextLimits.Name));
            }

            RuleViolationException.ThrowIfAny(violations);
            request = NewRequest(meetingId, itemId, siteId, $"v:{siteId}:{VietnameseText.Fold(name)}|{VietnameseText.Fold(address)}", name!, address, input.Topic, input.Kind, null);
        }

        return await AddAsync(meetingId, request, cancellationToken);
    }

    /// <summary>Withdraws a waiting request: the person's own, their site operator's, or the chair's doing.</summary>
    public async Task<FloorRequestDto?> WithdrawAsync(int meetingId, FloorRequestInput input, CancellationToken cancellationToken = default)
    {
        if (!await meetings.CanSeeMeetingAsync(db, meetingId, cancellationToken))
        {
            return null;
        }

        var request = await FindAsync(meetingId, input.RequestId, cancellationToken);
        await CheckOwnerAsync(meetingId, request, cancellationToken);
        if (request.State != FloorRequestState.Waiting)
        {
            throw new RuleViolationException([new("RequestId", "Yêu cầu phát biểu của {0} không còn trong hàng chờ.", request.Name)]);
        }

        request.State = FloorRequestState.Withdrawn;
        request.Version++;
        await SaveAsync(meetingId, "Yêu cầu phát biểu của {0} vừa được thay đổi cùng lúc; hãy xem hàng chờ mới.", request.Name, cancellationToken);
        return await DtoAsync(request, cancellationToken);
    }

    /// <summary>The chair puts the current item's queue in a new order.</summary>
    public async Task<FloorState?> OrderAsync(int meetingId, FloorOrderInput input, CancellationToken cancellationToken = default)
    {
        if (!await CanChairAsync(meetingId, cancellationToken))
        {
            return null;
        }

        var itemId = await CurrentItemAsync(meetingId, cancellationToken);
        var waiting = await db.FloorRequests.Where(r => r.AgendaItemId == itemId && r.State == FloorRequestState.Waiting).ToListAsync(cancellationToken);
        var ids = input.RequestIds ?? [];
        if (ids.Count != waiting.Count || ids.Distinct().Count() != ids.Count || !waiting.All(w => ids.Contains(w.Id)))
        {
            throw new ConflictException(new("RequestIds", "Hàng chờ vừa thay đổi (có người đăng ký hoặc rút); hãy xem hàng chờ mới rồi sắp xếp lại."));
        }

        var byId = waiting.ToDictionary(w => w.Id);
        for (var i = 0; i < ids.Count; i++)
        {
            byId[ids[i]].Position = i + 1;
        }

        return await SaveAsync(meetingId, "Hàng chờ vừa được người khác sắp xếp cùng lúc; hãy xem hàng chờ mới.", "", cancellationToken);
    }

    /// <summary>
    /// Gives the floor to a waiting request, or to a site as a whole (its raised hand, or directly);
    /// the current speaker's turn ends. The time given is the item's (or meeting's) first-turn time,
    /// or the second-turn time for someone who has already spoken on the item.
    /// </summary>
    public async Task<FloorState?> GiveAsync(int meetingId, GiveFloorInput input, CancellationToken cancellationToken = default)
    {
        if (!await CanChairAsync(meetingId, cancellationToken))
        {
            return null;
        }

        var itemId = await CurrentItemAsync(meetingId, cancellationToken);
        if (await db.Sittings.AsNoTracking().AnyAsync(s => s.MeetingId == meetingId && s.State == SittingState.Paused, cancellationToken))
        {
            throw new RuleViolationException([new("RequestId", "Phiên họp đang tạm dừng; hãy tiếp tục phiên họp trước khi mời phát biểu.")]);
        }

        FloorRequest target;
        if (input.RequestId is { } requestId)
        {
            target = await FindAsync(meetingId, requestId, cancellationToken);
            if (target.State != FloorRequestState.Waiting || target.AgendaItemId != itemId)
            {
                throw new RuleViolationException([new("RequestId", "{0} không còn trong hàng chờ của mục đang thảo luận.", target.Name)]);
            }
        }
        else if (input.SiteId is { } siteId)
        {
            var siteName = await db.Sites.Where(s => s.Id == siteId && s.MeetingId == meetingId).Select(s => s.Name).FirstOrDefaultAsync(cancellationToken)
                ?? throw new RuleViolationException([new("SiteId", "Điểm cầu {0} không thuộc cuộc họp này.", siteId)]);
            var key = $"s:{siteId}";
            target = await db.FloorRequests.FirstOrDefaultAsync(r => r.AgendaItemId == itemId && r.PersonKey == key && r.State == FloorRequestState.Waiting, cancellationToken)
                ?? NewRequest(meetingId, itemId, siteId, key, siteName, null, null, FloorRequestKind.Speech, null);
            target.WholeSite = true;
            if (target.Id == 0)
            {
                db.FloorRequests.Add(target);
            }
        }
        else
        {
            throw new RuleViolationException([new("RequestId", "Hãy chọn người hoặc điểm cầu được mời phát biểu.")]);
        }

        var now = Now;
        if (await db.FloorRequests.FirstOrDefaultAsync(r => r.MeetingId == meetingId && r.State == FloorRequestState.Speaking, cancellationToken) is { } speaking)
        {
            SpeakingClock.End(speaking, now);
            speaking.State = FloorRequestState.Done;
            speaking.Version++;
        }

        var earlier = await db.FloorRequests.CountAsync(r => r.AgendaItemId == itemId && r.PersonKey == target.PersonKey && r.StartedAt != null && r.Id != target.Id, cancellationToken);
        var (first, second) = await TimesAsync(meetingId, itemId, cancellationToken);
        // The previous speaker's end is written first, then the new speaker, in the same transaction: one speaker at a time holds in between.
        var state = await SaveAsync(meetingId, "Chủ tọa khác vừa mời {0} phát biểu cùng lúc; hãy xem người đang phát biểu rồi làm lại.", target.Name, cancellationToken, async token =>
        {
            target.Turn = earlier + 1;
            SpeakingClock.Start(target, now, earlier == 0 ? first : second);
            target.State = FloorRequestState.Speaking;
            target.GivenBy = user.Name;
            target.Version++;
            await db.SaveChangesAsync(token);
        });
        return state;
    }

    /// <summary>Pauses, resumes, extends or ends the current speech.</summary>
    public async Task<FloorState?> SpeakerAsync(int meetingId, SpeakerInput input, CancellationToken cancellationToken = default)
    {
        if (!await CanChairAsync(meetingId, cancellationToken))
        {
            return null;
        }

        var speech = await db.FloorRequests.FirstOrDefaultAsync(r => r.MeetingId == meetingId && r.State == FloorRequestState.Speaking, cancellationToken)
            ?? throw new RuleViolationException([new("RequestId", "Không có ai đang phát biểu.")]);
        if (speech.Id != input.RequestId)
        {
            throw new ConflictException(new("RequestId", "{0} đang phát biểu (người phát biểu vừa thay đổi); hãy xem lại rồi làm lại.", speech.Name));
        }

        var now = Now;
        switch (input.Action)
        {
            case SpeakerAction.Pause when speech.PausedAt is null:
                SpeakingClock.Pause(speech, now);
                break;
            case SpeakerAction.Resume when speech.PausedAt is not null:
                SpeakingClock.Resume(speech, now);
                break;
            case SpeakerAction.Extend when input.Seconds is > 0 and <= SpeakingClock.MaxSeconds && speech.AllowedSeconds + input.Seconds <= 2 * SpeakingClock.MaxSeconds:
                SpeakingClock.Extend(speech, input.Seconds);
                break;
            case SpeakerAction.Extend:
                throw new RuleViolationException([new("Seconds", "Thời gian thêm phải từ 1 giây đến {0} phút.", SpeakingClock.MaxSeconds / 60)]);
            case SpeakerAction.End:
                SpeakingClock.End(speech, now);
                speech.State = FloorRequestState.Done;
                break;
            case SpeakerAction.Pause or SpeakerAction.Resume:
                throw new RuleViolationException([new("Action", speech.PausedAt is null ? "Lượt phát biểu của {0} đang diễn ra, không cần tiếp tục." : "Lượt phát biểu của {0} đang tạm dừng.", speech.Name)]);
            default:
                throw new RuleViolationException([new("Action", "Thao tác không hợp lệ.")]);
        }

        speech.Version++;
        return await SaveAsync(meetingId, "Lượt phát biểu của {0} vừa được thay đổi cùng lúc; hãy xem lại rồi làm lại.", speech.Name, cancellationToken);
    }

    /// <summary>Closes or reopens the current item's list; ending the debate marks those still waiting as not reached.</summary>
    public async Task<FloorState?> ListAsync(int meetingId, SpeakerListInput input, CancellationToken cancellationToken = default)
    {
        if (!await CanChairAsync(meetingId, cancellationToken))
        {
            return null;
        }

        if (input.EndDebate && !input.Closed)
        {
            throw new RuleViolationException([new("EndDebate", "Chỉ kết thúc thảo luận khi khóa danh sách phát biểu.")]);
        }

        var itemId = await CurrentItemAsync(meetingId, cancellationToken);
        var list = await ListRowAsync(meetingId, itemId, cancellationToken);
        list.Closed = input.Closed;
        list.Version++;
        if (input.EndDebate)
        {
            foreach (var waiting in await db.FloorRequests.Where(r => r.AgendaItemId == itemId && r.State == FloorRequestState.Waiting).ToListAsync(cancellationToken))
            {
                waiting.State = FloorRequestState.NotReached;
                waiting.Version++;
            }
        }

        return await SaveAsync(meetingId, "Danh sách phát biểu vừa được thay đổi cùng lúc; hãy xem lại.", "", cancellationToken);
    }

    /// <summary>Sets the speaking times of the meeting (no item) or of one item; null falls back.</summary>
    public async Task<FloorState?> TimesAsync(int meetingId, SpeakingTimeInput input, CancellationToken cancellationToken = default)
    {
        if (!await CanChairAsync(meetingId, cancellationToken))
        {
            return null;
        }

        var violations = new List<RuleViolation>();
        foreach (var (field, value) in new[] { ("FirstTurnSeconds", input.FirstTurnSeconds), ("SecondTurnSeconds", input.SecondTurnSeconds) })
        {
            if (value is { } seconds && seconds is < SpeakingClock.MinSeconds or > SpeakingClock.MaxSeconds)
            {
                violations.Add(new(field, "Thời gian phát biểu phải từ {0} giây đến {1} phút.", SpeakingClock.MinSeconds, SpeakingClock.MaxSeconds / 60));
            }
        }

        if (input.AgendaItemId is { } itemId && !await db.AgendaItems.AnyAsync(a => a.Id == itemId && a.MeetingId == meetingId, cancellationToken))
        {
            violations.Add(new("AgendaItemId", "Mục {0} không có trong chương trình của cuộc họp này.", itemId));
        }

        RuleViolationException.ThrowIfAny(violations);
        var list = await ListRowAsync(meetingId, input.AgendaItemId, cancellationToken);
        list.FirstTurnSeconds = input.FirstTurnSeconds;
        list.SecondTurnSeconds = input.SecondTurnSeconds;
        list.Version++;
        return await SaveAsync(meetingId, "Thời gian phát biểu vừa được thay đổi cùng lúc; hãy xem lại.", "", cancellationToken);
    }

    /// <summary>Someone not reached (or still waiting when the list is closed) hands in their speech in writing; it is recorded against the item.</summary>
    public async Task<FloorRequestDto?> WrittenAsync(int meetingId, WrittenSpeechInput input, CancellationToken cancellationToken = default)
    {
        if (!await meetings.CanSeeMeetingAsync(db, meetingId, cancellationToken))
        {
            return null;
        }

        var request = await FindAsync(meetingId, input.RequestId, cancellationToken);
        await CheckOwnerAsync(meetingId, request, cancellationToken);
        var text = input.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > TextLimits.Long)
        {
            throw new RuleViolationException([new("Text", "Hãy nhập nội dung phát biểu bằng văn bản (tối đa {0} ký tự).", TextLimits.Long)]);
        }

        var closed = await db.SpeakerLists.AnyAsync(l => l.AgendaItemId == request.AgendaItemId && l.Closed, cancellationToken);
        if (!(request.State == FloorRequestState.NotReached || (request.State == FloorRequestState.Waiting && closed)))
        {
            throw new RuleViolationException([new("RequestId", "Chỉ người chưa được phát biểu khi danh sách đã khóa mới gửi phát biểu bằng văn bản.")]);
        }

        if (request.WrittenAt is { } at)
        {
            throw new ConflictException(new("RequestId", "{0} đã gửi phát biểu bằng văn bản lúc {1}.", request.Name, VietnamTime.Format(at)));
        }

        request.State = FloorRequestState.NotReached;
        request.WrittenSpeech = text;
        request.WrittenAt = Now;
        request.Version++;
        await SaveAsync(meetingId, "Yêu cầu phát biểu của {0} vừa được thay đổi cùng lúc; hãy xem lại.", request.Name, cancellationToken);
        return await DtoAsync(request, cancellationToken);
    }

    /// <summary>The floor now (see <see cref="FloorState"/>): a few small reads of the current item's rows.</summary>
    public static async Task<FloorState> StateAsync(DienHongDbContext db, int meetingId, CancellationToken cancellationToken = default)
    {
        var itemId = await db.AgendaItemRuns.AsNoTracking().Where(r => r.MeetingId == meetingId && r.EndedAt == null).Select(r => (int?)r.AgendaItemId).FirstOrDefaultAsync(cancellationToken);
        var rows = await db.FloorRequests.AsNoTracking()
            .Where(r => (r.AgendaItemId == itemId && r.State != FloorRequestState.Withdrawn) || (r.MeetingId == meetingId && r.State == FloorRequestState.Speaking))
            .OrderBy(r => r.Position).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var siteIds = rows.Select(r => r.SiteId).Distinct().ToList();
        var sites = await db.Sites.AsNoTracking().Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var lists = await db.SpeakerLists.AsNoTracking().Where(l => l.MeetingId == meetingId && (l.AgendaItemId == null || l.AgendaItemId == itemId)).ToListAsync(cancellationToken);
        var (first, second) = Times(lists, itemId);
        FloorRequestDto Dto(FloorRequest r) => FloorRequestDto.From(r, sites.GetValueOrDefault(r.SiteId, ""));
        var speaker = rows.FirstOrDefault(r => r.State == FloorRequestState.Speaking);
        var ofItem = rows.Where(r => r.AgendaItemId == itemId).ToList();
        return new FloorState(meetingId, itemId, lists.Any(l => l.AgendaItemId == itemId && itemId != null && l.Closed), first, second,
            speaker is null ? null : Dto(speaker),
            [.. ofItem.Where(r => r.State == FloorRequestState.Waiting).Select(Dto)],
            [.. ofItem.Where(r => r.State == FloorRequestState.Done).OrderBy(r => r.StartedAt).Select(Dto)],
            [.. ofItem.Where(r => r.State == FloorRequestState.NotReached).Select(Dto)]);
    }

    /// <summary>Every speech of the meeting, and every speech handed in writing: who, from which site, on which item, when, how long.</summary>
    public static async Task<List<SpeechRecord>> RecordAsync(DienHongDbContext db, int meetingId, CancellationToken cancellationToken = default) =>
        await db.FloorRequests.AsNoTracking()
            .Where(r => r.MeetingId == meetingId && (r.StartedAt != null || r.WrittenAt != null))
            .Join(db.AgendaItems, r => r.AgendaItemId, a => a.Id, (r, a) => new { r, a.Order, a.Content })
            .Join(db.Sites, x => x.r.SiteId, s => s.Id, (x, s) => new { x.r, x.Order, x.Content, Site = s.Name })
            .OrderBy(x => x.r.StartedAt ?? x.r.WrittenAt).ThenBy(x => x.r.Id)
            .Select(x => new SpeechRecord(
                x.r.Id, x.r.AgendaItemId, x.Order, x.Content, x.r.Name, x.r.Address, x.r.SiteId, x.Site, x.r.WholeSite, x.r.Kind, x.r.Turn,
                x.r.StartedAt, x.r.EndedAt, x.r.SpokenSeconds, x.r.WrittenSpeech, x.r.WrittenAt))
            .ToListAsync(cancellationToken);

    private static (int First, int Second) Times(List<SpeakerList> lists, int? itemId)
    {
        var item = lists.FirstOrDefault(l => itemId != null && l.AgendaItemId == itemId);
        var meeting = lists.FirstOrDefault(l => l.AgendaItemId == null);
        return (item?.FirstTurnSeconds ?? meeting?.FirstTurnSeconds ?? SpeakingClock.FirstTurnSeconds,
            item?.SecondTurnSeconds ?? meeting?.SecondTurnSeconds ?? SpeakingClock.SecondTurnSeconds);
    }

    private async Task<(int First, int Second)> TimesAsync(int meetingId, int itemId, CancellationToken cancellationToken) =>
        Times(await db.SpeakerLists.AsNoTracking().Where(l => l.MeetingId == meetingId && (l.AgendaItemId == null || l.AgendaItemId == itemId)).ToListAsync(cancellationToken), itemId);

    private async Task<SpeakerList> ListRowAsync(int meetingId, int? itemId, CancellationToken cancellationToken)
    {
        var list = await db.SpeakerLists.FirstOrDefaultAsync(l => l.MeetingId == meetingId && l.AgendaItemId == itemId, cancellationToken);
        if (list is null)
        {
            list = new SpeakerList { MeetingId = meetingId, AgendaItemId = itemId };
            db.SpeakerLists.Add(list);
        }

        return list;
    }

    private FloorRequest NewRequest(int meetingId, int itemId, int siteId, string key, string name, string? address, string? topic, FloorRequestKind kind, int? participantId)
    {
        var cleanTopic = string.IsNullOrWhiteSpace(topic) ? null : topic.Trim();
        if (cleanTopic?.Length > TextLimits.Line)
        {
            throw new RuleViolationException([new("Topic", "Nội dung đăng ký phát biểu dài quá {0} ký tự.", TextLimits.Line)]);
        }

        return new FloorRequest
        {
            MeetingId = meetingId,
            AgendaItemId = itemId,
            SiteId = siteId,
            ParticipantId = participantId,
            PersonKey = key.Length > TextLimits.Line ? key[..TextLimits.Line] : key,
            Name = name,
            Address = address,
            Topic = cleanTopic,
            Kind = kind,
            RequestedAt = Now,
            RequestedBy = user.Name,
            Version = 1,
        };
    }

    /// <summary>Adds a request to the item's queue: speeches at the end, points of order first, replies after them.</summary>
    private async Task<FloorRequestDto> AddAsync(int meetingId, FloorRequest request, CancellationToken cancellationToken)
    {
        if (request.Kind == FloorRequestKind.Speech && await db.SpeakerLists.AnyAsync(l => l.AgendaItemId == request.AgendaItemId && l.Closed, cancellationToken))
        {
            throw new RuleViolationException([new("Kind", "Danh sách phát biểu về mục này đã khóa; chỉ còn nhận kiến nghị về thủ tục và tranh luận.")]);
        }

        if (await db.FloorRequests.AsNoTracking().AnyAsync(r => r.AgendaItemId == request.AgendaItemId && r.PersonKey == request.PersonKey
            && (r.State == FloorRequestState.Waiting || r.State == FloorRequestState.Speaking), cancellationToken))
        {
            throw AlreadyRegistered(request.Name);
        }

        var waiting = await db.FloorRequests.Where(r => r.AgendaItemId == request.AgendaItemId && r.State == FloorRequestState.Waiting)
            .OrderBy(r => r.Position).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        if (request.Kind == FloorRequestKind.Speech)
        {
            request.Position = waiting.Count == 0 ? 1 : waiting[^1].Position + 1;
        }
        else
        {
            // Ahead of the queue: after the points of order (and, for a reply, the replies) already at its head.
            var at = waiting.TakeWhile(w => w.Kind != FloorRequestKind.Speech && Priority(w.Kind) <= Priority(request.Kind)).Count();
            waiting.Insert(at, request);
            for (var i = 0; i < waiting.Count; i++)
            {
                waiting[i].Position = i + 1;
            }
        }

        db.FloorRequests.Add(request);
        await SaveAsync(meetingId, "{0} vừa được đăng ký phát biểu về mục này cùng lúc; mỗi người chỉ có một lượt đăng ký đang chờ.", request.Name, cancellationToken);
        return await DtoAsync(request, cancellationToken);
    }

    private static int Priority(FloorRequestKind kind) => kind switch
    {
        FloorRequestKind.PointOfOrder => 0,
        FloorRequestKind.Reply => 1,
        _ => 2,
    };

    private static ConflictException AlreadyRegistered(string name) =>
        new(new("PersonKey", "{0} đã đăng ký phát biểu về mục này; mỗi người chỉ có một lượt đăng ký đang chờ.", name));

    private static void CheckKind(FloorRequestKind kind)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new RuleViolationException([new("Kind", "Loại đăng ký phát biểu không hợp lệ.")]);
        }
    }

    private async Task<FloorRequestDto> DtoAsync(FloorRequest request, CancellationToken cancellationToken) =>
        FloorRequestDto.From(request, await db.Sites.Where(s => s.Id == request.SiteId).Select(s => s.Name).FirstAsync(cancellationToken));

    private async Task<int> CurrentItemAsync(int meetingId, CancellationToken cancellationToken) =>
        await db.AgendaItemRuns.AsNoTracking().Where(r => r.MeetingId == meetingId && r.EndedAt == null).Select(r => (int?)r.AgendaItemId).FirstOrDefaultAsync(cancellationToken)
            ?? throw new RuleViolationException([new("AgendaItemId", "Chưa có mục nào đang thảo luận; chủ tọa chuyển sang một mục của chương trình trước khi đăng ký hoặc mời phát biểu.")]);

    private async Task<FloorRequest> FindAsync(int meetingId, int requestId, CancellationToken cancellationToken) =>
        await db.FloorRequests.FirstOrDefaultAsync(r => r.Id == requestId && r.MeetingId == meetingId, cancellationToken)
            ?? throw new RuleViolationException([new("RequestId", "Không có yêu cầu phát biểu số {0} trong cuộc họp này.", requestId)]);

    /// <summary>The chair, the operator of the request's site, or the delegate who asked.</summary>
    private async Task CheckOwnerAsync(int meetingId, FloorRequest request, CancellationToken cancellationToken)
    {
        if (await meetings.VerdictAsync(db, meetingId, null, MeetingAction.Chair, cancellationToken) == AccessVerdict.Allowed
            || await meetings.CanOperateSiteAsync(db, meetingId, request.SiteId, cancellationToken) == true)
        {
            return;
        }

        var userId = user.Id;
        if (request.ParticipantId is { } participantId && userId is not null && user.IsInRole(Roles.Delegate)
            && await db.Participants.AnyAsync(p => p.Id == participantId && p.UserId == userId, cancellationToken))
        {
            return;
        }

        throw new ForbiddenException(new("RequestId", "Bạn chỉ thay đổi được yêu cầu phát biểu của mình hoặc của điểm cầu mình phụ trách."));
    }

    private static string? UnitOf(Participant person)
    {
        var parts = new[] { person.PersonName is null ? null : person.Title, person.Organization?.Name ?? person.OrganizationName }.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private async Task<bool> CanChairAsync(int meetingId, CancellationToken cancellationToken) =>
        await meetings.VerdictAsync(db, meetingId, null, MeetingAction.Chair, cancellationToken) switch
        {
            AccessVerdict.Allowed => true,
            AccessVerdict.Forbidden => throw new ForbiddenException(new("Meeting", "Chỉ chủ tọa hoặc bộ phận giúp việc của cuộc họp mới được điều hành phát biểu.")),
            _ => false,
        };

    /// <summary>
    /// Saves with the new floor as the event (<paramref name="then"/>: more changes saved after the first ones, in the same
    /// transaction); someone acting on the same rows at once gets one result and a message. Returns the floor as this
    /// change left it, read inside its transaction for the event: the chair's answer needs no second read after the commit.
    /// </summary>
    private async Task<FloorState> SaveAsync(int meetingId, string conflict, string name, CancellationToken cancellationToken, Func<CancellationToken, Task>? then = null)
    {
        try
        {
            FloorState? state = null;
            await feed.SaveAsync(db, meetingId, async token =>
            {
                if (then is not null)
                {
                    await then(token);
                }

                state = await StateAsync(db, meetingId, token);
                var change = new LiveChange(FloorState.EventType, FloorEvent.Of(state), LiveAudience.Public);
                return [change];
            }, cancellationToken);
            return state!;
        }
        catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException || exception.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            throw new ConflictException(new("Version", conflict, name));
        }
    }
}
