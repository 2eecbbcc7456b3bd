using System.Globalization;
using System.Text;

namespace LastFmMf.Data;

/// <summary>
/// Reads a Last.fm-360K or -1K profile file: user id, gender (m, f or empty), age (a whole number or empty; the real
/// 360K file has impossible ages such as -1337, kept as written), country (free text or empty), signup date as
/// "Feb 1, 2007" (or empty). The 1K file starts with a header line "#id ..."; the 360K file has none.
/// </summary>
internal static class ProfileReader
{
    internal static readonly string[] Columns = ["user", "gender", "age", "country", "signup"];

    /// <summary>The rows by user key, in file order; a user listed twice is a <see cref="DataError.DuplicateId"/>.</summary>
    public static List<(string Key, string? Gender, int? Age, string? Country, DateOnly? Signup)> Read(
        SourceFile file, DatasetFormat format, MalformedLines malformed, CancellationToken cancel)
    {
        using var t = TableReader.OpenHeaderless(file.DisplayName, file.Data, Columns, TableReader.HeaderLine.OptionalHash, cancel);
        var rows = new List<(string, string?, int?, string?, DateOnly?)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        // A few hundred countries over hundreds of thousands of rows: each kept once (20 MB less at Last.fm-360K scale).
        var countries = new Dictionary<string, string>(StringComparer.Ordinal);
        while (t.NextAnyWidth())
        {
            try
            {
                if (t.FieldCount != Columns.Length) throw t.WrongWidth();
                UserKeys.Check(t, 0, format);
                var key = Encoding.ASCII.GetString(t.Span(0)).ToLowerInvariant();
                var gender = Text(t, 1) switch
                {
                    null => null,
                    "m" => "m",
                    "f" => "f",
                    _ => throw t.Fail(DataError.InvalidProfile, t.Quoted(1), "expected the gender m, f or an empty field"),
                };
                int? age = Age(t, 2);
                var country = Text(t, 3);
                if (country is not null)
                {
                    if (countries.TryGetValue(country, out var shared)) country = shared;
                    else countries.Add(country, country);
                }
                DateOnly? signup = null;
                if (Text(t, 4) is { } d)
                {
                    if (!DateOnly.TryParseExact(d, "MMM d, yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                        throw t.Fail(DataError.InvalidDate, t.Quoted(4), "expected a signup date written as 'Feb 1, 2007', or an empty field");
                    signup = day;
                }
                if (!seen.TryAdd(key, t.Line))
                    throw t.Fail(DataError.DuplicateId, key, $"user {key} already has a profile on line {seen[key]}; expected one profile a user");
                rows.Add((key, gender, age, country, signup));
            }
            catch (DataFormatException e) when (malformed.Skip(e, file.DisplayName)) { }
        }
        return rows;
    }

    private static string? Text(TableReader t, int column) => t.Span(column).IsEmpty ? null : t.Text(column);

    private static int? Age(TableReader t, int column)
    {
        var s = t.Span(column);
        if (s.IsEmpty) return null;
        if (System.Buffers.Text.Utf8Parser.TryParse(s, out int age, out int used) && used == s.Length) return age;
        throw t.Fail(DataError.NotANumber, t.Quoted(column), "expected an age as a whole number, or an empty field");
    }
}
