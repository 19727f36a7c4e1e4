using System;
using Sensors.Band.Protocol;
using Sensors.Tests.Shared;
using Xunit;

namespace Sensors.Firmware.Tests.Protocol;

/// <summary>The hot path (encode + decode of angle frames, batching) allocates nothing.</summary>
public class AllocationTests
{
    [Fact]
    public void Encoding_and_decoding_10000_angle_frames_allocates_nothing()
    {
        var buffer = new byte[ProtocolConstants.MaxFrameBytes];
        var frame = new AngleFrame { KneeFlexionRad = 0.3f };
        var decoded = new DecodedFrame();
        var batch = new BatchEncoder();
        var batchBuffer = new byte[ProtocolConstants.MaxFrameBytes];
        Run(frame, buffer, decoded, batch, batchBuffer, 100);                      // warm-up (JIT, static tables)

        int ok = 0;
        long allocated = Allocations.MinimumOver(3, () => ok = Run(frame, buffer, decoded, batch, batchBuffer, 10_000));

        Assert.Equal(10_000, ok);
        Assert.Equal(0, allocated);
    }

    private static int Run(AngleFrame frame, byte[] buffer, DecodedFrame decoded, BatchEncoder batch, byte[] batchBuffer, int count)
    {
        int ok = 0;
        for (int i = 0; i < count; i++)
        {
            frame.Sequence = (ushort)i;
            frame.TimestampTicks = SequenceNumber.AddTicks(frame.TimestampTicks, 1000);
            frame.KneeFlexionRad = (i % 200) * 0.01f;
            int n = FrameEncoder.EncodeAngle(frame, buffer, 0);
            if (FrameDecoder.TryDecode(buffer, 0, n, decoded) == DecodeStatus.Ok && decoded.Angle.Sequence == frame.Sequence)
            {
                ok++;
            }

            if (i % 10 == 0)
            {
                batch.Begin(batchBuffer, 0, 244);
            }

            batch.TryAddAngle(frame);
        }

        return ok;
    }
}
