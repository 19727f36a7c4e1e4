using System;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace Sensors.Tests.Shared;

/// <summary>A temporary folder for one test (host stand-in for a disk or the band's flash), deleted on dispose; helpers write raw files (valid or broken).</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() : this("recording") { }

    /// <summary>A folder named sensors-{prefix}-{guid} under the temp path.</summary>
    public TempFolder(string prefix)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sensors-" + prefix + "-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="text"/> as UTF-8 (gzip-compressed when the name ends in .gz).</summary>
    public string Write(string name, string text)
    {
        string path = File(name);
        byte[] bytes = new UTF8Encoding(false).GetBytes(text);
        if (name.EndsWith(".gz", StringComparison.Ordinal)) bytes = Gzip(bytes);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(data);
        return ms.ToArray();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
