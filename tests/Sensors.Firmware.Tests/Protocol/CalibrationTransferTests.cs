using System;
using Sensors.Band.Calibration;
using Sensors.Band.Protocol;
using Xunit;

namespace Sensors.Firmware.Tests.Protocol;

/// <summary>Chunked transfer of a calibration record through real command frames at the default MTU.</summary>
public class CalibrationTransferTests
{
    private static byte[] Record(int seed, int length = 320)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Theory]
    [InlineData(1, 320)]
    [InlineData(2, 1)]
    [InlineData(3, 13)]
    [InlineData(4, 1024)]
    public void Chunks_sent_as_20_byte_command_frames_reassemble_exactly(int seed, int length)
    {
        byte[] record = Record(seed, length);
        var transfer = new CalibrationTransfer(CalibrationRecordCodec.MaxRecordBytes);
        var command = new CommandFrame();
        var decoded = new DecodedFrame();
        var wire = new byte[20];

        command.Set(1, CommandOpcode.CalibrationWriteBegin);
        command.AddUInt16(record.Length);
        command.AddUInt32(Crc32.Compute(record, 0, record.Length));
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.TryDecode(wire, 0, FrameEncoder.EncodeCommand(command, wire, 0), decoded));
        Assert.Equal(CommandResult.Ack, transfer.Begin(decoded.Command.GetUInt16(0), decoded.Command.GetUInt32(2)));

        int chunks = 0;
        for (int offset = 0; offset < record.Length; offset += 13)
        {
            int n = Math.Min(13, record.Length - offset);
            command.Set((byte)(2 + chunks), CommandOpcode.CalibrationWriteChunk);
            command.AddUInt16(offset);
            command.AddBytes(record, offset, n);
            int len = FrameEncoder.EncodeCommand(command, wire, 0);
            Assert.True(len <= 20);
            Assert.Equal(DecodeStatus.Ok, FrameDecoder.TryDecode(wire, 0, len, decoded));
            CommandFrame c = decoded.Command;
            Assert.Equal(CommandResult.Ack, transfer.Accept(c.GetUInt16(0), c.Arguments, 2, c.ArgumentLength - 2));
            chunks++;
        }

        Assert.Equal(CommandResult.Ack, transfer.Finish());
        Assert.True(transfer.Complete);
        Assert.Equal(record, transfer.Buffer.AsSpan(0, record.Length).ToArray());
        Assert.Equal((record.Length + 12) / 13, chunks);
    }

    [Fact]
    public void A_missing_chunk_is_rejected_and_commit_reports_the_transfer_incomplete()
    {
        byte[] record = Record(5);
        var transfer = new CalibrationTransfer(1024);
        transfer.Begin(record.Length, Crc32.Compute(record, 0, record.Length));
        Assert.Equal(CommandResult.Ack, transfer.Accept(0, record, 0, 13));
        Assert.Equal(CommandResult.OutOfOrder, transfer.Accept(26, record, 26, 13));   // chunk 13..25 missing
        Assert.Equal(13, transfer.ReceivedLength);
        Assert.Equal(CommandResult.TransferIncomplete, transfer.Finish());
        Assert.True(transfer.Active);                                                   // the sender may still fill the gap
        Assert.Equal(CommandResult.Ack, transfer.Accept(13, record, 13, 13));
    }

    [Fact]
    public void Reordered_chunks_are_rejected_but_an_exact_resend_of_the_last_chunk_is_acknowledged()
    {
        byte[] record = Record(6);
        var transfer = new CalibrationTransfer(1024);
        transfer.Begin(record.Length, Crc32.Compute(record, 0, record.Length));
        Assert.Equal(CommandResult.OutOfOrder, transfer.Accept(13, record, 13, 13));
        Assert.Equal(CommandResult.Ack, transfer.Accept(0, record, 0, 13));
        Assert.Equal(CommandResult.Ack, transfer.Accept(13, record, 13, 13));
        Assert.Equal(CommandResult.Ack, transfer.Accept(13, record, 13, 13));          // ack was lost: resent, no effect
        Assert.Equal(26, transfer.ReceivedLength);
        Assert.Equal(CommandResult.OutOfOrder, transfer.Accept(0, record, 0, 13));     // an older chunk is not a resend
        var altered = (byte[])record.Clone();
        altered[14] ^= 1;
        Assert.Equal(CommandResult.OutOfOrder, transfer.Accept(13, altered, 13, 13));  // same place, other bytes
    }

    [Fact]
    public void Wrong_crc_overflow_and_chunks_without_begin_are_rejected()
    {
        byte[] record = Record(7);
        var transfer = new CalibrationTransfer(1024);
        Assert.Equal(CommandResult.NotAllowedNow, transfer.Accept(0, record, 0, 13));
        Assert.Equal(CommandResult.BadArguments, transfer.Begin(2000, 0));
        transfer.Begin(20, 0);
        Assert.Equal(CommandResult.BadArguments, transfer.Accept(0, record, 0, 21));
        transfer.Begin(record.Length, Crc32.Compute(record, 0, record.Length) ^ 1);
        for (int o = 0; o < record.Length; o += 64) transfer.Accept(o, record, o, Math.Min(64, record.Length - o));
        Assert.Equal(CommandResult.RecordInvalid, transfer.Finish());
        Assert.False(transfer.Complete);
        Assert.Equal(CommandResult.NotAllowedNow, transfer.Finish());
    }
}
