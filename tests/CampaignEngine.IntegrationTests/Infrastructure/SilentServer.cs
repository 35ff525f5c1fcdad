using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace CampaignEngine.IntegrationTests.Infrastructure;

/// <summary>Accepts connections and never answers: a storage service in one of its pauses.</summary>
public sealed class SilentServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentBag<TcpClient> held = [];
    private int connections;

    public SilentServer()
    {
        listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;
    public int Connections => connections;

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                held.Add(await listener.AcceptTcpClientAsync());
                Interlocked.Increment(ref connections);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    public void Dispose()
    {
        listener.Stop();
        foreach (var client in held) client.Dispose();
    }
}
