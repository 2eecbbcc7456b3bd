using System.Runtime.InteropServices;

namespace LastFmMf.Data;

/// <summary>What a path names, as stat(2) sees it after following symbolic links.</summary>
internal enum FileKind { Missing, Regular, Directory, Fifo, CharacterDevice, BlockDevice, Socket, DanglingLink, Other, StatFailed }

/// <summary>
/// Opens data files only when they are regular files, and turns every file-system fault into a
/// <see cref="DataFormatException"/> that names the path. A FIFO would block open(2) until a writer comes (and
/// Ctrl+C cannot interrupt it), /dev/zero never ends, and a folder is not "missing": so the kind is checked
/// with stat(2) before anything is opened.
/// </summary>
internal static partial class RegularFile
{
    /// <summary>The kind of <paramref name="path"/>, and the OS message when stat(2) itself failed (a loop, a name too long).</summary>
    public static FileKind KindOf(string path, out string? why)
    {
        why = null;
        if (OperatingSystem.IsWindows())
            return Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular : FileKind.Missing;
        var status = default(FileStatusBuffer);
        if (Stat(path, ref status) == 0) return KindOfMode(status.Mode);
        int errno = Marshal.GetLastPInvokeError();
        if (errno is ENOENT or ENOTDIR)
            return LStat(path, ref status) == 0 && (status.Mode & S_IFMT) == S_IFLNK ? FileKind.DanglingLink : FileKind.Missing;
        why = Marshal.GetPInvokeErrorMessage(errno);
        return errno == EACCES ? FileKind.Other : FileKind.StatFailed;
    }

    /// <summary>Opens a regular file for sequential reading, or throws a <see cref="DataFormatException"/> saying what the path is instead.</summary>
    public static FileStream OpenRead(string path, string nameForErrors)
    {
        var kind = KindOf(path, out var why);
        if (kind != FileKind.Regular) throw NotRegular(kind, why, nameForErrors, path);
        try
        {
            // bufferSize 0: the CSV reader buffers; FileShare.Read so that a writer cannot change it under us.
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Wrap(e, nameForErrors);
        }
    }

    /// <summary>The error for a path that is not a readable regular file.</summary>
    public static DataFormatException NotRegular(FileKind kind, string? why, string nameForErrors, string path) => kind switch
    {
        FileKind.Missing => new(DataError.FileNotFound, nameForErrors, 0, null, "the file is missing"),
        FileKind.Directory => new(DataError.NotARegularFile, nameForErrors, 0, null, "this is a folder; expected a regular file"),
        FileKind.Fifo => new(DataError.NotARegularFile, nameForErrors, 0, null, "this is a FIFO (named pipe), which could block forever; expected a regular file"),
        FileKind.CharacterDevice or FileKind.BlockDevice => new(DataError.NotARegularFile, nameForErrors, 0, null, "this is a device, not a file; expected a regular file"),
        FileKind.Socket => new(DataError.NotARegularFile, nameForErrors, 0, null, "this is a socket; expected a regular file"),
        FileKind.DanglingLink => new(DataError.ReadFailed, nameForErrors, 0, null,
            $"this is a symbolic link to {SafeLinkTarget(path)}, which does not exist; expected a regular file"),
        FileKind.Other when why is not null => new(DataError.AccessDenied, nameForErrors, 0, null, $"cannot be read: {why}; check the permissions of the file and its folders"),
        _ => new(DataError.ReadFailed, nameForErrors, 0, null, $"cannot be read: {why ?? "not a regular file"}"),
    };

    /// <summary>An I/O fault while opening or reading, with the path and the OS message.</summary>
    public static DataFormatException Wrap(Exception e, string nameForErrors) => e switch
    {
        UnauthorizedAccessException => new(DataError.AccessDenied, nameForErrors, 0, null, "cannot be read: permission denied; check the permissions of the file and its folders", e),
        PathTooLongException => new(DataError.ReadFailed, nameForErrors, 0, null, "cannot be read: the path is too long", e),
        FileNotFoundException or DirectoryNotFoundException => new(DataError.FileNotFound, nameForErrors, 0, null, "the file is missing (it was removed while being read?)", e),
        _ => new(DataError.ReadFailed, nameForErrors, 0, null, $"cannot be read: {e.Message}", e),
    };

    private static string SafeLinkTarget(string path)
    {
        try { return new FileInfo(path).LinkTarget ?? "?"; }
        catch (IOException) { return "?"; }
    }

    private static FileKind KindOfMode(int mode) => (mode & S_IFMT) switch
    {
        S_IFREG => FileKind.Regular,
        S_IFDIR => FileKind.Directory,
        S_IFIFO => FileKind.Fifo,
        S_IFCHR => FileKind.CharacterDevice,
        S_IFBLK => FileKind.BlockDevice,
        S_IFSOCK => FileKind.Socket,
        _ => FileKind.Other,
    };

    // errno values shared by Linux and macOS.
    private const int ENOENT = 2, EACCES = 13, ENOTDIR = 20;

    // The runtime's own POSIX shim (libSystem.Native, shipped with every .NET on Unix) reports the mode with these
    // platform-independent constants, so no per-OS struct stat layout is needed; the runtime's FileStatus struct has
    // Flags then Mode as its first two int32 fields, and the buffer is larger than the whole struct.
    private const int S_IFMT = 0xF000, S_IFIFO = 0x1000, S_IFCHR = 0x2000, S_IFDIR = 0x4000, S_IFBLK = 0x6000,
        S_IFREG = 0x8000, S_IFLNK = 0xA000, S_IFSOCK = 0xC000;

    [StructLayout(LayoutKind.Explicit, Size = 512)]
    private struct FileStatusBuffer
    {
        [FieldOffset(4)] public int Mode;
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Stat(string path, ref FileStatusBuffer status);

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_LStat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int LStat(string path, ref FileStatusBuffer status);
}
