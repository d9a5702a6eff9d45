using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace DienHong.Data;

/// <summary>What a database exception means, the same way on SQLite and PostgreSQL.</summary>
public static class DatabaseErrors
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteUniqueConstraint = 2067;
    private const int SqlitePrimaryKeyConstraint = 1555;
    private const int SqliteForeignKeyConstraint = 787;

    /// <summary>A unique index or key refused the row: someone else wrote the same thing first.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteUniqueConstraint or SqlitePrimaryKeyConstraint,
        _ => false,
    };

    /// <summary>
    /// Someone else changed the same data at the same time: a stale concurrency token, a unique
    /// value taken in between, a serialization failure or deadlock, SQLite's writer lock.
    /// Doing the work again on fresh data is the answer.
    /// </summary>
    public static bool IsConcurrentChange(Exception exception) =>
        exception is DbUpdateConcurrencyException
        || Chain(exception).Any(e => e switch
        {
            PostgresException postgres => postgres.SqlState is PostgresErrorCodes.UniqueViolation
                or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected,
            SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteUniqueConstraint or SqlitePrimaryKeyConstraint
                || sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked,
            _ => false,
        });

    /// <summary>A row refers to one that does not exist (deleted in between).</summary>
    public static bool IsMissingReference(Exception exception) =>
        Chain(exception).Any(e => e switch
        {
            PostgresException postgres => postgres.SqlState == PostgresErrorCodes.ForeignKeyViolation,
            SqliteException sqlite => sqlite.SqliteExtendedErrorCode == SqliteForeignKeyConstraint,
            _ => false,
        });

    /// <summary>Text the database cannot store or compare (NUL, invalid UTF-8), e.g. in a search or a user name.</summary>
    public static bool IsInvalidText(Exception exception) =>
        Chain(exception).OfType<PostgresException>().Any(e => e.SqlState is PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter);

    /// <summary>The database cannot be reached or is not answering: server down, network cut, pool exhausted, disk gone.</summary>
    public static bool IsUnavailable(Exception exception) =>
        Chain(exception).Any(e => e switch
        {
            RetryLimitExceededException or SocketException or TimeoutException => true,
            PostgresException postgres => postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections,
            NpgsqlException npgsql => npgsql is not PostgresException,
            // Busy or locked beyond the timeout, I/O error, disk full, file not openable.
            SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked or 10 or 13 or 14,
            _ => false,
        });

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }
}
