using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tidings.IntegrationTests.Postgres;

/// <summary>The published executable as an operator runs it: its own process, port and data directory.</summary>
public sealed class WebNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private WebNode(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>A desktop browser's user agent: the portal counts no reader signals from clients that look like bots.</summary>
    public const string ReaderUserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    public Uri BaseAddress { get; }

    /// <summary>Starts a node; <paramref name="port"/> to take over from one that was killed, on its address.</summary>
    /// <param name="dataDirectoryAsArgument">Name the data directory with --data-dir, as an operator may, not in the environment.</param>
    public static async Task<WebNode> StartAsync(string name, string dataDirectory, Dictionary<string, string> settings, int? port = null, bool dataDirectoryAsArgument = false)
    {
        port ??= FreePort();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Tidings.Web.dll"));
        foreach (var (key, value) in settings)
        {
            psi.Environment[key] = value;
        }

        if (dataDirectoryAsArgument)
        {
            psi.ArgumentList.Add("--data-dir");
            psi.ArgumentList.Add(dataDirectory);
        }
        else
        {
            psi.Environment["Tidings__DataDirectory"] = dataDirectory;
        }

        psi.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        var node = new WebNode(Process.Start(psi)!, new Uri($"http://127.0.0.1:{port}/"));
        node._process.OutputDataReceived += (_, e) => node.Append(e.Data);
        node._process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();

        try
        {
            await node.WaitUntilReadyAsync(name);
            return node;
        }
        catch
        {
            // Whatever went wrong, the process must not outlive the test (a node left running holds its port and CPU).
            await node.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilReadyAsync(string name)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"node {name} exited with {_process.ExitCode}:\n{Log}");
            }

            try
            {
                using var ready = await client.GetAsync("/readyz");
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy starting to answer within the client's timeout (a loaded CI machine).
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(120))
            {
                throw new TimeoutException($"node {name} was not ready after 120 s:\n{Log}");
            }

            await Task.Delay(250);
        }
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, as a power cut or the OOM killer would stop it.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
