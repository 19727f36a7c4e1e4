using Sensors.Band.Protocol;
using Xunit;

namespace Sensors.Firmware.Tests.Protocol;

public class SequenceNumberTests
{
    [Theory]
    [InlineData(1, 0, 1)]
    [InlineData(0, 65535, 1)]        // wrap
    [InlineData(5, 65530, 11)]       // 10 lost across the wrap
    [InlineData(7, 7, 0)]            // duplicate
    [InlineData(65534, 1, -3)]       // old frame arriving late across the wrap
    [InlineData(32767, 0, 32767)]
    [InlineData(32768, 0, -32768)]
    public void Difference_is_wrap_aware(int later, int earlier, int expected)
    {
        Assert.Equal(expected, SequenceNumber.Difference((ushort)later, (ushort)earlier));
    }

    [Fact]
    public void Timestamp_difference_wraps_at_24_bits()
    {
        Assert.Equal(16, SequenceNumber.TimestampDifferenceTicks(0x000005, 0xFFFFF5));
        Assert.Equal(-16, SequenceNumber.TimestampDifferenceTicks(0xFFFFF5, 0x000005));
        Assert.Equal(0x7FFFFF, SequenceNumber.TimestampDifferenceTicks(0x7FFFFF, 0));
        Assert.Equal(0x000004u, SequenceNumber.AddTicks(0xFFFFFE, 6));
        Assert.Equal(0u, SequenceNumber.TimestampFromMicroseconds(167_772_160L));   // exactly one wrap (167.77216 s)
        Assert.Equal(100u, SequenceNumber.TimestampFromMicroseconds(1000L));
    }
}
