namespace DienHong.Features.Auditing;

/// <summary>
/// Rows that record machinery rather than a person's change (the live event log, console
/// heartbeats): they carry a MeetingId but get no audit entry; the change they stand for has its own.
/// </summary>
public interface INotAudited;
