namespace LastFmMf.Data;

/// <summary>The file and folder names of the two Last.fm collections of Celma (2010), as their archives hold them.</summary>
public static class LastfmFiles
{
    /// <summary>Last.fm-360K: user SHA-1, artist MBID (may be empty), artist name, total plays; no header.</summary>
    public const string Listens360K = "usersha1-artmbid-artname-plays.tsv";
    /// <summary>Last.fm-360K: user SHA-1, gender, age, country, signup date; no header.</summary>
    public const string Profiles360K = "usersha1-profile.tsv";
    /// <summary>Last.fm-1K: user id, UTC timestamp, artist MBID, artist name, track MBID, track name; no header.</summary>
    public const string Scrobbles1K = "userid-timestamp-artid-artname-traid-traname.tsv";
    /// <summary>Last.fm-1K: user id, gender, age, country, registration date; a header line starting with '#'.</summary>
    public const string Profiles1K = "userid-profile.tsv";

    /// <summary>The folders the official archives unpack to.</summary>
    public const string Folder360K = "lastfm-dataset-360K";
    public const string Folder1K = "lastfm-dataset-1K";
}
