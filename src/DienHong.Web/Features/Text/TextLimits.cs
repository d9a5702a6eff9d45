namespace DienHong.Features.Text;

/// <summary>Length limits shared by the database schema and the validation messages.</summary>
public static class TextLimits
{
    public const int Code = 50;
    public const int Short = 100;
    public const int Name = 300;
    public const int Line = 1000;
    public const int Long = 8000;
}
