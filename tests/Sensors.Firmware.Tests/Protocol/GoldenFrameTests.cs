using System;
using Sensors.Band.Calibration;
using Sensors.Band.Protocol;
using Xunit;

namespace Sensors.Firmware.Tests.Protocol;

/// <summary>
/// One frame per type, byte by byte as Protocol/README.md documents it. The field bytes are worked out by hand in the
/// comments; the CRC bytes were computed independently (Python binascii.crc_hqx(data, 0xFFFF) = CRC-16/CCITT-FALSE).
/// </summary>
public class GoldenFrameTests
{
    // 0x11 = version 1, type 1 (angle); seq 0x1234; ts 0x0ABCDE ticks; knee 1.2345 rad = 12345 = 0x3039;
    // rate −0.5 rad/s = −500 = 0xFE0C; hip flexion 0.1 rad = 1000 = 0x03E8; hip abduction −0.05 rad = −500;
    // flags Rest|HipValid = 0x05 with calibration source Backup (1) in bits 4–5 = 0x15.
    private static readonly byte[] AngleBytes =
    {
        0x11, 0x34, 0x12, 0xDE, 0xBC, 0x0A, 0x39, 0x30, 0x0C, 0xFE, 0xE8, 0x03, 0x0C, 0xFE, 0x15, 0x28, 0x43,
    };

    // 0x1D = version 1, raw type 0x8 | range 2 (±8 g, ±1000 °/s) << 1 | IMU 1 (shank); seq 0xFFFF; ts 0xFFFFFF;
    // acc −100, 200, 4096; gyro 1, −1, 32767.
    private static readonly byte[] RawBytes =
    {
        0x1D, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x9C, 0xFF, 0xC8, 0x00, 0x00, 0x10, 0x01, 0x00, 0xFF, 0xFF, 0xFF, 0x7F, 0x03, 0x4E,
    };

    // 0x12 = status; seq 7; ts 100000 ticks (1 s) = 0x0186A0; 3987 mV = 0x0F93; 76 % + charging = 0x4C | 0x80 = 0xCC;
    // 31.25 °C = 3125 = 0x0C35; errors CalibrationRecordProblem | FramesDropped = 0x0044;
    // calibration Corrupt (3) | Backup (1) << 4 = 0x13; mode Angles (1) | streaming 0x80 = 0x81; firmware 0.1.0.
    private static readonly byte[] StatusBytes =
    {
        0x12, 0x07, 0x00, 0xA0, 0x86, 0x01, 0x93, 0x0F, 0xCC, 0x35, 0x0C, 0x44, 0x00, 0x13, 0x81, 0x00, 0x01, 0x00, 0xAE, 0x7B,
    };

    // 0x14 = response; seq 0x0100; ts 16; command id 0x2A; opcode QueryBattery 0x06; Ack 0; data 3987 mV, 0xCC.
    private static readonly byte[] ResponseBytes =
    {
        0x14, 0x00, 0x01, 0x10, 0x00, 0x00, 0x2A, 0x06, 0x00, 0x93, 0x0F, 0xCC, 0xDE, 0xD5,
    };

    // 0x15 = command; id 7; opcode CalibrationWriteChunk 0x11; offset 13; data AA BB CC.
    private static readonly byte[] CommandBytes = { 0x15, 0x07, 0x11, 0x0D, 0x00, 0xAA, 0xBB, 0xCC, 0x44, 0x83 };

    // 0x13 = batch; seq 10; ts 1000; 2 records. Record 0: type 1, delta 0, knee 0.5 rad = 5000 = 0x1388.
    // Record 1: type 1, delta 1000 ticks (10 ms) = 0x03E8, knee 0.51 rad = 5100 = 0x13EC, rate 1 rad/s = 1000.
    private static readonly byte[] BatchBytes =
    {
        0x13, 0x0A, 0x00, 0xE8, 0x03, 0x00, 0x02,
        0x01, 0x00, 0x00, 0x88, 0x13, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x01, 0xE8, 0x03, 0xEC, 0x13, 0xE8, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00,
        0xF7, 0x2B,
    };

