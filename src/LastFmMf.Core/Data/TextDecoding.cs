using System.Text;

namespace LastFmMf.Data;

/// <summary>
/// Decodes HetRec text: UTF-8, except that tags.dat holds a few lines of single Latin-1 bytes
/// ("tropic\xe1lia"). Such lines are decoded as Latin-1 instead of turning into U+FFFD.
/// </summary>
internal static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text, and the 1-based numbers of the lines that were read as Latin-1.</summary>
    public static (string Text, IReadOnlyList<int> Latin1Lines) Decode(byte[] bytes)
    {
        int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        try
        {
            return (StrictUtf8.GetString(bytes, start, bytes.Length - start), Array.Empty<int>());
        }
        catch (DecoderFallbackException)
        {
            return DecodeByLine(bytes, start);
        }
    }

    private static (string, IReadOnlyList<int>) DecodeByLine(byte[] bytes, int start)
    {
        var sb = new StringBuilder(bytes.Length);
        var latin1Lines = new List<int>();
        int line = 1;
        for (int i = start; i < bytes.Length;)
        {
            int end = Array.IndexOf(bytes, (byte)'\n', i);
            int next = end < 0 ? bytes.Length : end + 1;
            var span = bytes.AsSpan(i, next - i);
            try
            {
                sb.Append(StrictUtf8.GetString(span));
            }
            catch (DecoderFallbackException)
            {
                sb.Append(Encoding.Latin1.GetString(span));
                latin1Lines.Add(line);
            }
            line++;
            i = next;
        }
        return (sb.ToString(), latin1Lines);
    }
}
