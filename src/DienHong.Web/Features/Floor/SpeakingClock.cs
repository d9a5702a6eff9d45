namespace DienHong.Features.Floor;

/// <summary>
/// The countdown of a speech as the server keeps it: a deadline while it runs, the seconds left
/// while paused. Clients receive these once per change (give, pause, resume, extend) and count
/// down themselves; the server never sends ticks.
/// </summary>
public static class SpeakingClock
{
    /// <summary>The National Assembly's rules of procedure: at most 7 minutes a first turn, 3 a second on the same item.</summary>
    public const int FirstTurnSeconds = 7 * 60;
    public const int SecondTurnSeconds = 3 * 60;

    /// <summary>The countdown shows its warning colour in the last 30 seconds.</summary>
    public const int WarningSeconds = 30;

    public const int MinSeconds = 30;
    public const int MaxSeconds = 60 * 60;

    public static void Start(FloorRequest speech, DateTime now, int allowedSeconds)
    {
        speech.StartedAt = now;
        speech.AllowedSeconds = allowedSeconds;
        speech.Deadline = now.AddSeconds(allowedSeconds);
        speech.PausedAt = null;
        speech.RemainingSeconds = null;
        speech.PausedSeconds = 0;
    }

    public static void Pause(FloorRequest speech, DateTime now)
    {
        speech.RemainingSeconds = Seconds(speech.Deadline!.Value - now);
        speech.PausedAt = now;
        speech.Deadline = null;
    }

    public static void Resume(FloorRequest speech, DateTime now)
    {
        speech.PausedSeconds += Math.Max(0, Seconds(now - speech.PausedAt!.Value));
        speech.Deadline = now.AddSeconds(speech.RemainingSeconds!.Value);
        speech.PausedAt = null;
        speech.RemainingSeconds = null;
    }

    public static void Extend(FloorRequest speech, int seconds)
    {
        speech.AllowedSeconds += seconds;
        if (speech.Deadline is { } deadline)
        {
            speech.Deadline = deadline.AddSeconds(seconds);
        }
        else
        {
            speech.RemainingSeconds += seconds;
        }
    }

    /// <summary>Ends the speech: how long it lasted, pauses left out.</summary>
    public static void End(FloorRequest speech, DateTime now)
    {
        if (speech.PausedAt is not null)
        {
            Resume(speech, now);
        }

        speech.EndedAt = now;
        speech.SpokenSeconds = Math.Max(0, Seconds(now - speech.StartedAt!.Value) - speech.PausedSeconds);
        speech.Deadline = null;
    }

    /// <summary>Seconds left at <paramref name="now"/> (negative: over time).</summary>
    public static int Remaining(FloorRequest speech, DateTime now) =>
        speech.Deadline is { } deadline ? Seconds(deadline - now) : speech.RemainingSeconds ?? 0;

    private static int Seconds(TimeSpan span) => (int)Math.Round(span.TotalSeconds, MidpointRounding.AwayFromZero);
}
