namespace LastFmMf.Persistence;

/// <summary>Why a model file was refused; the module turns these into ErrorIds.</summary>
public enum ModelFileError
{
    /// <summary>The file does not start with the LastFmMf model magic bytes.</summary>
    NotAModelFile,
    /// <summary>Written by a newer LastFmMf with a format version this one does not know.</summary>
    UnsupportedVersion,
    /// <summary>The file ends before its declared content does.</summary>
    Truncated,
    /// <summary>The checksum does not match (the bytes were changed after writing), or the content is inconsistent.</summary>
    Corrupted,
    /// <summary>A folder, FIFO, device or socket where a model file was expected.</summary>
    NotARegularFile,
    /// <summary>The operating system could not read the file (permissions, a link loop or dangling link, an I/O error).</summary>
    ReadFailed,
}

/// <summary>A model file that cannot be read, with the path and what was wrong.</summary>
public sealed class ModelFileException(ModelFileError error, string path, string message) : Exception($"{path}: {message}")
{
    public ModelFileError Error { get; } = error;
    public string Path { get; } = path;
}
