using System.Text;
using LastFmMf.Data;
using LastFmMf.Tests.Support;
using Xunit;

namespace LastFmMf.Tests.Data;

/// <summary>Issue 13 rows 1 and 12: messages quote at most a few hundred characters, a reader never holds an
/// unbounded line, and numbers are read only when written plainly.</summary>
public class ReaderBoundsTests
{
    private static DataFormatException ReadFails(TempHetrecFolder folder) =>
        Assert.Throws<DataFormatException>(() => HetrecReader.Read(folder.Path));

    [Fact]
    public void A_file_without_line_breaks_is_a_line_too_long_with_a_short_message()
    {
        using var f = new TempHetrecFolder();
        // 8 MB of digits and no newline: the reader must give up after one bounded buffer, not read it whole.
        using (var s = File.Create(Path.Combine(f.Path, HetrecReader.ListensFile)))
        {
            var chunk = Encoding.ASCII.GetBytes(new string('7', 1 << 16));
            for (int i = 0; i < 128; i++) s.Write(chunk);
        }

        var e = ReadFails(f);

        Assert.Equal(DataError.LineTooLong, e.Error);
        Assert.Equal(1, e.Line);
        Assert.EndsWith(HetrecReader.ListensFile, e.File);
        Assert.Contains("65,536 bytes", e.Message);
        Assert.True(e.Message.Length < 600, $"the message has {e.Message.Length} characters");
    }

    [Fact]
    public void A_long_bad_header_is_quoted_cut_with_its_length()
    {
        var header = "userID\tartistID\t" + new string('w', 50_000);
        using var f = TempHetrecFolder.With(HetrecReader.ListensFile, header + "\r\n2\t1\t3\r\n");

        var e = ReadFails(f);

        Assert.Equal(DataError.BadHeader, e.Error);
        Assert.Contains("(50,016 bytes in all)", e.Value);
        Assert.True(e.Value!.Length <= DataFormatException.MaxQuotedChars + 40);
        Assert.True(e.Message.Length < 600, $"the message has {e.Message.Length} characters");
    }

    [Fact]
    public void A_long_value_is_quoted_cut_with_its_length()
    {
        using var f = TempHetrecFolder.With(HetrecReader.ListensFile, $"userID\tartistID\tweight\r\n2\t1\t{new string('x', 5000)}\r\n");

        var e = ReadFails(f);

        Assert.Equal(DataError.NotANumber, e.Error);
        Assert.StartsWith(new string('x', DataFormatException.MaxQuotedChars) + "… (5,000 bytes in all)", e.Value);
        Assert.True(e.Message.Length < 700);
    }

    [Fact]
    public void Any_caller_quoting_a_huge_value_gets_it_capped()
    {
        var e = new DataFormatException(DataError.NotANumber, "f.dat", 2, new string('v', 100_000), "expected a number");

        Assert.Contains("(100,000 characters in all)", e.Message);
        Assert.True(e.Message.Length < 400);
    }

    [Theory]
    [InlineData("+5")]
    [InlineData("00005")]
    [InlineData("05")]
    [InlineData(" 5")]
    [InlineData("5 ")]
    [InlineData("2147483648")]
    public void Weights_not_written_plainly_are_refused(string weight)
    {
        using var f = TempHetrecFolder.With(HetrecReader.ListensFile, $"userID\tartistID\tweight\r\n2\t1\t10\r\n2\t2\t{weight}\r\n");

        var e = ReadFails(f);

        Assert.Equal(DataError.NotANumber, e.Error);
        Assert.Equal(3, e.Line);
        Assert.Equal(weight, e.Value);
    }

    [Fact]
    public void A_utf8_byte_order_mark_before_the_header_is_accepted()
    {
        using var f = new TempHetrecFolder();
        var p = Path.Combine(f.Path, HetrecReader.ListensFile);
        File.WriteAllBytes(p, [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(p)]);

        Assert.Equal(4, HetrecReader.Read(f.Path).ListenCount);
    }

    [Fact]
    public void A_cancelled_read_stops_with_operation_cancelled()
    {
        using var f = new TempHetrecFolder();
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => HetrecReader.Read(f.Path, cts.Token));
    }
}