    [Fact]
    public void Angle_frame_has_the_documented_bytes()
    {
        var f = new AngleFrame
        {
            Sequence = 0x1234, TimestampTicks = 0x0ABCDE, KneeFlexionRad = 1.2345f, KneeFlexionRateRadPerS = -0.5f,
            HipFlexionRad = 0.1f, HipAbductionRad = -0.05f, Quality = AngleQuality.Rest | AngleQuality.HipValid,
            CalibrationSource = CalibrationSource.Backup,
        };
        Assert.Equal(AngleBytes, Encode(FrameEncoder.EncodeAngle(f, Buffer, 0)));

        var d = new DecodedFrame();
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.TryDecode(AngleBytes, 0, AngleBytes.Length, d));
        Assert.Equal(FrameType.Angle, d.Type);
        Assert.Equal(0x1234, d.Angle.Sequence);
        Assert.Equal(0x0ABCDEu, d.Angle.TimestampTicks);
        Assert.Equal(1.2345f, d.Angle.KneeFlexionRad, 5);
        Assert.Equal(-0.5f, d.Angle.KneeFlexionRateRadPerS, 5);
        Assert.Equal(AngleQuality.Rest | AngleQuality.HipValid, d.Angle.Quality);
        Assert.Equal(CalibrationSource.Backup, d.Angle.CalibrationSource);
    }

    [Fact]
    public void Raw_imu_frame_has_the_documented_bytes_and_converts_to_SI()
    {
        var f = new RawImuFrame
        {
            Sequence = 0xFFFF, TimestampTicks = 0xFFFFFF, ImuIndex = 1, Range = RawImuRange.G8Dps1000,
            AccX = -100, AccY = 200, AccZ = 4096, GyroX = 1, GyroY = -1, GyroZ = 32767,
        };
        Assert.Equal(RawBytes, Encode(FrameEncoder.EncodeRawImu(f, Buffer, 0)));

        var d = new DecodedFrame();
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.TryDecode(RawBytes, 0, RawBytes.Length, d));
        Assert.Equal(FrameType.RawImu, d.Type);
        Assert.Equal(1, d.RawImu.ImuIndex);
        Assert.Equal(RawImuRange.G8Dps1000, d.RawImu.Range);
        var si = new float[6];
        d.RawImu.GetAccelerationMPerS2(si, 0);
        d.RawImu.GetRateRadPerS(si, 3);
        Assert.Equal(9.80665f, si[2], 4);                                 // 4096 counts = 1 g at ±8 g
        Assert.Equal((float)(32767 / 32.8 * Math.PI / 180), si[5], 3);   // 32.8 LSB per °/s at ±1000 °/s
    }

    [Fact]
    public void Status_frame_has_the_documented_bytes()
    {
        var f = new StatusFrame
        {
            Sequence = 7, TimestampTicks = 100000, BatteryMv = 3987, BatteryPercent = 76, Charging = true, TemperatureC = 31.25f,
            Errors = BandErrors.CalibrationRecordProblem | BandErrors.FramesDropped,
            CalibrationState = CalibrationRecordState.Corrupt, CalibrationSource = CalibrationSource.Backup,
            Mode = StreamMode.Angles, Streaming = true, FirmwareMajor = 0, FirmwareMinor = 1, FirmwarePatch = 0,
        };
        Assert.Equal(StatusBytes, Encode(FrameEncoder.EncodeStatus(f, Buffer, 0)));

        var d = new DecodedFrame();
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.TryDecode(StatusBytes, 0, StatusBytes.Length, d));
        Assert.Equal(3987, d.Status.BatteryMv);
        Assert.Equal(76, d.Status.BatteryPercent);
        Assert.True(d.Status.Charging);
        Assert.Equal(31.25f, d.Status.TemperatureC, 4);
        Assert.Equal(CalibrationRecordState.Corrupt, d.Status.CalibrationState);
        Assert.Equal(CalibrationSource.Backup, d.Status.CalibrationSource);
        Assert.Equal(StreamMode.Angles, d.Status.Mode);
    }

    [Fact]
    public void Response_frame_has_the_documented_bytes()
    {
        var f = new ResponseFrame { Sequence = 0x0100, TimestampTicks = 16 };
        f.Set(0x2A, CommandOpcode.QueryBattery, CommandResult.Ack);
        f.AddUInt16(3987);
        f.AddByte(0xCC);
        Assert.Equal(ResponseBytes, Encode(FrameEncoder.EncodeResponse(f, Buffer, 0)));

        var d = new DecodedFrame();
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.TryDecode(ResponseBytes, 0, ResponseBytes.Length, d));
        Assert.Equal(FrameType.Response, d.Type);
        Assert.Equal(0x2A, d.Response.CommandId);
        Assert.Equal(CommandResult.Ack, d.Response.Result);
        Assert.Equal(3, d.Response.DataLength);
    }

    [Fact]
    public void Command_frame_has_the_documented_bytes()
    {
        var f = new CommandFrame();
        f.Set(7, CommandOpcode.CalibrationWriteChunk);
        f.AddUInt16(13);
        f.AddBytes(new byte[] { 0xAA, 0xBB, 0xCC }, 0, 3);
        Assert.Equal(CommandBytes, Encode(FrameEncoder.EncodeCommand(f, Buffer, 0)));

        var d = new DecodedFrame();
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.TryDecode(CommandBytes, 0, CommandBytes.Length, d));
        Assert.Equal(FrameType.Command, d.Type);
        Assert.Equal(CommandOpcode.CalibrationWriteChunk, d.Command.Opcode);
        Assert.Equal(13, d.Command.GetUInt16(0));
        Assert.Equal(5, d.Command.ArgumentLength);
    }

    [Fact]
    public void Batch_frame_has_the_documented_bytes_and_restores_sequence_and_time_per_record()
    {
        var encoder = new BatchEncoder();
        encoder.Begin(Buffer, 0, 244);
        Assert.True(encoder.TryAddAngle(new AngleFrame { Sequence = 10, TimestampTicks = 1000, KneeFlexionRad = 0.5f }));
        Assert.True(encoder.TryAddAngle(new AngleFrame { Sequence = 11, TimestampTicks = 2000, KneeFlexionRad = 0.51f, KneeFlexionRateRadPerS = 1f }));
        Assert.Equal(BatchBytes, Encode(encoder.Finish()));

        var d = new DecodedFrame();
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.TryDecode(BatchBytes, 0, BatchBytes.Length, d));
        Assert.Equal(FrameType.Batch, d.Type);
        Assert.Equal(2, d.Batch.Count);
        AngleFrame second = d.Batch.GetRecord(1).Angle;
        Assert.Equal(11, second.Sequence);
        Assert.Equal(2000u, second.TimestampTicks);
        Assert.Equal(0.51f, second.KneeFlexionRad, 4);
    }

    private static readonly byte[] Buffer = new byte[ProtocolConstants.MaxFrameBytes];

    private static byte[] Encode(int length) => Buffer.AsSpan(0, length).ToArray();
}
