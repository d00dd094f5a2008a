using System.Net;
using System.Net.Sockets;

namespace Flotilla.TestKit;

/// <summary>Free loopback ports, reserved with a lock file per port so parallel test processes never share one
/// (envtest's addr allocator).</summary>
public static class FreePort
{
    private static readonly Lock Gate = new();
    private static readonly List<FileStream> Locks = [];
    private static readonly string LockDir = Path.Combine(Path.GetTempPath(), "flotilla-ports");

    public static int Next()
    {
        Directory.CreateDirectory(LockDir);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            int port;
            using (var l = new TcpListener(IPAddress.Loopback, 0))
            {
                l.Start();
                port = ((IPEndPoint)l.LocalEndpoint).Port;
            }
            try
            {
                var fs = new FileStream(Path.Combine(LockDir, port + ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
                lock (Gate) Locks.Add(fs);
                return port;
            }
            catch (IOException)
            {
                // another process holds this port's lock
            }
        }
        throw new InvalidOperationException("no free loopback port found");
    }
}
