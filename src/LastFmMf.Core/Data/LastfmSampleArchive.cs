using System.Formats.Tar;
using System.IO.Compression;

namespace LastFmMf.Data;

/// <summary>Packs generated files the way the official archives are packed: a gzipped tar with one folder
/// (<see cref="LastfmFiles.Folder360K"/> or <see cref="LastfmFiles.Folder1K"/>) holding a README and the .tsv files.</summary>
public static class LastfmSampleArchive
{
    public static string WriteTarGz(string archivePath, string folderInArchive, IEnumerable<string> files)
    {
        using var file = new FileStream(archivePath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: false);
        var readme = new PaxTarEntry(TarEntryType.RegularFile, $"{folderInArchive}/README.txt")
        {
            DataStream = new MemoryStream("A synthetic sample written by LastFmMf, in the shape of the Last.fm dataset of this name.\n"u8.ToArray()),
        };
        tar.WriteEntry(readme);
        foreach (var f in files) tar.WriteEntry(f, $"{folderInArchive}/{Path.GetFileName(f)}");
        return archivePath;
    }
}
