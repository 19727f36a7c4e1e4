using System;
using Sensors.Band.Protocol;

namespace Sensors.Gateway.Intake;

/// <summary>
/// Maps the band clock (24-bit, 10 µs ticks, wraps every 167.77 s) onto the gateway clock, for frames in sequence order.
/// <list type="number">
/// <item>Unwrap: the wrap-aware tick difference to the previous frame (exact while frames are &lt; 83.9 s apart); after a
/// longer silence the number of wraps is chosen from the gateway clock.</item>
/// <item>Lower envelope: radio delays only ever add, so per block of <see cref="IntakeSettings.EnvelopeBlockS"/> band seconds
/// the frame with the smallest (arrival − band time) is kept; a least-squares line through the last
/// <see cref="IntakeSettings.EnvelopeBlockCount"/> block minima gives gateway = offset + slope · band. Delays and bursts above the
/// envelope do not bias it; the drift is 1/slope − 1.</item>
/// <item>Clock jumps (band reset, timer bug): band time running backwards, a frame "arriving before it was sent", or every
/// frame for <see cref="IntakeSettings.ClockJumpConfirmS"/> later than the tolerance are reported; the envelope then restarts
/// from the current frame (slope kept), so data keep flowing with a consistent mapping.</item>
/// </list>
/// Gateway time here is "earliest arrival": it includes the link's minimum delay (a constant of a few ms on BLE).
/// </summary>
public sealed class BandClockMapper
{
    private const double TickS = ProtocolConstants.TimestampTickUs * 1e-6;
    private const long WrapTicks = 1L << 24;

    private readonly IntakeSettings _settings;
    private readonly double[] _bandS;
    private readonly double[] _arrivalS;
    private int _count;
    private int _head;
    private bool _started;
    private uint _lastTicks;
    private long _unwrappedTicks;
    private double _lastBandS;
    private double _lastArrivalS;
    private double _slope = 1.0;
    private double _intercept;
    private double _runningMin = double.PositiveInfinity;
    private double _blockStartS = double.NaN;
    private double _blockMinResidual = double.PositiveInfinity;
    private double _blockMinBandS;
    private double _blockMinArrivalS;
    private double _lateSinceBandS = double.NaN;

    public BandClockMapper(IntakeSettings? settings = null)
    {
        _settings = settings ?? new IntakeSettings();
        int n = Math.Max(2, _settings.EnvelopeBlockCount);
        _bandS = new double[n];
        _arrivalS = new double[n];
    }

    /// <summary>Estimated band clock error, ppm (positive: the band clock runs fast). 0 until two envelope blocks exist.</summary>
    public double DriftPpm => (1.0 / _slope - 1.0) * 1e6;

    /// <summary>Slope of the mapping, gateway s per band s.</summary>
    public double Slope => _slope;

    /// <summary>Gateway time at band time 0, s.</summary>
    public double OffsetS => _intercept;

    /// <summary>Envelope points in the current fit.</summary>
    public int EnvelopePoints => _count;

    /// <summary>Arrival minus mapped time of the last frame, s (the link delay above the envelope).</summary>
    public double LastDelayS { get; private set; }

    /// <summary>Size of the last clock jump, s (band clock minus expected; 0 if none yet).</summary>
    public double LastJumpS { get; private set; }

    /// <summary>Band time of the last frame, s (unwrapped).</summary>
    public double LastBandTimeS => _lastBandS;

    /// <summary>The gateway time of a band time, s.</summary>
    public double ToGatewayTime(double bandTimeS) => _intercept + _slope * bandTimeS;

