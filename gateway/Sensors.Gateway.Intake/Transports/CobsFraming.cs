using System;
using System.Collections.Generic;

namespace Sensors.Gateway.Intake.Transports;

/// <summary>
/// Framing of protocol frames on a byte stream (serial/USB): each frame is COBS-encoded (Consistent Overhead Byte
/// Stuffing, Cheshire &amp; Baker 1999) and followed by one 0x00 delimiter. COBS removes every 0x00 from the frame, so
/// the delimiter always marks a frame end and a receiver that starts mid-stream or loses bytes resynchronises at the
/// next 0x00. Overhead: 1 byte per started 254 bytes + the delimiter (a 20-byte frame becomes 22 bytes). Integrity
/// is the frame's own CRC-16 (checked by the intake), so the framing adds none.
/// </summary>
public static class CobsFraming
{
    /// <summary>The frame delimiter on the wire.</summary>
    public const byte Delimiter = 0x00;

    /// <summary>Bytes the encoded form of an <paramref name="frameBytes"/>-byte frame takes, delimiter included.</summary>
    public static int EncodedLength(int frameBytes) => frameBytes + frameBytes / 254 + 2;

    /// <summary>COBS-encodes <paramref name="frame"/> and appends the delimiter; returns the bytes written.</summary>
    public static int Encode(ReadOnlySpan<byte> frame, Span<byte> destination)
    {
        if (destination.Length < EncodedLength(frame.Length)) throw new ArgumentException("destination too small for the encoded frame", nameof(destination));
        int codeIndex = 0, write = 1;
        byte code = 1;
        foreach (byte b in frame)
        {
            if (b == 0)
            {
                destination[codeIndex] = code;
                codeIndex = write++;
                code = 1;
                continue;
            }

            destination[write++] = b;
            if (++code == 0xFF)
            {
                destination[codeIndex] = code;
                codeIndex = write++;
                code = 1;
            }
        }

        destination[codeIndex] = code;
        destination[write++] = Delimiter;
        return write;
    }

    /// <summary>Encodes one frame into a new array (delimiter included).</summary>
    public static byte[] Encode(ReadOnlySpan<byte> frame)
    {
        var buffer = new byte[EncodedLength(frame.Length)];
        int n = Encode(frame, buffer);
        return n == buffer.Length ? buffer : buffer.AsSpan(0, n).ToArray();
    }

    /// <summary>
    /// Decodes one packet (the bytes between two delimiters, delimiter excluded). False when the packet is not valid
    /// COBS (a code byte pointing past the end, or a 0x00 inside).
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> packet, List<byte> frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        frame.Clear();
        int i = 0;
        while (i < packet.Length)
        {
            int code = packet[i];
            if (code == 0 || i + code > packet.Length) return false;
            for (int k = 1; k < code; k++)
            {
                byte b = packet[i + k];
                if (b == 0) return false;
                frame.Add(b);
            }

            i += code;
            if (code < 0xFF && i < packet.Length) frame.Add(0);
        }

        return true;
    }
}

/// <summary>
/// Incremental COBS receiver: feed it the bytes as they come (any chunking) and it returns whole frames. Noise before
/// the first delimiter, packets that are not valid COBS and packets longer than the protocol allows are counted and
/// skipped; the receiver resynchronises at the next delimiter.
/// </summary>
public sealed class CobsFrameReader
{
    private readonly int _maxPacketBytes;
    private readonly byte[] _packet;
    private readonly List<byte> _frame = new(Sensors.Band.Protocol.ProtocolConstants.MaxFrameBytes);
    private int _length;
    private bool _overflow;

    /// <param name="maxFrameBytes">Largest frame accepted (default the protocol's 512).</param>
    public CobsFrameReader(int maxFrameBytes = Sensors.Band.Protocol.ProtocolConstants.MaxFrameBytes)
    {
        _maxPacketBytes = CobsFraming.EncodedLength(maxFrameBytes) - 1;
        _packet = new byte[_maxPacketBytes];
    }

    /// <summary>Packets dropped because they were not valid COBS.</summary>
    public long InvalidPackets { get; private set; }

    /// <summary>Packets dropped because they were longer than a frame can be (lost delimiter, line noise).</summary>
    public long OversizePackets { get; private set; }

    /// <summary>Frames returned so far.</summary>
    public long Frames { get; private set; }

    /// <summary>Consumes <paramref name="bytes"/>; complete frames are appended to <paramref name="frames"/>.</summary>
    public void Feed(ReadOnlySpan<byte> bytes, List<byte[]> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        foreach (byte b in bytes)
        {
            if (b != CobsFraming.Delimiter)
            {
                if (_length < _maxPacketBytes) _packet[_length++] = b;
                else _overflow = true;
                continue;
            }

            if (_overflow)
            {
                OversizePackets++;
            }
            else if (_length > 0)
            {
                if (CobsFraming.TryDecode(_packet.AsSpan(0, _length), _frame))
                {
                    frames.Add(_frame.ToArray());
                    Frames++;
                }
                else
                {
                    InvalidPackets++;
                }
            }

            _length = 0;
            _overflow = false;
        }
    }
}
