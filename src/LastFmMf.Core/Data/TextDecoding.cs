using System.Text;
using System.Text.Unicode;

namespace LastFmMf.Data;

/// <summary>
/// Decodes HetRec text fields: UTF-8, except that tags.dat holds a few names in single Latin-1 bytes
/// ("tropic\xe1lia"). Such fields are decoded as Latin-1 instead of turning into U+FFFD.
/// </summary>
internal static class TextDecoding
{
    /// <summary>The field as text, and whether it had to be read as Latin-1.</summary>
    public static string Decode(ReadOnlySpan<byte> field, out bool wasLatin1)
    {
        wasLatin1 = !Utf8.IsValid(field);
        return wasLatin1 ? Encoding.Latin1.GetString(field) : Encoding.UTF8.GetString(field);
    }
}
