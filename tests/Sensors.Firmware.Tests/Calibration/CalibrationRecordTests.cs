using System;
using Sensors.Band.Calibration;
using Xunit;

namespace Sensors.Firmware.Tests.Calibration;

/// <summary>The binary calibration record: round trip, and every kind of damage detected and named.</summary>
public class CalibrationRecordTests
{
    private static byte[] Encoded(int seed)
    {
        var bytes = new byte[CalibrationRecordCodec.RecordBytes];
        Assert.Equal(320, CalibrationRecordCodec.Encode(CalibrationSamples.Record(seed), bytes, 0));
        return bytes;
    }

    [Fact]
    public void Record_round_trips_exactly()
    {
        for (int seed = 0; seed < 20; seed++)
        {
            CalibrationRecord original = CalibrationSamples.Record(seed);
            var bytes = new byte[400];
            int n = CalibrationRecordCodec.Encode(original, bytes, 40);
            var decoded = new CalibrationRecord();
            Assert.Equal(CalibrationRecordState.Valid, CalibrationRecordCodec.TryDecode(bytes, 40, n, decoded));
            Assert.Equivalent(original, decoded, strict: true);
            Assert.Equal(original.Shank.GyroscopeMatrix, decoded.Shank.GyroscopeMatrix);
            Assert.Equal(original.CalibratedAtUnixS, decoded.CalibratedAtUnixS);
        }
    }

    [Fact]
    public void Header_starts_with_the_documented_magic_version_and_length()
    {
        byte[] b = Encoded(1);
        Assert.Equal(new byte[] { (byte)'S', (byte)'B', (byte)'C', (byte)'R', 1, 0, 0x40, 0x01 }, b[..8]);
        Assert.Equal(Crc32.Compute(b, 0, 316), BitConverter.ToUInt32(b, 316));
        Assert.Equal(2, b[64]);
        Assert.Equal(CalibrationSamples.Record(1).Thigh.AccelerometerBiasMPerS2[0], BitConverter.ToSingle(b, 68));
        Assert.Equal(CalibrationSamples.Record(1).Shank.ReferenceTemperatureC, BitConverter.ToSingle(b, 312));
    }

    [Fact]
    public void Any_corrupted_byte_is_detected_and_the_record_left_untouched()
    {
        byte[] good = Encoded(2);
        var target = new CalibrationRecord();
        for (int i = 0; i < good.Length; i++)
        {
            foreach (byte mask in new byte[] { 0x01, 0x80, 0xFF })
            {
                byte[] bad = (byte[])good.Clone();
                bad[i] ^= mask;
                CalibrationRecordState state = CalibrationRecordCodec.TryDecode(bad, 0, bad.Length, target);
                Assert.NotEqual(CalibrationRecordState.Valid, state);
            }
        }

        Assert.Equal(string.Empty, target.BandSerial);   // never written from a bad record
        Assert.Equal(1f, target.Thigh.AccelerometerMatrix[0]);
    }

    [Fact]
    public void Every_truncation_is_detected_as_truncated()
    {
        byte[] good = Encoded(3);
        for (int n = 1; n < good.Length; n++)
        {
            Assert.Equal(CalibrationRecordState.Truncated, CalibrationRecordCodec.Validate(good, 0, n));
        }

        Assert.Equal(CalibrationRecordState.Missing, CalibrationRecordCodec.Validate(good, 0, 0));
        byte[] longer = new byte[good.Length + 1];
        good.CopyTo(longer, 0);
        Assert.Equal(CalibrationRecordState.Corrupt, CalibrationRecordCodec.Validate(longer, 0, longer.Length));
    }

    [Fact]
    public void An_intact_record_of_another_format_version_is_reported_as_wrong_version()
    {
        byte[] b = Encoded(4);
        b[4] = 2;
        BitConverter.TryWriteBytes(b.AsSpan(316), Crc32.Compute(b, 0, 316));
        Assert.Equal(CalibrationRecordState.WrongVersion, CalibrationRecordCodec.Validate(b, 0, b.Length));
    }

    [Theory]
    [InlineData(68, float.NaN)]            // thigh acc bias x
    [InlineData(80, 0f)]                   // thigh acc M[0][0] = 0: singular matrix
    [InlineData(128, 3f)]                  // thigh gyro M[0][0] = 3: det out of 0.5..2
    [InlineData(188, 200f)]                // thigh reference temperature
    [InlineData(192, float.PositiveInfinity)]
    public void Implausible_values_with_a_valid_crc_are_rejected(int offset, float value)
    {
        byte[] b = Encoded(5);
        BitConverter.TryWriteBytes(b.AsSpan(offset), value);
        BitConverter.TryWriteBytes(b.AsSpan(316), Crc32.Compute(b, 0, 316));
        Assert.Equal(CalibrationRecordState.Corrupt, CalibrationRecordCodec.Validate(b, 0, b.Length));
    }

    [Fact]
    public void Texts_must_be_printable_ascii_of_at_most_16_characters()
    {
        var bytes = new byte[320];
        CalibrationRecord r = CalibrationSamples.Record(6);
        r.BandSerial = "SB-0123456789ABC";                            // exactly 16
        CalibrationRecordCodec.Encode(r, bytes, 0);
        r.BandSerial = "SB-0123456789ABCD";
        Assert.Throws<ArgumentException>(() => CalibrationRecordCodec.Encode(r, bytes, 0));
        r.BandSerial = "SB-ü";
        Assert.Throws<ArgumentException>(() => CalibrationRecordCodec.Encode(r, bytes, 0));
    }
}
