using System.Diagnostics;
using System.Text;
using LastFmMf.Data;
using LastFmMf.Tests.Support;
using Xunit;

namespace LastFmMf.Tests.Data;

/// <summary>Issue 13 row 10: a read stops soon after its token is cancelled, however long the file, and holds nothing
/// open afterwards. The file here never ends, so only cancellation can stop the read.</summary>
public sealed class CancellationTests
{
    /// <summary>The files of a folder, except user_artists.dat: endless valid rows (user n listens to artist 1).</summary>
    private sealed class EndlessListens(string folder) : HetrecSource
    {
        public readonly List<Stream> Opened = [];
        public override string Description => folder;
        public override string NameOf(string fileName) => Path.Combine(folder, fileName);
        public override Stream? TryOpen(string fileName, CancellationToken cancel)
        {
            var p = Path.Combine(folder, fileName);
            Stream? s = fileName == HetrecReader.ListensFile ? new RowStream() : File.Exists(p) ? File.OpenRead(p) : null;
            if (s is not null) Opened.Add(s);
            return s;
        }
    }

    private sealed class RowStream : Stream
    {
        private byte[] _pending = "userID\tartistID\tweight\r\n"u8.ToArray();
        private int _at;
        private long _user = 1;
        public bool Disposed { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_at == _pending.Length) { _pending = Encoding.ASCII.GetBytes($"{_user++}\t1\t3\r\n"); _at = 0; }
            int n = Math.Min(count, _pending.Length - _at);
            Array.Copy(_pending, _at, buffer, offset, n);
            _at += n;
            return n;
        }

        protected override void Dispose(bool disposing) { Disposed = true; base.Dispose(disposing); }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => 0; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task An_endless_import_stops_soon_after_cancel_and_closes_its_file()
    {
        using var folder = new TempHetrecFolder();
        using var source = new EndlessListens(folder.Path);
        using var cts = new CancellationTokenSource();
        var read = Task.Run(() => HetrecReader.Read(source, cts.Token));
        // Wait until the endless file is being read, then cancel.
        var started = Stopwatch.StartNew();
        while (!source.Opened.OfType<RowStream>().Any() && started.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(10);
        Assert.True(source.Opened.OfType<RowStream>().Any(), "the read never reached user_artists.dat");
        await Task.Delay(200);

        var stop = Stopwatch.StartNew();
        cts.Cancel();
        var finished = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(20))) == read;

        // 1 s is the target on an idle machine; the bound is generous for a loaded 2-core one.
        Assert.True(finished, "the read did not stop within 20 s of the cancel");
        Assert.IsAssignableFrom<OperationCanceledException>(read.Exception?.InnerException);
        Assert.True(stop.Elapsed < TimeSpan.FromSeconds(20));
        Assert.True(source.Opened.OfType<RowStream>().Single().Disposed, "the file was left open");
    }
}
