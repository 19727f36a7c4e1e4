using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Sensors.Band.Protocol;
using Sensors.Gateway.Intake.Transports;

namespace Sensors.Gateway.Intake;

/// <summary>
/// The gateway's intake for one band: decodes each datagram (batches unpacked), puts the data units back in sequence
/// order (duplicates dropped, reordering repaired within a small window, losses declared as gaps), maps band time onto
/// the gateway clock (<see cref="BandClockMapper"/>) and passes everything to an <see cref="IIntakeObserver"/>.
/// Bad input never throws and never loses what was accepted: a malformed frame, an unexpected type, a clock jump or a
/// sequence restart is reported (<see cref="IIntakeObserver.OnError"/>), counted (<see cref="Counters"/>) and kept in
/// <see cref="RecentErrors"/>. Streaming form: <see cref="Accept(ReceivedFrame)"/> per datagram, <see cref="Poll"/> when
/// idle, <see cref="Flush"/> at the end; batch form: <see cref="ApplyTo"/> (same result).
/// Not thread-safe: one receive loop per band.
/// </summary>
public sealed class FrameIntake
{
    private readonly IntakeSettings _settings;
    private readonly IIntakeObserver _observer;
    private readonly DecodedFrame _decoded = new();
    private readonly byte[] _scratch = new byte[ProtocolConstants.MaxFrameBytes];
    private readonly bool[] _seen = new bool[65536];
    private readonly List<Pending> _pending = [];
    private readonly Queue<IntakeError> _recent = new();
    private bool _started;
    private ushort _expected;
    private long _expectedUnwrapped;
    private double _lastGatewayTimeS = double.NaN;
    private (ushort First, int Count)? _gap;

    public FrameIntake(string bandId, IIntakeObserver observer, IntakeSettings? settings = null)
    {
        BandId = string.IsNullOrWhiteSpace(bandId) ? throw new ArgumentException("band id is empty", nameof(bandId)) : bandId;
        _observer = observer ?? throw new ArgumentNullException(nameof(observer));
        _settings = settings ?? new IntakeSettings();
        if (_settings.ReorderWindowFrames < 1) throw new ArgumentException("ReorderWindowFrames must be at least 1", nameof(settings));
        Clock = new BandClockMapper(_settings);
    }

    /// <summary>The band this intake belongs to.</summary>
    public string BandId { get; }

    /// <summary>Counts of everything seen (loss, duplicates, reordering, malformed, jumps).</summary>
    public IntakeCounters Counters { get; } = new();

    /// <summary>Band → gateway clock mapping (drift estimate, offset, last delay).</summary>
    public BandClockMapper Clock { get; }

    /// <summary>Units waiting in the reorder window.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>The most recent errors (up to <see cref="IntakeSettings.RecentErrorCapacity"/>).</summary>
    public IReadOnlyCollection<IntakeError> RecentErrors => _recent;

    /// <summary>Accepts one datagram from the transport.</summary>
    public void Accept(ReceivedFrame frame)
    {
        if (frame.Bytes is null) throw new ArgumentException("frame without bytes", nameof(frame));
        Accept(frame.Bytes, frame.ArrivalS);
    }

