using System.Diagnostics;

namespace Tidings.IntegrationTests.Postgres;

/// <summary>
/// A PostgreSQL cluster and a Redis server of one test's own, which it may stop and start again (the shared test
/// servers serve other suites at the same time). They need the server binaries (installed by ./test.sh) and root,
/// to run PostgreSQL as the postgres user; tests marked <see cref="OnPrivateServersAttribute"/> skip without them.
/// </summary>
public static class PrivateServers
{
    public static string? PostgresBin =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl"))).Order().LastOrDefault()
            : null;

    private static readonly string[] RedisServerPaths = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];

    public static string? RedisServerBin => RedisServerPaths.FirstOrDefault(File.Exists);

    public static string? MissingReason =>
        !OperatingSystem.IsLinux() || Environment.UserName != "root" ? "needs root on Linux (PostgreSQL runs as the postgres user)"
        : PostgresBin is null ? "no PostgreSQL server binaries (apt-get install postgresql)"
        : RedisServerBin is null ? "no redis-server (apt-get install redis-server)"
        : null;

    internal static async Task<string> RunAsync(string file, string arguments, bool check = true)
    {
        var psi = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments}: exit {process.ExitCode}\n{await output}\n{await error}");
        }

        return await output + await error;
    }
}

/// <summary>A throwaway PostgreSQL cluster on a free port (fsync on: the test is about what survives a crash).</summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tidings-fault-pg-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _bin = PrivateServers.PostgresBin!;

    public int Port { get; } = WebNode.FreePort();

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=tidings";

    public static async Task<PrivatePostgres> StartAsync()
    {
        var pg = new PrivatePostgres();
        Directory.CreateDirectory(pg._dir);
        await PrivateServers.RunAsync("chown", $"postgres: {pg._dir}");
        await pg.AsPostgresAsync($"{pg._bin}/initdb -D {pg._dir}/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8");
        await pg.StartAgainAsync();
        await pg.AsPostgresAsync($"{pg._bin}/psql -h 127.0.0.1 -p {pg.Port} -U postgres -c 'CREATE DATABASE tidings'");
        return pg;
    }

    /// <summary>Stops the server the hard way, as a crash or an operator's kill would: no checkpoint, clients cut off.</summary>
    public Task CrashAsync() => AsPostgresAsync($"{_bin}/pg_ctl -D {_dir}/data -m immediate -w stop");

    public Task StartAgainAsync() =>
        AsPostgresAsync($"{_bin}/pg_ctl -D {_dir}/data -l {_dir}/log -w start -o '-p {Port} -c listen_addresses=127.0.0.1 -k {_dir}'");

    private Task<string> AsPostgresAsync(string command) => PrivateServers.RunAsync("su", $"postgres -s /bin/sh -c \"{command}\"");

    public async ValueTask DisposeAsync()
    {
        await PrivateServers.RunAsync("su", $"postgres -s /bin/sh -c \"{_bin}/pg_ctl -D {_dir}/data -m immediate stop\"", check: false);
        Directory.Delete(_dir, recursive: true);
    }
}

/// <summary>A throwaway Redis server on a free port, without persistence: a restart empties it, as in many deployments.</summary>
public sealed class PrivateRedis : IAsyncDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tidings-fault-redis-" + Guid.NewGuid().ToString("N")[..8]);

    public int Port { get; } = WebNode.FreePort();

    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<PrivateRedis> StartAsync()
    {
        var redis = new PrivateRedis();
        Directory.CreateDirectory(redis._dir);
        await redis.StartAgainAsync();
        return redis;
    }

    public async Task StartAgainAsync()
    {
        await PrivateServers.RunAsync(PrivateServers.RedisServerBin!, $"--port {Port} --bind 127.0.0.1 --daemonize yes --pidfile {_dir}/redis.pid --dir {_dir} --logfile {_dir}/redis.log --save \"\" --appendonly no");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(Path.Combine(_dir, "redis.pid")) || !await ListeningAsync())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException("redis-server did not start:\n" + await File.ReadAllTextAsync(Path.Combine(_dir, "redis.log")));
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Kills the server (SIGKILL): everything it held is gone.</summary>
    public async Task KillAsync()
    {
        var pidFile = Path.Combine(_dir, "redis.pid");
        if (File.Exists(pidFile))
        {
            var pid = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            using var process = Process.GetProcessById(pid);
            process.Kill();
            await process.WaitForExitAsync();
            File.Delete(pidFile);
        }
    }

    private async Task<bool> ListeningAsync()
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            await client.ConnectAsync(System.Net.IPAddress.Loopback, Port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
