using System.Buffers.Text;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

namespace LastFmMf.Data;

/// <summary>
/// Interns the artists of a Last.fm file: keyed by MusicBrainz id when the row has one, else by name. Each artist's
/// name string is made once, on its first row; a later row costs a UUID parse and one <see cref="KeyTable"/> probe (an
/// artist known by name only: a 128-bit hash of the name's bytes, a probe, and a comparison of the bytes).
/// </summary>
/// <remarks>
/// Names are compared ordinally, byte for byte as written (UTF-8; a name that is not UTF-8 is shown as Latin-1): no
/// case folding, trimming or Unicode normalisation, so "die ärzte" and "Die Ärzte" are two artists. The 360K names are
/// mostly lower case already, and any folding would merge artists the publisher kept apart. An MBID met with another
/// name than on its first row keeps the first name; how often that happens is counted.
/// </remarks>
internal sealed class ArtistKeys
{
    private readonly KeyTable _byMbid = new(), _byName = new();
    private readonly List<string> _names = [];
    private readonly List<Guid?> _mbids = [];
    // The bytes of the name-only artists, one after another, for the exact comparison a hash cannot give.
    private byte[] _nameBytes = new byte[1 << 16];
    private int _nameBytesUsed;
    private readonly HashSet<int> _renamed = [];

    public int Count => _names.Count;
    public int WithoutMbid => _byName.Count;
    public int WithMbid => _byMbid.Count;
    /// <summary>MBIDs met with more than one name.</summary>
    public int Renamed => _renamed.Count;
    /// <summary>Artists whose name was not UTF-8 and was read as Latin-1.</summary>
    public int Latin1Names { get; private set; }

    /// <summary>Parses the MBID column: null when empty, else a UUID, or a <see cref="DataError.InvalidMbid"/>.</summary>
    public static Guid? Mbid(TableReader t, int column)
    {
        var s = t.Span(column);
        if (s.IsEmpty) return null;
        if (s.Length == 36 && Utf8Parser.TryParse(s, out Guid g, out int used, 'D') && used == 36) return g;
        throw t.Fail(DataError.InvalidMbid, t.Quoted(column), $"expected an empty field or a MusicBrainz id (a UUID such as 5bd4b3b8-2d11-4a1e-a0b6-4e1c5a0d5c2b) in column '{t.ColumnName(column)}'");
    }

    /// <summary>The first-seen index of the artist of a row whose MBID column gave <paramref name="mbid"/>.</summary>
    public int Intern(Guid? mbid, ReadOnlySpan<byte> name)
    {
        if (mbid is { } g)
        {
            var key = MemoryMarshal.Cast<Guid, ulong>(MemoryMarshal.CreateReadOnlySpan(ref g, 1));
            ulong nameHash = XxHash3.HashToUInt64(name);
            int i = _byMbid.Find(key[0], key[1], out ulong firstName);
            if (i >= 0)
            {
                if (firstName != nameHash) _renamed.Add(i);
                return i;
            }
            i = Add(name, g);
            _byMbid.Add(key[0], key[1], nameHash, i);
            return i;
        }
        var h = XxHash128.HashToUInt128(name);
        ulong hi = (ulong)(h >> 64), lo = (ulong)h;
        int j = _byName.Find(hi, lo, out ulong where);
        if (j >= 0)
        {
            if (name.SequenceEqual(_nameBytes.AsSpan((int)(where >> 32), (int)(uint)where))) return j;
            // Two names with one 128-bit hash: never seen, and refused rather than merged.
            throw new InvalidOperationException($"The artist names '{_names[j]}' and '{Encoding.UTF8.GetString(name)}' have the same 128-bit hash.");
        }
        int at = _nameBytesUsed;
        j = Add(name, null);
        // The extra word says where the name's bytes are: offset in the high half, length in the low.
        _byName.Add(hi, lo, ((ulong)at << 32) | (uint)name.Length, j);
        return j;
    }

    private int Add(ReadOnlySpan<byte> name, Guid? mbid)
    {
        int i = _names.Count;
        bool utf8 = Utf8.IsValid(name);
        if (!utf8) Latin1Names++;
        _names.Add(utf8 ? Encoding.UTF8.GetString(name) : Encoding.Latin1.GetString(name));
        _mbids.Add(mbid);
        if (mbid is null)
        {
            if (_nameBytesUsed + name.Length > _nameBytes.Length)
                Array.Resize(ref _nameBytes, Math.Max(_nameBytes.Length * 2, _nameBytesUsed + name.Length));
            name.CopyTo(_nameBytes.AsSpan(_nameBytesUsed));
            _nameBytesUsed += name.Length;
        }
        return i;
    }

    /// <summary>The artists in id order — MBID ones by MBID, then name-only ones by name (ordinal) — with ids from 1, and
    /// each first-seen index's dense index. The same artists get the same ids whatever the order of the lines.</summary>
    public (Artist[] Artists, int[] DenseOf) Finish()
    {
        var order = Enumerable.Range(0, _names.Count).ToArray();
        var mbids = _mbids.Select(m => m?.ToString("D")).ToArray();
        // '0' + MBID sorts before '1' + name, ordinally: MBID artists first.
        var sortKeys = order.Select(i => mbids[i] is { } m ? "0" + m : "1" + _names[i]).ToArray();
        Array.Sort(sortKeys, order, StringComparer.Ordinal);
        var artists = new Artist[order.Length];
        var dense = new int[order.Length];
        for (int rank = 0; rank < order.Length; rank++)
        {
            int i = order[rank];
            dense[i] = rank;
            artists[rank] = new Artist(rank + 1, _names[i], "", "") { Mbid = mbids[i] };
        }
        return (artists, dense);
    }
}
