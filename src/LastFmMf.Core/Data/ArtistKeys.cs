using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;

namespace LastFmMf.Data;

/// <summary>
/// Interns the artists of a Last.fm file: keyed by MusicBrainz id when the row has one, else by name. Each artist's
/// name string is made once, on its first row; later rows cost a UUID parse and a dictionary lookup (or, for an artist
/// known by name only, decoding the name into a reused buffer and a lookup by span).
/// </summary>
/// <remarks>
/// Names are compared ordinally, code point by code point, exactly as written (UTF-8; Latin-1 where the bytes are not
/// UTF-8): no case folding, trimming or Unicode normalisation, so "die ärzte" and "Die Ärzte" are two artists. The
/// 360K names are mostly lower case already, and any folding would merge artists the publisher kept apart. An MBID
/// met with another name than on its first row keeps the first name; how often that happens is counted.
/// </remarks>
internal sealed class ArtistKeys
{
    private readonly Dictionary<Guid, int> _byMbid = [];
    private readonly Dictionary<string, int> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _byNameSpan;
    private readonly List<string> _names = [];
    private readonly List<Guid?> _mbids = [];
    private readonly List<byte[]> _firstNameBytes = [];
    private readonly HashSet<int> _renamed = [];
    private char[] _chars = new char[256];

    public ArtistKeys() => _byNameSpan = _byName.GetAlternateLookup<ReadOnlySpan<char>>();

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
            if (_byMbid.TryGetValue(g, out int i))
            {
                if (!name.SequenceEqual(_firstNameBytes[i])) _renamed.Add(i);
                return i;
            }
            i = Add(Decode(name).ToString(), g);
            _byMbid.Add(g, i);
            return i;
        }
        var chars = Decode(name);
        if (_byNameSpan.TryGetValue(chars, out int j)) return j;
        var s = chars.ToString();
        j = Add(s, null);
        _byName.Add(s, j);
        return j;
    }

    private int Add(string name, Guid? mbid)
    {
        int i = _names.Count;
        _names.Add(name);
        _mbids.Add(mbid);
        _firstNameBytes.Add(mbid is null ? [] : Encoding.UTF8.GetBytes(name));
        return i;
    }

    private ReadOnlySpan<char> Decode(ReadOnlySpan<byte> bytes)
    {
        if (_chars.Length < bytes.Length) _chars = new char[Math.Max(bytes.Length, 2 * _chars.Length)];
        if (Utf8.IsValid(bytes)) return _chars.AsSpan(0, Encoding.UTF8.GetChars(bytes, _chars));
        Latin1Names++;
        return _chars.AsSpan(0, Encoding.Latin1.GetChars(bytes, _chars));
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
