using System;
using System.Collections.Generic;
using Sensors.Band.Joint;
using Sensors.Band.Protocol;
using Sensors.Recording;

namespace Sensors.Gateway.Intake.Transports;

/// <summary>What a replayed two-IMU recording is turned into.</summary>
public enum ReplayFrameMode
{
    /// <summary>The band core (<see cref="JointAngleEstimator"/>) runs on the rows, as on the band: angle frames.</summary>
    Angles,

    /// <summary>Raw IMU frames (counts at ±16 g / ±2000 °/s), two per row: the gateway runs the estimator.</summary>
    RawImu,
}

/// <summary>
/// Plays a two-IMU recording (hinge layout: imu1 = thigh, imu2 = shank; extra columns ignored, the encoder never read)
/// through the band's own code: per row, the band core and the frame encoder produce what a band would have sent at
/// t_s, plus a status frame every second. Rows with a missing sensor field are skipped (<see cref="SkippedRows"/>) and
/// send nothing, as a band whose IMU read failed. Band time = t_s (the recording's clock), 24-bit timestamps wrap as on
/// the band. Bad files raise <see cref="RecordingFormatException"/> naming the file, line and column.
/// </summary>
public sealed class RecordingFrameSource
{
    private static readonly RawImuRange Range = RawImuRange.G16Dps2000;

    private readonly string _path;
    private readonly ReplayFrameMode _mode;
    private readonly JointAngleSettings _settings;

    public RecordingFrameSource(string path, ReplayFrameMode mode = ReplayFrameMode.Angles, JointAngleSettings? settings = null)
    {
        _path = path ?? throw new ArgumentNullException(nameof(path));
        _mode = mode;
        _settings = settings ?? new JointAngleSettings();
    }

    /// <summary>Rows skipped because a sensor field was empty.</summary>
    public long SkippedRows { get; private set; }

    /// <summary>Rows turned into frames.</summary>
    public long Rows { get; private set; }

    /// <summary>The band core of the last run (angle mode), for diagnostics.</summary>
    public JointAngleEstimator? Estimator { get; private set; }

    /// <summary>The frames in send order with their band time, s.</summary>
    public IEnumerable<(byte[] Frame, double BandTimeS)> Frames()
    {
        using RecordingReader reader = RecordingReader.Open(_path);
        var idx = new int[12];
        for (int k = 0; k < 12; k++) idx[k] = reader.RequireColumn(RecordingLayouts.TwoImuColumns[k]);
        int tIndex = reader.RequireColumn(RecordingLayouts.TimeColumn);

        var v = new double[12];
        var buffer = new byte[ProtocolConstants.MaxFrameBytes];
        var angle = new AngleFrame();
        var raw = new RawImuFrame { Range = Range };
        var status = new StatusFrame { BatteryMv = 3900, BatteryPercent = 80, Mode = _mode == ReplayFrameMode.Angles ? StreamMode.Angles : StreamMode.RawImu, Streaming = true };
        JointAngleEstimator? estimator = _mode == ReplayFrameMode.Angles ? new JointAngleEstimator(_settings) : null;
        Estimator = estimator;
        double accPerCount = RawImuFrame.AccelerationMPerS2PerCount(Range), ratePerCount = RawImuFrame.RateRadPerSPerCount(Range);
        ushort sequence = 0;
        double previousT = double.NaN, nextStatusS = double.NaN;
        SkippedRows = 0;
        Rows = 0;
        while (reader.ReadRow())
        {
            double t = reader.GetDouble(tIndex);
            bool ok = true;
            for (int k = 0; k < 12 && ok; k++) ok = reader.TryGetDouble(idx[k], out v[k]);
            if (!ok)
            {
                SkippedRows++;
                continue;
            }

            Rows++;
            uint stamp = SequenceNumber.TimestampFromMicroseconds((long)Math.Round(t * 1e6));
            if (estimator is not null)
            {
                double dt = double.IsNaN(previousT) ? 0.0 : t - previousT;
                estimator.Update(dt, (float)v[0], (float)v[1], (float)v[2], (float)v[3], (float)v[4], (float)v[5],
                    (float)v[6], (float)v[7], (float)v[8], (float)v[9], (float)v[10], (float)v[11]);
                AngleQuality q = AngleQuality.None;
                if (estimator.Rest1 && estimator.Rest2) q |= AngleQuality.Rest;
                if (!estimator.IsValid) q |= AngleQuality.FusionSettling;
                angle.Sequence = sequence;
                angle.TimestampTicks = stamp;
                angle.KneeFlexionRad = (float)estimator.FlexionRad;
                angle.KneeFlexionRateRadPerS = (float)estimator.FlexionRateRadPerS;
                angle.Quality = q;
                angle.CalibrationSource = Sensors.Band.Calibration.CalibrationSource.Identity;
                yield return (Take(buffer, FrameEncoder.EncodeAngle(angle, buffer, 0)), t);
                sequence++;
            }
            else
            {
                for (byte imu = 0; imu < 2; imu++)
                {
                    int o = imu * 6;
                    raw.Sequence = sequence;
                    raw.TimestampTicks = stamp;
                    raw.ImuIndex = imu;
                    raw.AccX = Counts(v[o], accPerCount);
                    raw.AccY = Counts(v[o + 1], accPerCount);
                    raw.AccZ = Counts(v[o + 2], accPerCount);
                    raw.GyroX = Counts(v[o + 3], ratePerCount);
                    raw.GyroY = Counts(v[o + 4], ratePerCount);
                    raw.GyroZ = Counts(v[o + 5], ratePerCount);
                    yield return (Take(buffer, FrameEncoder.EncodeRawImu(raw, buffer, 0)), t);
                    sequence++;
                }
            }

            previousT = t;
            if (double.IsNaN(nextStatusS)) nextStatusS = t + 1.0;
            if (t >= nextStatusS)
            {
                nextStatusS += 1.0;
                status.Sequence = sequence;
                status.TimestampTicks = stamp;
                status.TemperatureC = 25f;
                yield return (Take(buffer, FrameEncoder.EncodeStatus(status, buffer, 0)), t);
                sequence++;
            }
        }
    }

    private static short Counts(double value, double perCount)
    {
        double c = Math.Round(value / perCount, MidpointRounding.AwayFromZero);
        return (short)Math.Clamp(c, short.MinValue, short.MaxValue);
    }

    private static byte[] Take(byte[] buffer, int length) => buffer.AsSpan(0, length).ToArray();
}
