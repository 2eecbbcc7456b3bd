namespace LastFmMf.Data;

/// <summary>
/// Reads a Last.fm-360K or -1K collection into a <see cref="LastFmDataset"/>: the listens file (required) and the
/// profile file (optional), from any <see cref="LastfmSource"/>, in the order the source holds them. Users and artists
/// are interned once; listens go straight into chunked columns and from there into the CSR arrays.
/// </summary>
internal static class LastfmReader
{
    public static LastFmDataset Read(LastfmSource source, DatasetFormat format, bool skipMalformed, CancellationToken cancel)
    {
        var users = new UserKeys(format);
        var artists = new ArtistKeys();
        var rows = new ListenRows(withTimes: format == DatasetFormat.Lastfm1K);
        var malformed = new MalformedLines(skipMalformed);
        var notes = new List<string>();
        List<(string Key, string? Gender, int? Age, string? Country, DateOnly? Signup)>? profiles = null;
        string? listensName = null, profileName = null;
        long lines = 0;
        var (listensFile, profileFile) = format == DatasetFormat.Lastfm360K
            ? (LastfmFiles.Listens360K, LastfmFiles.Profiles360K)
            : (LastfmFiles.Scrobbles1K, LastfmFiles.Profiles1K);

        foreach (var file in source.Files(cancel))
        {
            using var data = file.Data;
            // A single file of another name is taken for the listens file of the format asked for.
            var known = LastfmSource.KnownName(file.FileName);
            // A second copy (an archive holding the file at its root and in its folder) cannot be told apart from the
            // first: refused, rather than its plays added twice.
            if ((known == profileFile ? profileName : listensName) is { } first)
                throw new DataFormatException(DataError.BadArchive, file.DisplayName, 0, null,
                    $"{source.Description} holds {file.FileName} twice (also {first}); expected each file once");
            if (known == profileFile)
            {
                profiles = ProfileReader.Read(file, format, malformed, cancel);
                profileName = file.DisplayName;
                continue;
            }
            if (known is not null && known != listensFile)
                throw new DataFormatException(DataError.FormatMismatch, file.DisplayName, 0, null,
                    $"this is a file of {FormatOf(known)}, not of {format}; pass -Format {FormatOf(known)} or the {format} files");
            listensName = file.DisplayName;
            lines = format == DatasetFormat.Lastfm360K
                ? ReadCounting(() => Lastfm360KReader.Read(file, users, artists, rows, malformed, cancel), rows)
                : Lastfm1KReader.Read(file, users, artists, rows, malformed, cancel);
        }
        if (listensName is null)
            throw new DataFormatException(DataError.FileNotFound, $"{source.Description}/{listensFile}", 0, null,
                $"the {format} listens file {listensFile} is missing; expected it beside (or instead of) {profileFile}");
        if (rows.Count == 0)
            throw new DataFormatException(DataError.EmptyFile, listensName, 0, null, "the file has no listens");

        var userIds = users.Finish();
        var userMap = IdMap.FromIds(userIds);
        var userDense = userIds.Select(userMap.IndexOf).ToArray();
        var keys = new string[userMap.Count];
        for (int i = 0; i < userDense.Length; i++) keys[userDense[i]] = users.Keys[i];
        var (artistRows, artistDense) = artists.Finish();
        var artistMap = IdMap.FromIds(artistRows.Select(a => a.Id));
        var listens = rows.Build(userDense, artistDense, userMap.Count, artistMap.Count, out long merged, listensName);

        notes.Add(format == DatasetFormat.Lastfm360K
            ? $"{listensName}: {lines:N0} rows of {userMap.Count:N0} users and {artistMap.Count:N0} artists."
            : $"{listensName}: {lines:N0} scrobbles of {userMap.Count:N0} users and {artistMap.Count:N0} artists, counted into {listens.Count:N0} user–artist play counts with each pair's first and last time; the track columns are not kept.");
        notes.Add($"{listensName}: {artists.WithMbid:N0} artists have an MBID and {artists.WithoutMbid:N0} are known by name only " +
                  "(keyed by MBID where there is one, else by name, compared exactly as written: no case folding or trimming).");
        if (artists.Renamed > 0)
            notes.Add($"{listensName}: {artists.Renamed:N0} MBIDs appear under more than one name; each keeps the name of its first line.");
        if (merged > 0)
            notes.Add($"{listensName}: {merged:N0} lines repeat a user–artist pair already met (one MBID under two names); their plays are added to the pair's.");
        if (artists.Latin1Names > 0)
            notes.Add($"{listensName}: {artists.Latin1Names:N0} artist names are not UTF-8 and were read as Latin-1.");
        if (listens.Plays.Any(p => p > 16_777_216f))
            notes.Add($"{listensName}: some play counts exceed 16,777,216 and are kept as the nearest single-precision number.");
        notes.AddRange(malformed.Notes());
        var profileRows = JoinProfiles(profiles, users, userIds, userMap.Count, notes, profileName ?? $"{source.Description}: no {profileFile}");

        return new LastFmDataset(source.Description, userMap, artistMap, artistRows, [], [], [], listens, notes)
        {
            Format = format,
            UserKeys = keys,
            UserProfiles = profileRows,
            SkippedLines = malformed.Count,
        };
    }

    private static long ReadCounting(Action read, ListenRows rows)
    {
        long before = rows.Count;
        read();
        return rows.Count - before;
    }

    private static UserProfile[] JoinProfiles(List<(string Key, string? Gender, int? Age, string? Country, DateOnly? Signup)>? profiles,
        UserKeys users, int[] userIds, int userCount, List<string> notes, string profileName)
    {
        if (profiles is null)
        {
            notes.Add($"{profileName}; the dataset has no profiles.");
            return [];
        }
        var result = new UserProfile[profiles.Count];
        int without = 0, matched = 0;
        for (int i = 0; i < result.Length; i++)
        {
            var p = profiles[i];
            int u = users.IndexOf(p.Key);
            int? id = u < 0 ? null : userIds[u];
            if (id is null) without++; else matched++;
            // The key string the listens interned, not the profile line's equal copy: 37 MB less at Last.fm-360K scale.
            result[i] = new UserProfile(id, u < 0 ? p.Key : users.Keys[u], p.Gender, p.Age, p.Country, p.Signup);
        }
        notes.Add($"{profileName}: {result.Length:N0} profiles; {userCount - matched:N0} users with listens have none, {without:N0} profiles are of users with no listens (kept, UserId empty).");
        return result;
    }

    private static DatasetFormat FormatOf(string known) =>
        known is LastfmFiles.Listens360K or LastfmFiles.Profiles360K ? DatasetFormat.Lastfm360K : DatasetFormat.Lastfm1K;

    /// <summary>The format a known file name belongs to.</summary>
    internal static DatasetFormat? FormatOfName(string? known) => known is null ? null : FormatOf(known);
}
