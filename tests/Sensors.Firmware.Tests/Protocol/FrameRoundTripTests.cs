using System;
using Sensors.Band.Protocol;
using Xunit;

namespace Sensors.Firmware.Tests.Protocol;

/// <summary>Encode → decode gives the same frame back, within the fixed-point resolution, for every type and the batch.</summary>
public class FrameRoundTripTests
{
    private const float AngleTol = 0.5e-4f + 1e-6f;
    private const float RateTol = 0.5e-3f + 1e-5f;

    [Fact]
    public void Angle_frames_round_trip_within_resolution_and_fit_20_bytes()
    {
        var buffer = new byte[ProtocolConstants.MaxFrameBytes];
        var d = new DecodedFrame();
        FrameSamples.ForSeeds(seed =>
        {
            AngleFrame f = FrameSamples.Angle(new Random(seed));
            int n = FrameEncoder.EncodeAngle(f, buffer, 0);
            Assert.True(n <= ProtocolConstants.DefaultMaxFrameBytes);
            Assert.Equal(DecodeStatus.Ok, FrameDecoder.TryDecode(buffer, 0, n, d));
            AngleFrame g = d.Angle;
            Assert.Equal(f.Sequence, g.Sequence);
            Assert.Equal(f.TimestampTicks, g.TimestampTicks);
            Assert.InRange(g.KneeFlexionRad - f.KneeFlexionRad, -AngleTol, AngleTol);
            Assert.InRange(g.KneeFlexionRateRadPerS - f.KneeFlexionRateRadPerS, -RateTol, RateTol);
            Assert.InRange(g.HipFlexionRad - f.HipFlexionRad, -AngleTol, AngleTol);
            Assert.InRange(g.HipAbductionRad - f.HipAbductionRad, -AngleTol, AngleTol);
            Assert.Equal(f.Quality, g.Quality);
            Assert.Equal(f.CalibrationSource, g.CalibrationSource);
        }, 2000);
    }

    [Fact]
    public void Angles_beyond_the_int16_range_saturate_and_NaN_is_sent_as_zero()
    {
        var buffer = new byte[32];
        var d = new DecodedFrame();
        var f = new AngleFrame { KneeFlexionRad = 10f, KneeFlexionRateRadPerS = -100f, HipFlexionRad = float.NaN };
        FrameDecoder.TryDecode(buffer, 0, FrameEncoder.EncodeAngle(f, buffer, 0), d);
        Assert.Equal(3.2767f, d.Angle.KneeFlexionRad, 4);
        Assert.Equal(-32.768f, d.Angle.KneeFlexionRateRadPerS, 3);
        Assert.Equal(0f, d.Angle.HipFlexionRad);
    }

