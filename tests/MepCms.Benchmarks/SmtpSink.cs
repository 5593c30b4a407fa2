using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.IO;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace MepCms.Benchmarks;

/// <summary>
/// A mail server on 127.0.0.1 that accepts every message and only counts it: how many, to how many
/// distinct recipients, over how many SMTP sessions, and when the first and last arrived. Nothing is
/// parsed or kept, so the sink costs the shared cores as little as possible.
/// </summary>
internal sealed class SmtpSink : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;
    private readonly object _gate = new();
    private SinkCount _count = SinkCount.Empty;
    private ConcurrentDictionary<string, byte> _recipients = new(StringComparer.OrdinalIgnoreCase);
    private ConcurrentDictionary<Guid, byte> _sessionsWithMail = new();

    public int Port { get; } = AppServer.FreePort();

    // Every connection made, messages or not (the app's health check probes the server too).
    private int _sessionsOpened;

    public static async Task<SmtpSink> StartAsync()
    {
        var sink = new SmtpSink();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, sink.Port))).Build();
        var services = new ServiceProvider();
        services.Add(new Store(sink));
        services.Add(new NoDelayListenerFactory());
        var server = new SmtpServer.SmtpServer(options, services);
        server.SessionCreated += (_, _) => Interlocked.Increment(ref sink._sessionsOpened);
        sink._running = server.StartAsync(sink._stop.Token);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, sink.Port);
                return sink;
            }
            catch (SocketException)
            {
                await Task.Delay(20);
            }
        }
        throw new InvalidOperationException($"The SMTP sink did not start on port {sink.Port}.");
    }

    /// <summary>What has arrived since the last <see cref="Reset"/>.</summary>
    public SinkCount Count
    {
        get
        {
            lock (_gate)
            {
                return _count with { Recipients = _recipients.Count, Sessions = _sessionsWithMail.Count, SessionsOpened = Volatile.Read(ref _sessionsOpened) };
            }
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _count = SinkCount.Empty;
            _recipients = new(StringComparer.OrdinalIgnoreCase);
            _sessionsWithMail = new();
            Interlocked.Exchange(ref _sessionsOpened, 0);
        }
    }

    private void Received(ISessionContext context, IMessageTransaction transaction)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            _count = _count with
            {
                Messages = _count.Messages + 1,
                First = _count.Messages == 0 ? now : _count.First,
                Last = now,
            };
            foreach (var to in transaction.To)
            {
                _recipients.TryAdd($"{to.User}@{to.Host}", 0);
            }
            _sessionsWithMail.TryAdd(context.SessionId, 0);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private sealed class Store(SmtpSink sink) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            sink.Received(context, transaction);
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}

/// <summary>
/// The library's own listener leaves Nagle's algorithm on: its replies to a pipelined MAIL FROM /
/// RCPT TO then wait for the client's delayed ACK, about 40 ms per message, and the sink, not the
/// sender, would set the pace (21 messages/s with MailKit over one connection; over 900 with this).
/// </summary>
internal sealed class NoDelayListenerFactory : IEndpointListenerFactory
{
    public IEndpointListener CreateListener(IEndpointDefinition endpoint)
    {
        var listener = new TcpListener(endpoint.Endpoint);
        listener.Start();
        return new Listener(listener);
    }

    private sealed class Listener(TcpListener listener) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            client.NoDelay = true;
            context.Properties[EndpointListener.LocalEndPointKey] = client.Client.LocalEndPoint!;
            context.Properties[EndpointListener.RemoteEndPointKey] = client.Client.RemoteEndPoint!;
            return new Connection(client);
        }

        public void Dispose() => listener.Stop();
    }

    /// <summary>Plain TCP only: the benchmark's sender is configured with `Mail:Smtp:Security=None`.</summary>
    private sealed class Connection(TcpClient client) : ISecurableDuplexPipe
    {
        private readonly NetworkStream _stream = client.GetStream();
        private PipeReader? _input;
        private PipeWriter? _output;

        public PipeReader Input => _input ??= PipeReader.Create(_stream);
        public PipeWriter Output => _output ??= PipeWriter.Create(_stream);
        public bool IsSecure => false;
        public SslProtocols SslProtocol => SslProtocols.None;

        public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The benchmark's SMTP sink speaks plain SMTP only.");

        public void Dispose() => client.Dispose();
    }
}

/// <summary>
/// Messages received, distinct recipients, the sessions that carried them and all sessions opened,
/// and the Stopwatch timestamps of the first and last message.
/// </summary>
internal sealed record SinkCount(long Messages, int Recipients, int Sessions, int SessionsOpened, long First, long Last)
{
    public static readonly SinkCount Empty = new(0, 0, 0, 0, 0, 0);

    public TimeSpan Span => Messages < 2 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(First, Last);

    public double PerSecond => Span > TimeSpan.Zero ? Messages / Span.TotalSeconds : 0;
}
