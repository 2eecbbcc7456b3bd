using LastFmMf.Data;

namespace LastFmMf.Splitting;

/// <summary>A time split of data that has no listening times: HetRec and Last.fm-360K give total plays only.</summary>
public sealed class NoTimestampsException(DatasetFormat format, string source)
    : ArgumentException($"{source} is {format} data, which has no listening times, so it cannot be split by time; " +
                        "-Method Time needs Last.fm-1K data (each pair's first and last play), or use -Method PerUser or Random.")
{
    public DatasetFormat Format { get; } = format;
}
