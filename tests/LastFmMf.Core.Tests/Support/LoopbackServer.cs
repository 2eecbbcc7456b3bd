using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LastFmMf.Tests.Support;

/// <summary>What the loopback server answers to one request.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Body">The body; its full length is announced as Content-Length.</param>
/// <param name="SendOnly">Send only this many body bytes, then (unless <paramref name="Stall"/>) close the connection.</param>
/// <param name="Stall">After <paramref name="SendOnly"/> bytes, keep the connection open and send nothing until the server is disposed.</param>
public sealed record Reply(int Status, byte[] Body, int? SendOnly = null, bool Stall = false)
{
    public static Reply Ok(byte[] body) => new(200, body);
    public static Reply NotFound() => new(404, Encoding.ASCII.GetBytes("not found"));
    public static Reply Dropped(byte[] body, int sendOnly) => new(200, body, sendOnly);
    public static Reply Stalled(byte[] body, int sendOnly) => new(200, body, sendOnly, Stall: true);
}

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 and a free port, on raw sockets so that a test can announce a
/// Content-Length and then drop the connection. Every connection gets one reply and is closed. Disposing
/// stops it and waits (bounded) for its connections to end.
/// </summary>
public sealed class LoopbackServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<string, Reply> _reply;
    private readonly List<Task> _connections = [];
    private readonly Task _accept;
    private int _requests;

    public LoopbackServer(Func<string, Reply> reply)
    {
        _reply = reply;
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accept = Task.Run(AcceptLoop);
    }

    /// <summary>Serves the same reply to every request.</summary>
    public LoopbackServer(Reply reply) : this(_ => reply) { }

    public Uri BaseUri { get; }

    /// <summary>How many requests have been answered (or begun).</summary>
    public int Requests => Volatile.Read(ref _requests);

    public Uri UriOf(string path) => new(BaseUri, path);

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            // InvalidOperationException: Dispose stopped the listener between the loop's check and the accept.
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            lock (_connections) _connections.Add(Task.Run(() => Serve(client)));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var path = await ReadRequestPath(stream, _stop.Token);
            Interlocked.Increment(ref _requests);
            var reply = _reply(path);
            var head = $"HTTP/1.1 {reply.Status} {(HttpStatusCode)reply.Status}\r\n" +
                       $"Content-Length: {reply.Body.Length}\r\n" +
                       "Content-Type: application/zip\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
            var send = Math.Min(reply.SendOnly ?? reply.Body.Length, reply.Body.Length);
            await stream.WriteAsync(reply.Body.AsMemory(0, send), _stop.Token);
            await stream.FlushAsync(_stop.Token);
            if (reply.Stall) await Task.Delay(Timeout.Infinite, _stop.Token);
            client.Client.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The client went away or the server is stopping.
        }
    }

    private static async Task<string> ReadRequestPath(NetworkStream stream, CancellationToken ct)
    {
        var seen = new StringBuilder();
        var buffer = new byte[1024];
        while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var n = await stream.ReadAsync(buffer, ct);
            if (n == 0) throw new IOException("the client closed before sending a whole request");
            seen.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
        var requestLine = seen.ToString()[..seen.ToString().IndexOf("\r\n", StringComparison.Ordinal)];
        return requestLine.Split(' ')[1];
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        Task[] all;
        lock (_connections) all = [_accept, .. _connections];
        Task.WaitAll(all, TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