    [Fact]
    public void Raw_status_response_and_command_frames_round_trip_exactly()
    {
        var buffer = new byte[ProtocolConstants.MaxFrameBytes];
        var d = new DecodedFrame();
        FrameSamples.ForSeeds(seed =>
        {
            var r = new Random(seed);
            RawImuFrame raw = FrameSamples.RawImu(r);
            int n = FrameEncoder.EncodeRawImu(raw, buffer, 0);
            Assert.Equal(20, n);
            Assert.Equal(DecodeStatus.Ok, FrameDecoder.TryDecode(buffer, 0, n, d));
            Assert.Equivalent(raw, d.RawImu, strict: true);

            StatusFrame status = FrameSamples.Status(r);
            n = FrameEncoder.EncodeStatus(status, buffer, 0);
            Assert.Equal(20, n);
            Assert.Equal(DecodeStatus.Ok, FrameDecoder.TryDecode(buffer, 0, n, d));
            Assert.InRange(d.Status.TemperatureC - status.TemperatureC, -0.00501f, 0.00501f);
            d.Status.TemperatureC = status.TemperatureC;
            Assert.Equivalent(status, d.Status, strict: true);

            ResponseFrame response = FrameSamples.Response(r, ProtocolConstants.MaxResponseDataBytes);
            n = FrameEncoder.EncodeResponse(response, buffer, 0);
            Assert.Equal(DecodeStatus.Ok, FrameDecoder.TryDecode(buffer, 0, n, d));
            Assert.Equal(response.CommandId, d.Response.CommandId);
            Assert.Equal(response.Opcode, d.Response.Opcode);
            Assert.Equal(response.Result, d.Response.Result);
            Assert.Equal(response.Sequence, d.Response.Sequence);
            Assert.Equal(response.TimestampTicks, d.Response.TimestampTicks);
            Assert.Equal(response.Data.AsSpan(0, response.DataLength).ToArray(), d.Response.Data.AsSpan(0, d.Response.DataLength).ToArray());

            CommandFrame command = FrameSamples.Command(r, ProtocolConstants.MaxCommandArgumentBytes);
            n = FrameEncoder.EncodeCommand(command, buffer, 0);
            Assert.Equal(DecodeStatus.Ok, FrameDecoder.TryDecode(buffer, 0, n, d));
            Assert.Equal(command.CommandId, d.Command.CommandId);
            Assert.Equal(command.Opcode, d.Command.Opcode);
            Assert.Equal(command.Arguments.AsSpan(0, command.ArgumentLength).ToArray(), d.Command.Arguments.AsSpan(0, d.Command.ArgumentLength).ToArray());
        }, 2000);
    }

    [Fact]
    public void Every_frame_type_fits_the_default_20_byte_notification()
    {
        Assert.True(ProtocolConstants.AngleFrameBytes <= ProtocolConstants.DefaultMaxFrameBytes);
        Assert.True(ProtocolConstants.RawImuFrameBytes <= ProtocolConstants.DefaultMaxFrameBytes);
        Assert.True(ProtocolConstants.StatusFrameBytes <= ProtocolConstants.DefaultMaxFrameBytes);
        var buffer = new byte[ProtocolConstants.MaxFrameBytes];
        var r = new Random(20);
        for (int i = 0; i < 1000; i++)
        {
            Assert.InRange(FrameSamples.AnyDefaultMtuFrame(r, buffer), ProtocolConstants.MinFrameBytes, ProtocolConstants.DefaultMaxFrameBytes);
        }

        // A batch of one angle record takes 21 bytes: at the default MTU the band sends single frames, and the
        // batch encoder refuses rather than produce a notification that does not fit.
        var encoder = new BatchEncoder();
        encoder.Begin(buffer, 0, ProtocolConstants.DefaultMaxFrameBytes);
        Assert.False(encoder.TryAddAngle(FrameSamples.Angle(r)));
        Assert.Equal(0, encoder.Count);
    }

    [Theory]
    [InlineData(244, 19)]  // ATT MTU 247: 19 angle records (235 bytes / 12)
    [InlineData(512, 41)]  // 512-byte attribute: 41 angle records
    public void Batch_holds_as_many_angle_records_as_the_MTU_allows(int capacity, int expectedRecords)
    {
        var buffer = new byte[ProtocolConstants.MaxFrameBytes];
        var encoder = new BatchEncoder();
        encoder.Begin(buffer, 0, capacity);
        var f = new AngleFrame();
        int count = 0;
        while (encoder.TryAddAngle(f))
        {
            count++;
            f.Sequence++;
            f.TimestampTicks += 1000;
        }

        Assert.Equal(expectedRecords, count);
        Assert.InRange(encoder.Finish(), 1, capacity);
    }

