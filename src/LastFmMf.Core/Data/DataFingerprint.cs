using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace LastFmMf.Data;

/// <summary>
/// A short fingerprint of the user and artist id maps: two datasets (or a dataset and a model) with the same
/// fingerprint index the same users and artists the same way, so their dense indices can be compared.
/// </summary>
public static class DataFingerprint
{
    /// <summary>The first 8 bytes of SHA-256 over the counts and the ids of both maps, as 16 lower-case hex digits.</summary>
    public static string Of(IdMap users, IdMap artists)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(artists);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<int> counts = [users.Count, artists.Count];
        hash.AppendData(MemoryMarshal.AsBytes(counts));
        hash.AppendData(MemoryMarshal.AsBytes(users.Ids));
        hash.AppendData(MemoryMarshal.AsBytes(artists.Ids));
        return Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 8));
    }
}
