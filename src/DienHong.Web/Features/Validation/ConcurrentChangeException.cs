namespace DienHong.Features.Validation;

/// <summary>
/// The data changed since the client read it (it sent an older version): nothing was saved; the
/// client reloads and decides again. Answered with 409.
/// </summary>
public sealed class ConcurrentChangeException() : Exception(Template)
{
    public const string Template = "Cuộc họp vừa được người khác thay đổi, thay đổi của bạn chưa được lưu. Hãy tải lại rồi làm lại.";
}
