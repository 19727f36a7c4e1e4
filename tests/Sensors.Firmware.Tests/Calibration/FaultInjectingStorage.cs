using System;
using System.IO;
using Sensors.Band.Calibration;

namespace Sensors.Firmware.Tests.Calibration;

/// <summary>Power goes off: thrown by <see cref="FaultInjectingStorage"/>; every later operation fails the same way.</summary>
internal sealed class PowerLossException : IOException
{
    public PowerLossException() : base("simulated power loss") { }
}

/// <summary>
/// Wraps a storage and cuts the power before mutating operation number <see cref="FailAtStep"/> (0-based: writes,
/// renames and deletes count; reads do not). A write that is cut leaves <see cref="TornWriteBytes"/> bytes of the new
/// content behind (a torn write); renames and deletes are atomic (all or nothing), as on LittleFS. Optionally flips a bit
/// of every write to one blob (silent flash corruption) without failing.
/// </summary>
internal sealed class FaultInjectingStorage : IRecordStorage
{
    private readonly IRecordStorage _inner;
    private bool _dead;

    public FaultInjectingStorage(IRecordStorage inner) => _inner = inner;

    public int FailAtStep { get; set; } = -1;

    public int TornWriteBytes { get; set; }

    public string? CorruptWritesTo { get; set; }

    public int Steps { get; private set; }

    public bool Exists(string name)
    {
        ThrowIfDead();
        return _inner.Exists(name);
    }

    public int Read(string name, byte[] buffer, int offset, int count)
    {
        ThrowIfDead();
        return _inner.Read(name, buffer, offset, count);
    }

    public void Write(string name, byte[] buffer, int offset, int count)
    {
        if (Step())
        {
            _inner.Write(name, buffer, offset, Math.Min(TornWriteBytes, count));
            throw new PowerLossException();
        }

        if (name == CorruptWritesTo)
        {
            byte[] copy = buffer.AsSpan(offset, count).ToArray();
            copy[count / 2] ^= 0x10;
            _inner.Write(name, copy, 0, count);
            return;
        }

        _inner.Write(name, buffer, offset, count);
    }

    public void Rename(string from, string to)
    {
        if (Step()) throw new PowerLossException();
        _inner.Rename(from, to);
    }

    public void Delete(string name)
    {
        if (Step()) throw new PowerLossException();
        _inner.Delete(name);
    }

    private bool Step()
    {
        ThrowIfDead();
        if (Steps++ == FailAtStep)
        {
            _dead = true;
            return true;
        }

        return false;
    }

    private void ThrowIfDead()
    {
        if (_dead) throw new PowerLossException();
    }
}
