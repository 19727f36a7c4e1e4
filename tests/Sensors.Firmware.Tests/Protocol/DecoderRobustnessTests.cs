using System;
using Sensors.Band.Protocol;
using Xunit;

namespace Sensors.Firmware.Tests.Protocol;

/// <summary>The decoder returns a status for any bytes and never throws; corruption is detected.</summary>
public class DecoderRobustnessTests
{
    [Fact]
    public void Random_byte_strings_never_throw()
    {
        var d = new DecodedFrame();
        int ok = 0;
        FrameSamples.ForSeeds(seed =>
        {
            var r = new Random(seed);
            var bytes = new byte[r.Next(601)];
            r.NextBytes(bytes);
            DecodeStatus s = FrameDecoder.TryDecode(bytes, 0, bytes.Length, d);
            Assert.True(Enum.IsDefined(s));
            if (s == DecodeStatus.Ok) ok++;
        }, 100_000);

        // A random string passes the CRC-16 with probability 2^-16: expect ≈ 1.5 of 100,000 (allow up to 10).
        Assert.InRange(ok, 0, 10);
    }

    [Fact]
    public void Bad_offsets_and_counts_return_BadArguments()
    {
        var d = new DecodedFrame();
        var b = new byte[20];
        Assert.Equal(DecodeStatus.BadArguments, FrameDecoder.TryDecode(null!, 0, 0, d));
        Assert.Equal(DecodeStatus.BadArguments, FrameDecoder.TryDecode(b, 0, 20, null!));
        Assert.Equal(DecodeStatus.BadArguments, FrameDecoder.TryDecode(b, -1, 5, d));
        Assert.Equal(DecodeStatus.BadArguments, FrameDecoder.TryDecode(b, 0, -5, d));
        Assert.Equal(DecodeStatus.BadArguments, FrameDecoder.TryDecode(b, 16, 5, d));
        Assert.Equal(DecodeStatus.BadArguments, FrameDecoder.TryDecode(b, int.MaxValue, int.MaxValue, d));
        Assert.Equal(DecodeStatus.TooShort, FrameDecoder.TryDecode(b, 0, 4, d));
        Assert.Equal(DecodeStatus.BadLength, FrameDecoder.TryDecode(new byte[600], 0, 600, d));
    }

    [Fact]
    public void Mutated_valid_frames_never_throw_and_flips_are_caught()
    {
        var d = new DecodedFrame();
        var frame = new byte[ProtocolConstants.MaxFrameBytes + 64];
        int undetected = 0;
        FrameSamples.ForSeeds(seed =>
        {
            var r = new Random(seed);
            int kind = r.Next(4), amount = r.Next(1, 9);
            int n = r.Next(10) == 0 ? FrameSamples.Batch(r, frame, 244, 19) : FrameSamples.AnyDefaultMtuFrame(r, frame);
            switch (kind)
            {
                case 0: // 1–8 random bit flips (distinct positions not enforced: two flips of one bit cancel)
                    bool changed = false;
                    var flips = new int[amount];
                    for (int i = 0; i < amount; i++)
                    {
                        flips[i] = r.Next(n * 8);
                        frame[flips[i] >> 3] ^= (byte)(1 << (flips[i] & 7));
                    }

                    for (int i = 0; i < amount; i++)
                    {
                        int same = 0;
                        for (int j = 0; j < amount; j++) if (flips[j] == flips[i]) same++;
                        if (same % 2 == 1) changed = true;
                    }

                    DecodeStatus s = FrameDecoder.TryDecode(frame, 0, n, d);
                    if (changed && s == DecodeStatus.Ok) undetected++;
                    break;
                case 1: // truncation
                    int cut = r.Next(1, Math.Min(amount + 1, n));
                    if (FrameDecoder.TryDecode(frame, 0, n - cut, d) == DecodeStatus.Ok) undetected++;
                    break;
                case 2: // extension with random bytes
                    for (int i = 0; i < amount; i++) frame[n + i] = (byte)r.Next(256);
                    Assert.True(Enum.IsDefined(FrameDecoder.TryDecode(frame, 0, n + amount, d)));
                    break;
                default: // random bytes overwritten
                    for (int i = 0; i < amount; i++) frame[r.Next(n)] = (byte)r.Next(256);
                    Assert.True(Enum.IsDefined(FrameDecoder.TryDecode(frame, 0, n, d)));
                    break;
            }
        }, 100_000);

        // CRC-16/CCITT has Hamming distance 4 at these lengths: every 1–3 bit error is caught; more bit errors and
        // truncations of variable-length frames get through with probability ≈ 2^-16: among ~50,000 cases ≈ 0.5 expected.
        Assert.InRange(undetected, 0, 5);
    }

    [Fact]
    public void Every_single_bit_flip_of_a_valid_frame_is_detected()
    {
        var d = new DecodedFrame();
        var frame = new byte[ProtocolConstants.MaxFrameBytes];
        var r = new Random(4711);
        long checkedFlips = 0;
        for (int k = 0; k < 600; k++)
        {
            int n = k % 10 == 0 ? FrameSamples.Batch(r, frame, 244, 19) : FrameSamples.AnyDefaultMtuFrame(r, frame);
            Assert.Equal(DecodeStatus.Ok, FrameDecoder.TryDecode(frame, 0, n, d));
            for (int bit = 0; bit < n * 8; bit++)
            {
                frame[bit >> 3] ^= (byte)(1 << (bit & 7));
                Assert.NotEqual(DecodeStatus.Ok, FrameDecoder.TryDecode(frame, 0, n, d));
                frame[bit >> 3] ^= (byte)(1 << (bit & 7));
                checkedFlips++;
            }
        }

        Assert.True(checkedFlips > 100_000, checkedFlips.ToString());
    }

    [Fact]
    public void Intact_frames_from_another_version_or_unknown_type_are_named_as_such()
    {
        var d = new DecodedFrame();
        byte[] b = { 0x21, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };   // version 2, angle
        Seal(b);
        Assert.Equal(DecodeStatus.BadVersion, FrameDecoder.TryDecode(b, 0, b.Length, d));
        b[0] = 0x16;                                                            // version 1, type 6 (unassigned)
        Seal(b);
        Assert.Equal(DecodeStatus.UnknownType, FrameDecoder.TryDecode(b, 0, b.Length, d));
        b[0] = 0x11;                                                            // angle with one byte too many
        byte[] longer = new byte[18];
        Array.Copy(b, longer, 17);
        Seal(longer);
        Assert.Equal(DecodeStatus.BadLength, FrameDecoder.TryDecode(longer, 0, longer.Length, d));
        byte[] shorter = new byte[16];
        Array.Copy(b, shorter, 16);
        shorter[0] = 0x11;
        Seal(shorter);
        Assert.Equal(DecodeStatus.TooShort, FrameDecoder.TryDecode(shorter, 0, shorter.Length, d));
        byte[] emptyBatch = { 0x13, 0, 0, 0, 0, 0, 0, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
        Seal(emptyBatch);
        Assert.Equal(DecodeStatus.BadBatch, FrameDecoder.TryDecode(emptyBatch, 0, emptyBatch.Length, d));
    }

    private static void Seal(byte[] b)
    {
        ushort crc = Crc16Ccitt.Compute(b, 0, b.Length - 2);
        b[^2] = (byte)crc;
        b[^1] = (byte)(crc >> 8);
    }
}
