using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Tidings.Web.Infrastructure;

/// <summary>Thrown instead of trying to connect while <see cref="DatabaseCircuit"/> is open.</summary>
public sealed class DatabaseUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Tells an outage of the database server (down, restarting, unreachable, out of connections) from a bug.</summary>
public static class DatabaseOutage
{
    public static bool IsOutage(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case DatabaseUnavailableException:
                    return true;

                // A server answer: connection exceptions (08), shutting down or starting up (57P), too many connections.
                case PostgresException pg:
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState == "53300";

                // No answer at all: refused, reset, timed out.
                case NpgsqlException:
                    return true;
            }
        }

        return false;
    }
}

/// <summary>
/// Fails connection attempts at once for <see cref="OpenFor"/> after one failed for an outage, so while PostgreSQL
/// restarts or is unreachable every request gets its answer (a friendly 503) without each waiting for a connect
/// timeout of its own. After that time the next attempts try the server again.
/// </summary>
public sealed class DatabaseCircuit(TimeProvider time) : DbConnectionInterceptor
{
    public static readonly TimeSpan OpenFor = TimeSpan.FromSeconds(2);

    private long _openUntilTicks;
    private int _tripped;

    /// <summary>Raised when the database first fails, and when it answers again (true).</summary>
    public event Action<bool, Exception?>? StateChanged;

    public bool IsOpen => time.GetUtcNow().UtcTicks < Interlocked.Read(ref _openUntilTicks);

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        ThrowIfOpen();
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        ThrowIfOpen();
        return ValueTask.FromResult(result);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Closed();

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Closed();
        return Task.CompletedTask;
    }

    public override void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) => Failed(eventData.Exception);

    public override Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Exception);
        return Task.CompletedTask;
    }

    /// <summary>Trips the circuit for an outage seen elsewhere (a command on an open connection that broke).</summary>
    public void Failed(Exception e)
    {
        if (!DatabaseOutage.IsOutage(e) || e is DatabaseUnavailableException)
        {
            return;
        }

        Interlocked.Exchange(ref _openUntilTicks, (time.GetUtcNow() + OpenFor).UtcTicks);
        if (Interlocked.Exchange(ref _tripped, 1) == 0)
        {
            StateChanged?.Invoke(false, e);
        }
    }

    /// <summary>Lets the next connection try the server at once (a test that opened the circuit on purpose).</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _openUntilTicks, 0);
        Closed();
    }

    private void Closed()
    {
        if (Interlocked.Exchange(ref _tripped, 0) == 1)
        {
            StateChanged?.Invoke(true, null);
        }
    }

    private void ThrowIfOpen()
    {
        if (IsOpen)
        {
            throw new DatabaseUnavailableException("The database did not answer a moment ago; not trying again yet.");
        }
    }
}
