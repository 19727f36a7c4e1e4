using System.Text;
using Sensors.Band.Calibration;
using Sensors.Band.Protocol;
using Xunit;

namespace Sensors.Firmware.Tests.Protocol;

/// <summary>The two CRCs against their published check values (catalogue of parametrised CRC algorithms, "123456789").</summary>
public class CrcTests
{
    private static readonly byte[] Check = Encoding.ASCII.GetBytes("123456789");

    [Fact]
    public void Crc16_ccitt_false_matches_the_published_check_value()
    {
        Assert.Equal(0x29B1, Crc16Ccitt.Compute(Check, 0, Check.Length));
    }

    [Fact]
    public void Crc16_streaming_update_equals_one_shot()
    {
        ushort part = Crc16Ccitt.Update(Crc16Ccitt.Initial, Check, 0, 4);
        Assert.Equal(Crc16Ccitt.Compute(Check, 0, 9), Crc16Ccitt.Update(part, Check, 4, 5));
    }

    [Fact]
    public void Crc32_matches_the_published_check_value()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute(Check, 0, Check.Length));
    }

    [Fact]
    public void Crc32_streaming_update_equals_one_shot()
    {
        uint reg = Crc32.Update(Crc32.Start(), Check, 0, 5);
        Assert.Equal(Crc32.Compute(Check, 0, 9), Crc32.Finish(Crc32.Update(reg, Check, 5, 4)));
    }
}
