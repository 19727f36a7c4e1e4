using System;
using System.Collections.Generic;
using System.Globalization;
using Sensors.Recording;

namespace Sensors.Gateway.Intake.Transports;

/// <summary>
/// A capture of the frames a gateway received, in the recording format (contract 1): columns <c>t_s</c> (arrival on the
/// capturing gateway's clock, s) and <c>frame_hex</c> (the datagram as hex, text column); the sidecar names the band in
/// <c>device_ids.band</c> and lists <c>frame_hex</c> in <c>text_columns</c>. Replaying a capture gives the intake exactly
/// the bytes and arrival times it saw live, including corrupt frames.
/// </summary>
public static class FrameLog
{
    /// <summary>The frame column.</summary>
    public const string FrameColumn = "frame_hex";

    /// <summary>Starts a capture at <paramref name="path"/> (.csv or .csv.gz; written atomically on <see cref="RecordingWriter.Complete"/>).</summary>
    public static FrameLogWriter Create(string path, string bandId)
    {
        var metadata = new RecordingMetadata { Description = "frames received by the gateway (arrival time, bytes as hex)", Source = "Sensors gateway capture" };
        metadata.DeviceIds["band"] = bandId;
        metadata.TextColumns.Add(FrameColumn);
        return new FrameLogWriter(RecordingWriter.Create(path, [RecordingLayouts.TimeColumn, FrameColumn], metadata));
    }

    /// <summary>True when the file's header has the frame-log columns.</summary>
    public static bool IsFrameLog(string path)
    {
        using RecordingReader reader = RecordingReader.Open(path, new RecordingReaderOptions { TextColumns = [FrameColumn] });
        return reader.HasColumn(FrameColumn);
    }

    /// <summary>The band id in the sidecar (null when absent).</summary>
    public static string? BandIdOf(string path) =>
        RecordingMetadata.LoadFor(path) is { } m && m.DeviceIds.TryGetValue("band", out string? id) ? id : null;

    /// <summary>Reads the capture. A field that is not hex raises <see cref="RecordingFormatException"/> (file, line, column).</summary>
    public static IEnumerable<ReceivedFrame> Read(string path, string deviceId)
    {
        using RecordingReader reader = RecordingReader.Open(path, new RecordingReaderOptions { TextColumns = [FrameColumn] });
        int t = reader.RequireColumn(RecordingLayouts.TimeColumn);
        int f = reader.RequireColumn(FrameColumn);
        while (reader.ReadRow())
        {
            string hex = reader.GetText(f);
            byte[] bytes;
            try
            {
                bytes = Convert.FromHexString(hex);
            }
            catch (FormatException ex)
            {
                throw new RecordingFormatException(path, reader.LineNumber, FrameColumn, $"not a hex byte string: '{hex}'", ex);
            }

            yield return new ReceivedFrame(deviceId, bytes, reader.GetDouble(t));
        }
    }
}

/// <summary>Writes a frame capture (see <see cref="FrameLog"/>).</summary>
public sealed class FrameLogWriter : IDisposable
{
    private readonly RecordingWriter _writer;
    private readonly string?[] _text = new string?[1];
    private readonly double[] _values = new double[2];

    internal FrameLogWriter(RecordingWriter writer) => _writer = writer;

    /// <summary>Frames written.</summary>
    public long Frames => _writer.RowsWritten;

    /// <summary>Appends one received datagram.</summary>
    public void Write(ReceivedFrame frame)
    {
        _values[0] = frame.ArrivalS;
        _values[1] = double.NaN;
        _text[0] = Convert.ToHexString(frame.Bytes);
        _writer.WriteRow(_values, _text);
    }

    /// <summary>Finishes the file (atomic move into place).</summary>
    public void Complete() => _writer.Complete();

    /// <summary>Discards the capture.</summary>
    public void Abort() => _writer.Abort();

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"frame log {_writer.FilePath} ({Frames} frames)");
}