    [Fact]
    public void Batches_of_mixed_records_round_trip_with_per_record_sequence_and_time()
    {
        var buffer = new byte[ProtocolConstants.MaxFrameBytes];
        var d = new DecodedFrame();
        FrameSamples.ForSeeds(seed =>
        {
            var r = new Random(seed);
            int capacity = r.Next(2) == 0 ? 244 : 512;
            var original = new object[ProtocolConstants.MaxBatchRecords];
            var encoder = new BatchEncoder();
            encoder.Begin(buffer, 0, capacity);
            ushort seq = (ushort)r.Next(65536);
            uint ts = (uint)r.Next(1 << 24);
            int count = 0;
            while (true)
            {
                object frame;
                bool added;
                switch (r.Next(3))
                {
                    case 0:
                        AngleFrame a = FrameSamples.Angle(r); a.Sequence = seq; a.TimestampTicks = ts;
                        frame = a; added = encoder.TryAddAngle(a); break;
                    case 1:
                        RawImuFrame w = FrameSamples.RawImu(r); w.Sequence = seq; w.TimestampTicks = ts;
                        frame = w; added = encoder.TryAddRawImu(w); break;
                    default:
                        StatusFrame s = FrameSamples.Status(r); s.Sequence = seq; s.TimestampTicks = ts;
                        frame = s; added = encoder.TryAddStatus(s); break;
                }

                if (!added) break;
                original[count++] = frame;
                seq++;
                ts = SequenceNumber.AddTicks(ts, r.Next(65536));
            }

            int n = encoder.Finish();
            Assert.InRange(n, 1, capacity);
            Assert.Equal(DecodeStatus.Ok, FrameDecoder.TryDecode(buffer, 0, n, d));
            Assert.Equal(count, d.Batch.Count);
            for (int i = 0; i < count; i++)
            {
                BatchRecord rec = d.Batch.GetRecord(i);
                switch (original[i])
                {
                    case AngleFrame a:
                        Assert.Equal(FrameType.Angle, rec.Type);
                        Assert.Equal(a.Sequence, rec.Angle.Sequence);
                        Assert.Equal(a.TimestampTicks, rec.Angle.TimestampTicks);
                        Assert.InRange(rec.Angle.KneeFlexionRad - a.KneeFlexionRad, -AngleTol, AngleTol);
                        break;
                    case RawImuFrame w:
                        Assert.Equal(FrameType.RawImu, rec.Type);
                        Assert.Equivalent(w, rec.RawImu, strict: true);
                        break;
                    case StatusFrame s:
                        Assert.Equal(FrameType.Status, rec.Type);
                        Assert.Equal(s.Sequence, rec.Status.Sequence);
                        Assert.Equal(s.TimestampTicks, rec.Status.TimestampTicks);
                        Assert.Equal(s.BatteryMv, rec.Status.BatteryMv);
                        break;
                }
            }
        }, 500);
    }

    [Fact]
    public void Batch_encoder_refuses_a_sequence_gap_a_backwards_timestamp_and_a_delta_over_655_ms()
    {
        var buffer = new byte[ProtocolConstants.MaxFrameBytes];
        var encoder = new BatchEncoder();
        encoder.Begin(buffer, 0, 244);
        Assert.True(encoder.TryAddAngle(new AngleFrame { Sequence = 65535, TimestampTicks = 0xFFFFF0 }));
        Assert.False(encoder.TryAddAngle(new AngleFrame { Sequence = 1, TimestampTicks = 0xFFFFF8 }));      // gap
        Assert.False(encoder.TryAddAngle(new AngleFrame { Sequence = 0, TimestampTicks = 0xFFFF00 }));      // earlier
        Assert.False(encoder.TryAddAngle(new AngleFrame { Sequence = 0, TimestampTicks = 0x00FFF0 }));      // 65536 ticks later
        Assert.True(encoder.TryAddAngle(new AngleFrame { Sequence = 0, TimestampTicks = 0x000010 }));       // wraps both counters
        Assert.Equal(2, encoder.Count);
        var d = new DecodedFrame();
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.TryDecode(buffer, 0, encoder.Finish(), d));
        Assert.Equal(0, d.Batch.GetRecord(1).Angle.Sequence);
        Assert.Equal(0x10u, d.Batch.GetRecord(1).Angle.TimestampTicks);
    }
}
