using System;
using System.IO;

namespace Sensors.Recording;

/// <summary>
/// Wraps a decompressing <see cref="System.IO.Compression.GZipStream"/> and checks the gzip trailer (CRC-32 and
/// length of the uncompressed data, the last 8 bytes of the file) when the data end. .NET's GZipStream returns a
/// clean end of stream on a truncated file, so without this check a cut-off recording would look complete.
/// Only single-member gzip files pass (what <see cref="RecordingWriter"/> and gzip(1) write).
/// </summary>
internal sealed class GzipTrailerCheckStream : Stream
{
    private readonly Stream _inner;
    private readonly uint _expectedCrc;
    private readonly uint _expectedLength;
    private readonly bool _trailerPresent;
    private uint _crc = 0xFFFFFFFFu;
    private long _length;
    private bool _checked;

    public GzipTrailerCheckStream(Stream decompressed, FileStream compressedFile)
    {
        _inner = decompressed;
        long size = compressedFile.Length;
        if (size >= 18)
        {
            long position = compressedFile.Position;
            Span<byte> trailer = stackalloc byte[8];
            compressedFile.Seek(size - 8, SeekOrigin.Begin);
            compressedFile.ReadExactly(trailer);
            compressedFile.Seek(position, SeekOrigin.Begin);
            _expectedCrc = BitConverter.ToUInt32(trailer[..4]);
            _expectedLength = BitConverter.ToUInt32(trailer[4..]);
            _trailerPresent = true;
            if (!BitConverter.IsLittleEndian)
            {
                _expectedCrc = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(_expectedCrc);
                _expectedLength = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(_expectedLength);
            }
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = _inner.Read(buffer);
        if (n > 0)
        {
            _crc = Crc32.Update(_crc, buffer[..n]);
            _length += n;
        }
        else if (!_checked && buffer.Length > 0)
        {
            _checked = true;
            uint crc = ~_crc;
            if (!_trailerPresent)
            {
                throw new InvalidDataException("gzip file is truncated: it is shorter than a gzip header and trailer");
            }

            if (crc != _expectedCrc || unchecked((uint)_length) != _expectedLength)
            {
                throw new InvalidDataException(
                    $"gzip data are truncated or corrupt: {_length} bytes decompressed, the trailer expects {_expectedLength} bytes (CRC-32 {(crc == _expectedCrc ? "matches" : "differs")})");
            }
        }

        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _length; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>CRC-32 (IEEE 802.3, the gzip polynomial), slicing-by-8 tables.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        uint[] t = Table;
        int i = 0;
        while (data.Length - i >= 8)
        {
            uint one = BitConverter.ToUInt32(data.Slice(i, 4)) ^ crc;
            uint two = BitConverter.ToUInt32(data.Slice(i + 4, 4));
            if (!BitConverter.IsLittleEndian) break;
            crc = t[(7 * 256) + (one & 0xFF)] ^ t[(6 * 256) + ((one >> 8) & 0xFF)] ^ t[(5 * 256) + ((one >> 16) & 0xFF)] ^ t[(4 * 256) + (one >> 24)]
                ^ t[(3 * 256) + (two & 0xFF)] ^ t[(2 * 256) + ((two >> 8) & 0xFF)] ^ t[256 + ((two >> 16) & 0xFF)] ^ t[two >> 24];
            i += 8;
        }

        for (; i < data.Length; i++)
        {
            crc = t[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildTable()
    {
        var t = new uint[8 * 256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }

        for (int s = 1; s < 8; s++)
        {
            for (int n = 0; n < 256; n++)
            {
                uint prev = t[((s - 1) * 256) + n];
                t[(s * 256) + n] = (prev >> 8) ^ t[prev & 0xFF];
            }
        }

        return t;
    }
}
