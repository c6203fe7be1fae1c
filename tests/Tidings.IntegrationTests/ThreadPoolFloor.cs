using System.Runtime.CompilerServices;

namespace Tidings.IntegrationTests;

internal static class ThreadPoolFloor
{
    /// <summary>
    /// Dozens of in-process portals run side by side on two cores, with the browser suite beside them. With the
    /// pool's floor at the core count, a burst of blocking work (EF model building, Kestrel start-up) leaves queued
    /// continuations waiting for the slow thread injection, and a Redis answer that arrived is read after its timeout.
    /// </summary>
#pragma warning disable CA2255 // The test assembly is the process's entry point in practice; nothing else loads it.
    [ModuleInitializer]
    public static void Raise()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
    }
#pragma warning restore CA2255
}
