using System;
using Sensors.Band.Protocol;
using Xunit;

namespace Sensors.Firmware.Tests.Protocol;

/// <summary>Every command and its response encode and decode; commands fit the default 20-byte write.</summary>
public class CommandTests
{
    public static TheoryData<CommandOpcode, byte[]> Commands => new()
    {
        { CommandOpcode.StartStreaming, Array.Empty<byte>() },
        { CommandOpcode.StopStreaming, Array.Empty<byte>() },
        { CommandOpcode.SetMode, new byte[] { (byte)StreamMode.RawImu, (byte)RawImuRange.G16Dps2000 } },
        { CommandOpcode.SetBatching, new byte[] { 10 } },
        { CommandOpcode.Identify, new byte[] { 5 } },
        { CommandOpcode.QueryBattery, Array.Empty<byte>() },
        { CommandOpcode.CalibrationWriteBegin, new byte[] { 0x40, 0x01, 0x26, 0x39, 0xF4, 0xCB } },
        { CommandOpcode.CalibrationWriteChunk, new byte[] { 0x0D, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 } },
        { CommandOpcode.CalibrationWriteCommit, Array.Empty<byte>() },
        { CommandOpcode.CalibrationReadBegin, Array.Empty<byte>() },
        { CommandOpcode.CalibrationReadChunk, new byte[] { 0x07, 0x00, 7 } },
        { CommandOpcode.CalibrationAbort, Array.Empty<byte>() },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Command_round_trips_and_fits_20_bytes(CommandOpcode opcode, byte[] arguments)
    {
        var command = new CommandFrame();
        command.Set(0xC8, opcode);
        command.AddBytes(arguments, 0, arguments.Length);
        var buffer = new byte[20];
        int n = FrameEncoder.EncodeCommand(command, buffer, 0);
        Assert.Equal(5 + arguments.Length, n);
        Assert.Equal(0x15, buffer[0]);
        Assert.Equal(0xC8, buffer[1]);
        Assert.Equal((byte)opcode, buffer[2]);

        var d = new DecodedFrame();
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.TryDecode(buffer, 0, n, d));
        Assert.Equal(FrameType.Command, d.Type);
        Assert.Equal(0xC8, d.Command.CommandId);
        Assert.Equal(opcode, d.Command.Opcode);
        Assert.Equal(arguments, d.Command.Arguments.AsSpan(0, d.Command.ArgumentLength).ToArray());
    }

    [Theory]
    [InlineData(CommandResult.Ack)]
    [InlineData(CommandResult.UnknownCommand)]
    [InlineData(CommandResult.BadArguments)]
    [InlineData(CommandResult.NotAllowedNow)]
    [InlineData(CommandResult.OutOfOrder)]
    [InlineData(CommandResult.TransferIncomplete)]
    [InlineData(CommandResult.RecordInvalid)]
    [InlineData(CommandResult.StorageFailure)]
    [InlineData(CommandResult.Busy)]
    [InlineData(CommandResult.CommandCorrupt)]
    [InlineData(CommandResult.UnsupportedVersion)]
    public void Response_with_each_result_round_trips_and_fits_20_bytes(CommandResult result)
    {
        var response = new ResponseFrame { Sequence = 300, TimestampTicks = 123456 };
        response.Set(0x42, CommandOpcode.CalibrationReadChunk, result);
        response.AddUInt16(14);
        for (int i = 0; i < ProtocolConstants.DefaultResponseDataBytes - 2; i++) response.AddByte(i);
        var buffer = new byte[20];
        int n = FrameEncoder.EncodeResponse(response, buffer, 0);
        Assert.Equal(20, n);

        var d = new DecodedFrame();
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.TryDecode(buffer, 0, n, d));
        Assert.Equal(0x42, d.Response.CommandId);
        Assert.Equal(CommandOpcode.CalibrationReadChunk, d.Response.Opcode);
        Assert.Equal(result, d.Response.Result);
        Assert.Equal(300, d.Response.Sequence);
        Assert.Equal(14, LittleEndianRead(d.Response.Data));
        Assert.Equal(ProtocolConstants.DefaultResponseDataBytes, d.Response.DataLength);
    }

    [Fact]
    public void Encoder_refuses_a_buffer_too_small()
    {
        var command = new CommandFrame();
        command.Set(1, CommandOpcode.Identify);
        command.AddByte(3);
        Assert.Throws<ArgumentException>(() => FrameEncoder.EncodeCommand(command, new byte[5], 0));
        Assert.Throws<ArgumentException>(() => FrameEncoder.EncodeAngle(new AngleFrame(), new byte[20], 4));
    }

    private static int LittleEndianRead(byte[] b) => b[0] | (b[1] << 8);
}
