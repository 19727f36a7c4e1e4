using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace Sensors.Gateway.Sessions.Recording;

/// <summary>
/// Raw angle samples of a session in the recording format (gzip CSV, header <c>t_s,flexion_rad,valid</c>), kept
/// locally in the outbox for technicians and replay; not uplinked (the contract has no raw topic).
/// </summary>
public static class RawSamplesCsv
{
    /// <summary>Header line.</summary>
    public const string Header = "t_s,flexion_rad,valid";

    /// <summary>Gzip CSV of the samples (invalid samples keep an empty angle).</summary>
    public static byte[] Write(IReadOnlyList<AngleSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        using (var w = new StreamWriter(gz, new UTF8Encoding(false)))
        {
            w.NewLine = "\n";
            w.WriteLine(Header);
            foreach (AngleSample s in samples)
            {
                w.Write(s.TS.ToString("R", CultureInfo.InvariantCulture));
                w.Write(',');
                if (s.Valid) w.Write(s.FlexionRad.ToString("R", CultureInfo.InvariantCulture));
                w.Write(s.Valid ? ",1\n" : ",0\n");
            }
        }
        return ms.ToArray();
    }

    /// <summary>Reads back what <see cref="Write"/> wrote.</summary>
    /// <exception cref="InvalidDataException">Not gzip, wrong header or a malformed line (named by number).</exception>
    public static IReadOnlyList<AngleSample> Read(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var gz = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var r = new StreamReader(gz, Encoding.UTF8);
        string? header = r.ReadLine();
        if (header != Header) throw new InvalidDataException($"raw samples: header '{header}' is not '{Header}'");
        var list = new List<AngleSample>();
        int lineNo = 1;
        for (string? line = r.ReadLine(); line is not null; line = r.ReadLine())
        {
            lineNo++;
            string[] f = line.Split(',');
            if (f.Length != 3 || !double.TryParse(f[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double t))
                throw new InvalidDataException($"raw samples line {lineNo}: '{line}' is not t_s,flexion_rad,valid");
            bool valid = f[2] == "1";
            double a = 0;
            if (valid && !double.TryParse(f[1], NumberStyles.Float, CultureInfo.InvariantCulture, out a))
                throw new InvalidDataException($"raw samples line {lineNo}: flexion_rad '{f[1]}' is not a number");
            list.Add(new AngleSample(t, a, valid));
        }
        return list;
    }
}
