namespace DienHong.Resources;

/// <summary>
/// Marker for the shared UI strings. Keys are the Vietnamese text itself (the default language),
/// so a missing translation falls back to Vietnamese; SharedResource.en.resx holds English.
/// </summary>
public sealed class SharedResource;
