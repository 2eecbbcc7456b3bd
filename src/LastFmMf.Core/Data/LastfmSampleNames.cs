using System.Globalization;
using System.Text;
using LastFmMf.Randomness;

namespace LastFmMf.Data;

/// <summary>
/// Names and profile values for the generated Last.fm-360K and -1K files. An artist's name is a function of its rank
/// (syllables in mixed radix), so names are unique without a set of the names taken; one artist in eight gets a
/// decoration that the real files are full of (accents, umlauts, CJK, quotes, '&amp;', a leading "the"), each kind
/// carrying characters that plain names never contain, so decorated names stay unique too.
/// </summary>
internal static class LastfmSampleNames
{
    private static readonly string[] Syllables =
    [
        "ka", "lo", "mi", "ra", "ne", "to", "vi", "su", "de", "ba", "po", "li", "ze", "ru", "fa", "no",
        "gi", "ha", "mo", "te", "ja", "wu", "xe", "qui", "sel", "dor", "van", "bel", "mar", "tin", "gro", "ash",
    ];

    private static readonly Func<string, string>[] Decorations =
    [
        n => "die " + Umlaut(n),
        n => n + " & the " + Syllables[n.Length % Syllables.Length] + "s",
        n => "the " + n + "!",
        n => "\"" + n + "\" yankovic",
        n => n.Replace('o', 'ö').Replace('a', 'å') + " ø",
        n => n + " 坂本",
        n => "sigur " + n.Replace('a', 'á').Replace('e', 'é') + " rós",
        n => n + ", " + n[..1] + ".",
    ];

    /// <summary>The unique name of the artist of popularity rank <paramref name="rank"/> (0 = most popular).</summary>
    public static string Artist(int rank)
    {
        var sb = new StringBuilder();
        int r = rank;
        do
        {
            sb.Append(Syllables[r % Syllables.Length]);
            r /= Syllables.Length;
        } while (r > 0);
        // A second word from the same digits read another way, so names look like names, not serial numbers.
        sb.Append(' ').Append(Syllables[(rank / 7 + 3) % Syllables.Length]).Append(Syllables[(rank / 3 + 11) % Syllables.Length]);
        var name = sb.ToString();
        // Injective decorations only: a decorated name contains a marker that no plain name has, and the base is kept whole.
        return rank % 8 == 5 ? Decorations[rank / 8 % Decorations.Length](name) : name;
    }

    private static string Umlaut(string n) => n.Replace('a', 'ä').Replace('u', 'ü') + "rzte";

    /// <summary>A MusicBrainz-shaped id (a version-4 UUID) from the stream.</summary>
    public static string Mbid(ref SeededRandom rng)
    {
        Span<byte> b = stackalloc byte[16];
        BitConverter.TryWriteBytes(b[..8], rng.NextUInt64());
        BitConverter.TryWriteBytes(b[8..], rng.NextUInt64());
        b[6] = (byte)((b[6] & 0x0F) | 0x40);
        b[8] = (byte)((b[8] & 0x3F) | 0x80);
        return new Guid(b, bigEndian: true).ToString("D");
    }

    /// <summary>40 lower-case hex digits, the shape of the 360K files' user ids (SHA-1s).</summary>
    public static string Sha1(ref SeededRandom rng)
    {
        Span<byte> b = stackalloc byte[24];
        for (int i = 0; i < 3; i++) BitConverter.TryWriteBytes(b[(8 * i)..], rng.NextUInt64());
        return Convert.ToHexStringLower(b[..20]);
    }

    private static readonly string[] Countries =
    [
        "United States", "Germany", "United Kingdom", "Poland", "Russian Federation", "Brazil", "Sweden", "Spain",
        "Finland", "Netherlands", "Canada", "France", "Italy", "Japan", "Australia", "Norway", "Mexico", "Czech Republic",
        "Côte D'Ivoire", "Åland Islands", "Türkiye", "Korea, Republic of",
    ];

    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>A profile row's columns after the user id: gender (m, f or empty), age (or empty), country (or empty),
    /// signup date as the files write it ("Feb 1, 2007").</summary>
    public static string ProfileColumns(ref SeededRandom rng, DateOnly signup)
    {
        double g = rng.NextDouble();
        string gender = g < 0.6 ? "m" : g < 0.85 ? "f" : "";
        string age = rng.NextDouble() < 0.2 ? "" : (16 + rng.NextInt(40)).ToString(CultureInfo.InvariantCulture);
        string country = rng.NextDouble() < 0.07 ? "" : Countries[rng.NextInt(Countries.Length)];
        return $"{gender}\t{age}\t{country}\t{Signup(signup)}";
    }

    public static string Signup(DateOnly d) => string.Create(CultureInfo.InvariantCulture, $"{Months[d.Month - 1]} {d.Day}, {d.Year}");
}
