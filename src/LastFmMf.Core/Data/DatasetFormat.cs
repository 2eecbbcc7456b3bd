namespace LastFmMf.Data;

/// <summary>The public Last.fm collections the module reads; what <c>Import-LastFmData -Format</c> takes.</summary>
public enum DatasetFormat
{
    /// <summary>HetRec 2011 (hetrec2011-lastfm-2k): artists, tags, friends and user–artist play counts; .dat files with headers.</summary>
    Hetrec2011,
    /// <summary>Last.fm-360K (Celma 2010): each user's top artists with total plays, and profiles; .tsv files, no header.</summary>
    Lastfm360K,
    /// <summary>Last.fm-1K (Celma 2010): every scrobble of about a thousand users with its time, and profiles.</summary>
    Lastfm1K,
}
