using DienHong.Features.Meetings;

namespace DienHong.Features.Auditing;

/// <summary>Who changed what, and when. Written for every change to a meeting or anything on it.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }

    /// <summary>The meeting the change belongs to; cleared if the meeting is deleted later.</summary>
    public int? MeetingId { get; set; }
    public Meeting? Meeting { get; set; }

    /// <summary>The site the change concerns (a site, its participants…), so another site's operator never reads it; cleared if the site is deleted.</summary>
    public int? SiteId { get; set; }
    public Sites.Site? Site { get; set; }

    /// <summary>Entity type in code ("Site", "AgendaItem").</summary>
    public required string EntityType { get; set; }
    public string? EntityId { get; set; }

    /// <summary>Added, Modified or Deleted.</summary>
    public required string Action { get; set; }

    /// <summary>JSON object: property → value (added/deleted) or [old, new] (modified).</summary>
    public required string Changes { get; set; }
}
