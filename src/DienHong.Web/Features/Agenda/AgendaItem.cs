namespace DienHong.Features.Agenda;

/// <summary>An agenda item: its order (STT, 1..n without gaps), content and who presents.</summary>
public class AgendaItem
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int Order { get; set; }
    public required string Content { get; set; }
    public string? Presenter { get; set; }
    public int? PlannedMinutes { get; set; }
}
