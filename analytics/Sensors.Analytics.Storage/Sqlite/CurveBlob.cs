using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace Sensors.Analytics.Storage.Sqlite;

/// <summary>Curve samples as a BLOB: little-endian float64 per sample, NaN = gap (null). Exact round trip of every finite value.</summary>
internal static class CurveBlob
{
    public static byte[] Encode(IReadOnlyList<double?> samples)
    {
        var bytes = new byte[samples.Count * sizeof(double)];
        Span<byte> span = bytes;
        for (int i = 0; i < samples.Count; i++)
            BinaryPrimitives.WriteDoubleLittleEndian(span.Slice(i * sizeof(double)), samples[i] ?? double.NaN);
        return bytes;
    }

    public static double?[] Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % sizeof(double) != 0)
            throw new InvalidOperationException($"curve BLOB of {bytes.Length} bytes is not a whole number of float64 samples");
        var samples = new double?[bytes.Length / sizeof(double)];
        for (int i = 0; i < samples.Length; i++)
        {
            double v = BinaryPrimitives.ReadDoubleLittleEndian(bytes.Slice(i * sizeof(double)));
            samples[i] = double.IsNaN(v) ? null : v;
        }
        return samples;
    }
}