    /// <summary>
    /// Maps one frame (in sequence order). Returns true when a clock jump was detected at this frame (<see cref="LastJumpS"/>);
    /// the times returned are then already re-anchored.
    /// </summary>
    public bool Map(uint timestampTicks, double arrivalS, out double bandTimeS, out double gatewayTimeS)
    {
        bool jump = false;
        if (!_started)
        {
            _started = true;
            _unwrappedTicks = timestampTicks;
        }
        else
        {
            double sinceLastS = arrivalS - _lastArrivalS;
            if (sinceLastS < 60.0)
            {
                _unwrappedTicks += SequenceNumber.TimestampDifferenceTicks(timestampTicks, _lastTicks);
            }
            else
            {
                // Long silence (reconnect): choose the wraps from the gateway clock.
                double expectedTicks = _unwrappedTicks + sinceLastS / _slope / TickS;
                long k = (long)Math.Round((expectedTicks - timestampTicks) / WrapTicks);
                _unwrappedTicks = timestampTicks + k * WrapTicks;
            }
        }

        _lastTicks = timestampTicks;
        bandTimeS = _unwrappedTicks * TickS;

        if (_count > 0 || !double.IsPositiveInfinity(_runningMin))
        {
            double residual = arrivalS - ToGatewayTime(bandTimeS);
            double bandStep = bandTimeS - _lastBandS;
            double tol = _settings.ClockJumpToleranceS;
            if (bandStep < -tol || residual < -tol)
            {
                jump = true;
                LastJumpS = residual < -tol ? -residual : bandStep - (arrivalS - _lastArrivalS);
            }
            else if (residual > tol)
            {
                if (double.IsNaN(_lateSinceBandS)) _lateSinceBandS = bandTimeS;
                else if (bandTimeS - _lateSinceBandS >= _settings.ClockJumpConfirmS)
                {
                    jump = true;
                    LastJumpS = -residual;
                }
            }
            else
            {
                _lateSinceBandS = double.NaN;
            }

            if (jump) Reanchor();
        }

        AddToEnvelope(bandTimeS, arrivalS);
        _lastBandS = bandTimeS;
        _lastArrivalS = arrivalS;
        gatewayTimeS = ToGatewayTime(bandTimeS);
        LastDelayS = arrivalS - gatewayTimeS;
        return jump;
    }

    private void Reanchor()
    {
        _count = 0;
        _head = 0;
        _runningMin = double.PositiveInfinity;
        _blockStartS = double.NaN;
        _blockMinResidual = double.PositiveInfinity;
        _lateSinceBandS = double.NaN;
    }

    private void AddToEnvelope(double bandS, double arrivalS)
    {
        double residual = arrivalS - _slope * bandS;
        if (_count == 0 && residual < _runningMin)
        {
            // Before the first complete block: the line through the earliest arrival so far (slope kept).
            _runningMin = residual;
            _intercept = residual;
        }

        if (double.IsNaN(_blockStartS)) _blockStartS = bandS;
        if (bandS - _blockStartS >= _settings.EnvelopeBlockS)
        {
            Push(_blockMinBandS, _blockMinArrivalS);
            _blockStartS = bandS;
            _blockMinResidual = double.PositiveInfinity;
        }

        double raw = arrivalS - bandS;
        if (raw < _blockMinResidual)
        {
            _blockMinResidual = raw;
            _blockMinBandS = bandS;
            _blockMinArrivalS = arrivalS;
        }
    }

    private void Push(double bandS, double arrivalS)
    {
        _bandS[_head] = bandS;
        _arrivalS[_head] = arrivalS;
        _head = (_head + 1) % _bandS.Length;
        if (_count < _bandS.Length) _count++;
        Fit();
    }

    private void Fit()
    {
        int n = _count;
        double mb = 0, ma = 0, minB = double.PositiveInfinity, maxB = double.NegativeInfinity;
        for (int i = 0; i < n; i++)
        {
            mb += _bandS[i];
            ma += _arrivalS[i];
            minB = Math.Min(minB, _bandS[i]);
            maxB = Math.Max(maxB, _bandS[i]);
        }

        mb /= n;
        ma /= n;
        if (n >= 3 && maxB - minB >= 10.0)
        {
            double sxy = 0, sxx = 0;
            for (int i = 0; i < n; i++)
            {
                double db = _bandS[i] - mb;
                sxy += db * (_arrivalS[i] - ma);
                sxx += db * db;
            }

            double slope = sxy / sxx;
            if (slope > 0.999 && slope < 1.001) _slope = slope; // ±1000 ppm: anything wider is not a crystal
        }

        _intercept = ma - _slope * mb;
    }
}