    /// <summary>Accepts one datagram (one frame or batch) that arrived at <paramref name="arrivalS"/> on the gateway clock.</summary>
    public void Accept(ReadOnlySpan<byte> datagram, double arrivalS)
    {
        Counters.Datagrams++;
        int count = Math.Min(datagram.Length, _scratch.Length);
        datagram[..count].CopyTo(_scratch);
        DecodeStatus status = datagram.Length > _scratch.Length
            ? DecodeStatus.BadLength
            : FrameDecoder.TryDecode(_scratch, 0, count, _decoded);
        if (status != DecodeStatus.Ok)
        {
            Counters.Malformed++;
            Counters.MalformedByStatus[status] = Counters.MalformedByStatus.GetValueOrDefault(status) + 1;
            Report(IntakeErrorKind.MalformedFrame, -1, arrivalS, status,
                $"band {BandId}: malformed frame ({status}), {datagram.Length} bytes arriving at {F(arrivalS)} s: {Hex(datagram)}");
            Poll(arrivalS);
            return;
        }

        switch (_decoded.Type)
        {
            case FrameType.Angle:
                Offer(Unit(FrameType.Angle, _decoded.Angle.Sequence, _decoded.Angle.TimestampTicks, arrivalS, angle: Copy(_decoded.Angle)));
                break;
            case FrameType.RawImu:
                Offer(Unit(FrameType.RawImu, _decoded.RawImu.Sequence, _decoded.RawImu.TimestampTicks, arrivalS, raw: Copy(_decoded.RawImu)));
                break;
            case FrameType.Status:
                Offer(Unit(FrameType.Status, _decoded.Status.Sequence, _decoded.Status.TimestampTicks, arrivalS, status: Copy(_decoded.Status)));
                break;
            case FrameType.Response:
                var response = new ResponseFrame();
                response.CopyFrom(_decoded.Response);
                Offer(Unit(FrameType.Response, response.Sequence, response.TimestampTicks, arrivalS, response: response));
                break;
            case FrameType.Batch:
                BatchFrame batch = _decoded.Batch;
                for (int i = 0; i < batch.Count; i++)
                {
                    BatchRecord r = batch.GetRecord(i);
                    Pending p = r.Type switch
                    {
                        FrameType.Angle => Unit(FrameType.Angle, r.Angle.Sequence, r.Angle.TimestampTicks, arrivalS, angle: Copy(r.Angle)),
                        FrameType.Status => Unit(FrameType.Status, r.Status.Sequence, r.Status.TimestampTicks, arrivalS, status: Copy(r.Status)),
                        _ => Unit(FrameType.RawImu, r.RawImu.Sequence, r.RawImu.TimestampTicks, arrivalS, raw: Copy(r.RawImu)),
                    };
                    Offer(p);
                }
                break;
            default:
                Report(IntakeErrorKind.UnexpectedFrameType, -1, arrivalS, DecodeStatus.Ok,
                    $"band {BandId}: unexpected {_decoded.Type} frame on the notify stream at {F(arrivalS)} s (dropped).");
                break;
        }

        Poll(arrivalS);
    }

    /// <summary>Releases units that waited longer than <see cref="IntakeSettings.ReorderWaitS"/> (call when idle).</summary>
    public void Poll(double nowS)
    {
        while (_pending.Count > 0 && (nowS - OldestPendingArrival() > _settings.ReorderWaitS || MaxPendingDistance() >= _settings.ReorderWindowFrames))
            ReleaseOldest();
    }

    /// <summary>End of stream: everything still waiting is passed on; missing units before it become gaps.</summary>
    public void Flush()
    {
        while (_pending.Count > 0) ReleaseOldest();
    }

    /// <summary>Batch form: accepts every datagram in order and flushes (same output as the streaming calls).</summary>
    public void ApplyTo(IEnumerable<ReceivedFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        foreach (ReceivedFrame f in frames) Accept(f);
        Flush();
    }

    private void Offer(Pending unit)
    {
        Counters.Received++;
        if (!_started)
        {
            _started = true;
            _expected = unit.Sequence;
        }

        int d = SequenceNumber.Difference(unit.Sequence, _expected);
        if (d < 0)
        {
            if (-d > _settings.RestartDistanceFrames) Restart(unit);
            else if (_seen[unit.Sequence]) Counters.Duplicates++;
            else Counters.Late++;
            return;
        }

        bool overtaken = false;
        foreach (Pending p in _pending)
        {
            if (p.Sequence == unit.Sequence)
            {
                Counters.Duplicates++;
                return;
            }

            overtaken |= SequenceNumber.Difference(p.Sequence, unit.Sequence) > 0;
        }

        if (overtaken) Counters.Reordered++;
        if (d == 0)
        {
            Deliver(unit);
            Drain();
            return;
        }

        if (d > _settings.RestartDistanceFrames)
        {
            // A long hole (reconnect after a drop-out): declare it now rather than hold frames.
            Flush();
            int missing = SequenceNumber.Difference(unit.Sequence, _expected);
            if (missing > 0) DeclareLost(missing);
            Deliver(unit);
            return;
        }

        _pending.Add(unit);
    }

    private void Restart(Pending unit)
    {
        Flush();
        Counters.SequenceRestarts++;
        Report(IntakeErrorKind.SequenceRestart, unit.Sequence, unit.ArrivalS, DecodeStatus.Ok,
            $"band {BandId}: sequence restarted at {unit.Sequence} (expected {_expected}) at {F(unit.ArrivalS)} s; band reboot? frames in between unknown.");
        Array.Clear(_seen);
        _expected = unit.Sequence;
        _gap = null;
        Deliver(unit);
    }

    private void ReleaseOldest()
    {
        int best = 0, bestD = int.MaxValue;
        for (int i = 0; i < _pending.Count; i++)
        {
            int d = SequenceNumber.Difference(_pending[i].Sequence, _expected);
            if (d < bestD) { bestD = d; best = i; }
        }

        Pending next = _pending[best];
        _pending.RemoveAt(best);
        if (bestD > 0) DeclareLost(bestD);
        Deliver(next);
        Drain();
    }

