using System;
using System.IO;

namespace Sensors.Firmware.Tests.Calibration;

/// <summary>A fresh directory under the system temp folder, deleted on dispose: the host stand-in for the band's flash drive.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sensors-calib-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