    private void DeclareLost(int count)
    {
        ushort first = _expected;
        _expected = SequenceNumber.Add(_expected, count);
        _expectedUnwrapped += count;
        Counters.Lost += count;
        Counters.Gaps++;
        _gap = _gap is { } g ? (g.First, g.Count + count) : (first, count);
    }

    private void Drain()
    {
        bool found = true;
        while (found && _pending.Count > 0)
        {
            found = false;
            for (int i = 0; i < _pending.Count; i++)
            {
                if (_pending[i].Sequence == _expected)
                {
                    Pending p = _pending[i];
                    _pending.RemoveAt(i);
                    Deliver(p);
                    found = true;
                    break;
                }
            }
        }
    }

    private void Deliver(Pending unit)
    {
        if (Clock.Map(unit.TimestampTicks, unit.ArrivalS, out double bandS, out double gatewayS))
        {
            Counters.ClockJumps++;
            Report(IntakeErrorKind.ClockJump, unit.Sequence, unit.ArrivalS, DecodeStatus.Ok,
                $"band {BandId}: band clock jumped {Clock.LastJumpS:+0.000;-0.000} s at sequence {unit.Sequence} (arrival {F(unit.ArrivalS)} s); clock mapping re-anchored.");
        }

        var frame = new IntakeFrame
        {
            BandId = BandId,
            Type = unit.Type,
            Sequence = unit.Sequence,
            UnwrappedSequence = _expectedUnwrapped,
            TimestampTicks = unit.TimestampTicks,
            BandTimeS = bandS,
            GatewayTimeS = gatewayS,
            ArrivalS = unit.ArrivalS,
            Angle = unit.Angle,
            RawImu = unit.Raw,
            Status = unit.Status,
            Response = unit.Response,
        };

        _seen[unit.Sequence] = true;
        _seen[(ushort)(unit.Sequence + 32768)] = false;
        _expected = SequenceNumber.Add(unit.Sequence, 1);
        _expectedUnwrapped++;
        Counters.Accepted++;
        if (_gap is { } g)
        {
            _gap = null;
            _observer.OnGap(new IntakeGap(BandId, g.First, g.Count, _lastGatewayTimeS, gatewayS));
        }

        _lastGatewayTimeS = gatewayS;
        _observer.OnFrame(frame);
    }

    private double OldestPendingArrival()
    {
        double min = double.PositiveInfinity;
        foreach (Pending p in _pending) min = Math.Min(min, p.ArrivalS);
        return min;
    }

    private int MaxPendingDistance()
    {
        int max = 0;
        foreach (Pending p in _pending) max = Math.Max(max, SequenceNumber.Difference(p.Sequence, _expected));
        return max;
    }

    private void Report(IntakeErrorKind kind, int sequence, double arrivalS, DecodeStatus status, string message)
    {
        var error = new IntakeError(kind, BandId, sequence, arrivalS, status, message);
        _recent.Enqueue(error);
        while (_recent.Count > Math.Max(1, _settings.RecentErrorCapacity)) _recent.Dequeue();
        _observer.OnError(error);
    }

    private static Pending Unit(FrameType type, ushort sequence, uint ticks, double arrivalS,
        AngleFrame? angle = null, RawImuFrame? raw = null, StatusFrame? status = null, ResponseFrame? response = null) =>
        new(type, sequence, ticks, arrivalS, angle, raw, status, response);

    private static AngleFrame Copy(AngleFrame f)
    {
        var c = new AngleFrame();
        c.CopyFrom(f);
        return c;
    }

    private static RawImuFrame Copy(RawImuFrame f)
    {
        var c = new RawImuFrame();
        c.CopyFrom(f);
        return c;
    }

    private static StatusFrame Copy(StatusFrame f)
    {
        var c = new StatusFrame();
        c.CopyFrom(f);
        return c;
    }

    private static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Hex(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder();
        int n = Math.Min(bytes.Length, 24);
        for (int i = 0; i < n; i++) sb.Append(i == 0 ? "" : " ").Append(bytes[i].ToString("X2", CultureInfo.InvariantCulture));
        if (bytes.Length > n) sb.Append(" …");
        return sb.Length == 0 ? "(empty)" : sb.ToString();
    }

    private sealed record Pending(FrameType Type, ushort Sequence, uint TimestampTicks, double ArrivalS,
        AngleFrame? Angle, RawImuFrame? Raw, StatusFrame? Status, ResponseFrame? Response);
}
