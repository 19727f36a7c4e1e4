using System;

namespace Sensors.Gateway.Core.Reps;

/// <summary>
/// Streaming repetition detector: one sample at a time (<see cref="Process(float, bool)"/>), O(1) work and no allocation
/// per sample, emitting <see cref="RepEvents"/> for real-time feedback. Gives exactly the reps of the batch
/// <see cref="RepAnalyzer.ApplyTo(ReadOnlySpan{float}, double)"/> on the same samples (same algorithm, see README).
/// Invalid samples (gaps) are never interpolated: the low-pass restarts after a gap and a rep containing one is flagged
/// <see cref="RepFindings.SpansGap"/>.
/// </summary>
public sealed class RepDetector
{
    private readonly RepCoreParameters _p;
    private readonly float[] _history;   // primary samples, twice (ring buffer readable as one contiguous window)
    private readonly float[] _secondaryHistory;
    private readonly double _startTimeS;
    private int _pos;
    private bool _segmentOpen;
    private float _y1, _y2;              // filtered primary at the previous two samples
    private float _speed1, _speed2;      // |rate| at the previous two samples (0 for invalid)
    private int _stillRun;
    private RepMachine _machine;
    private RepSpanMetrics _span;
    private bool _spanOpen;
    private RepSpanMetrics _plateauSpan; // in a rep: the span of a rep from the settled pose, should it restart there
    private bool _plateauOpen;
    private RepSpanMetrics _spanAtPlateau; // the rep in progress as it was when the plateau settled
    private bool _targetSignalled;
    private bool _holdSignalled;
    private float _completeLevel;
    private Rep _lastRep;
    private bool _hasLastRep;

    /// <summary>A detector; sample k of the stream is at time <paramref name="startTimeS"/> + k / rate.</summary>
    public RepDetector(RepDetectorSettings settings, double startTimeS = 0)
    {
        _p = new RepCoreParameters(settings);
        _startTimeS = startTimeS;
        int n = _p.Kernel.Length;
        _history = new float[2 * n];
        _secondaryHistory = new float[2 * n];
        Reset();
    }

    public RepDetectorSettings Settings => _p.Settings;

    /// <summary>Index of the next sample to be processed.</summary>
    public long SampleIndex { get; private set; }

    /// <summary>Rep state (diagnostics).</summary>
    public RepDetectorState State => _machine.State;

    /// <summary>Low-passed primary angle at the last valid sample, rad (delayed by the filter, see README).</summary>
    public float FilteredAngleRad { get; private set; }

    /// <summary>Angular velocity of the low-passed angle at the last valid sample, rad/s.</summary>
    public float RateRadPerS { get; private set; }

    /// <summary>Reps reported so far.</summary>
    public int RepsReported { get; private set; }

    /// <summary>Complete reps reported so far.</summary>
    public int RepsComplete { get; private set; }

    /// <summary>The start pose angle in use (rad), false while it is still being learnt.</summary>
    public bool TryGetBaseline(out double baselineRad)
    {
        bool ok = _machine.State != RepDetectorState.LearningBaseline;
        baselineRad = ok ? _p.Sign * (_machine.State == RepDetectorState.InRep ? _machine.RepBase : _machine.Baseline) : 0;
        return ok;
    }

    /// <summary>Excursion of the rep in progress from its start pose, rad (0 outside a rep).</summary>
    public double ExcursionRad => _machine.State == RepDetectorState.InRep ? _p.Sign * FilteredAngleRad - _machine.RepBase : 0;

    /// <summary>The last reported rep, false before the first one.</summary>
    public bool TryGetLastRep(out Rep rep)
    {
        rep = _lastRep;
        return _hasLastRep;
    }

    /// <summary>Forgets everything (baseline, filter, counts) and restarts at sample index 0.</summary>
    public void Reset()
    {
        SampleIndex = 0;
        _pos = 0;
        _segmentOpen = false;
        _y1 = _y2 = 0;
        _speed1 = _speed2 = 0;
        _stillRun = 0;
        _machine = RepMachine.Create();
        _span = default;
        _spanOpen = false;
        _plateauSpan = default;
        _plateauOpen = false;
        _hasLastRep = false;
        _lastRep = default;
        RepsReported = 0;
        RepsComplete = 0;
        FilteredAngleRad = 0;
        RateRadPerS = 0;
    }

    /// <summary>Processes one primary-angle sample (rad); <paramref name="isValid"/> false marks a gap sample (value ignored).</summary>
    public RepEvents Process(float primaryRad, bool isValid = true) => Process(primaryRad, float.NaN, false, isValid);

    /// <summary>Processes one sample with a secondary angle (rad) watched for compensation.</summary>
    public RepEvents Process(float primaryRad, float secondaryRad, bool isValid = true) => Process(primaryRad, secondaryRad, true, isValid);

    private RepEvents Process(float x, float secondary, bool hasSecondary, bool isValid)
    {
        long j = SampleIndex;
        if (isValid)
        {
            if (!float.IsFinite(x) || MathF.Abs(x) > RepCoreParameters.MaxAbsAngleRad)
                throw new ArgumentOutOfRangeException(nameof(x), x, $"Primary angle at sample {j} (t = {_startTimeS + j / _p.Rate:F3} s) is {x} rad: not a finite angle within ±2π rad (degrees passed as radians?). Mark gap samples invalid instead.");
            if (hasSecondary && (!float.IsFinite(secondary) || MathF.Abs(secondary) > RepCoreParameters.MaxAbsAngleRad))
                throw new ArgumentOutOfRangeException(nameof(secondary), secondary, $"Secondary angle at sample {j} (t = {_startTimeS + j / _p.Rate:F3} s) is {secondary} rad: not a finite angle within ±2π rad.");
        }
        SampleIndex = j + 1;
        RepEvents events = RepEvents.None;

        if (!isValid)
        {
            _segmentOpen = false;
            _stillRun = 0;
            CountVelocityPeak(0f);
            if (_spanOpen) _span.Gap = true;
            if (_plateauOpen) _plateauSpan.Gap = true;
            return events;
        }

        float[] kernel = _p.Kernel;
        int n = kernel.Length;
        if (!_segmentOpen)
        {
            Array.Fill(_history, x);
            if (hasSecondary) Array.Fill(_secondaryHistory, secondary);
            _pos = 0;
        }
        else
        {
            _pos = _pos + 1 == n ? 0 : _pos + 1;
            _history[_pos] = x;
            _history[_pos + n] = x;
            if (hasSecondary)
            {
                _secondaryHistory[_pos] = secondary;
                _secondaryHistory[_pos + n] = secondary;
            }
        }
        float y = Filter(_history, kernel, _pos + n);
        float ys = hasSecondary ? Filter(_secondaryHistory, kernel, _pos + n) : 0f;
        if (!_segmentOpen) { _y1 = y; _y2 = y; _segmentOpen = true; }
        float v = (y - _y2) * _p.VelocityScale;
        _y2 = _y1;
        _y1 = y;
        float speed = MathF.Abs(v);
        bool still = speed < _p.StillRate;
        _stillRun = still ? _stillRun + 1 : 0;
                FilteredAngleRad = y;
        RateRadPerS = v;
        float u = _p.Sign * y;

        StepResult step = _machine.Step(_p, j, u, _stillRun);

        bool peak = _speed1 >= _p.StillRate && _speed1 > _speed2 && _speed1 >= speed; // a local maximum of |rate| at the previous sample
        if ((_spanOpen && (step & StepResult.Low) == 0) || (step & (StepResult.Ended | StepResult.Aborted)) != 0)
            Accumulate(ref _span, peak, j, u, y, speed, still, hasSecondary, ys);
        if ((step & StepResult.PlateauSet) != 0) _spanAtPlateau = _span;
        if (_plateauOpen && (step & StepResult.PlateauLow) == 0 && (_machine.HasPlateau || (step & StepResult.Restarted) != 0))
            Accumulate(ref _plateauSpan, peak, j, u, y, speed, still, hasSecondary, ys);
        else
            _plateauOpen = false;
        _speed2 = _speed1;
        _speed1 = speed;

        if ((step & StepResult.Started) != 0)
        {
            events |= RepEvents.RepStarted;
            _targetSignalled = false;
            _completeLevel = _p.CompleteLevelFor(_machine.RepBase);
            _holdSignalled = false;
        }
        if (_machine.State == RepDetectorState.InRep)
        {
            if (!_targetSignalled && u - _machine.RepBase >= _completeLevel) { _targetSignalled = true; events |= RepEvents.TargetReached; }
            if (!_holdSignalled && _p.HoldReachedSamples > 0 && _span.HoldSamples >= _p.HoldReachedSamples) { _holdSignalled = true; events |= RepEvents.HoldReached; }
        }
        if ((step & StepResult.Ended) != 0)
        {
            if ((step & StepResult.Restarted) != 0) _span = _spanAtPlateau; // the rep ended where the plateau settled
            _span.End = _machine.EndAt;
            _span.Base = _machine.EndBase;
            if (_span.TryBuild(_p, RepsReported, _startTimeS, out Rep rep))
            {
                _lastRep = rep;
                _hasLastRep = true;
                RepsReported++;
                if (rep.Complete) RepsComplete++;
                events |= RepEvents.RepEnded;
            }
            else
            {
                events |= RepEvents.RepDiscarded;
            }
        }
        else if ((step & StepResult.Aborted) != 0)
        {
            events |= RepEvents.RepDiscarded;
        }

        if ((step & StepResult.Low) != 0) _span = OpenSpan(j, u, y, speed, still, hasSecondary, ys, _machine.Baseline);
        else if ((step & StepResult.Restarted) != 0) { _span = _plateauSpan; _spanOpen = true; _plateauOpen = false; }
        else if ((step & (StepResult.Ended | StepResult.Aborted)) != 0) _spanOpen = false;
        if ((step & StepResult.PlateauLow) != 0) { _plateauSpan = OpenSpan(j, u, y, speed, still, hasSecondary, ys, _machine.Plateau); _plateauOpen = true; }
        return events;
    }

    private static float Filter(float[] history, float[] kernel, int newest)
    {
        float acc = kernel[0] * history[newest];
        for (int k = 1; k < kernel.Length; k++) acc = MathF.FusedMultiplyAdd(history[newest - k], kernel[k], acc);
        return acc;
    }

    private RepSpanMetrics OpenSpan(long j, float u, float y, float speed, bool still, bool hasSecondary, float ys, float spanBase)
    {
        _spanOpen = true;
        return new RepSpanMetrics
        {
            Start = j,
            PeakIndex = j,
            Base = spanBase,
            PeakU = u,
            MaxAngle = y,
            MinAngle = y,
            MaxSpeed = speed,
            HoldSamples = still && u - spanBase >= _p.EnterLevel ? 1 : 0,
            HasSecondary = hasSecondary,
            SecondaryMax = ys,
            SecondaryMin = ys,
        };
    }

    private void Accumulate(ref RepSpanMetrics span, bool peak, long j, float u, float y, float speed, bool still, bool hasSecondary, float ys)
    {
        if (peak) span.VelocityPeaks++;
        float b = span.Base; // constant over the span: the baseline only moves at start-pose samples, which reopen the span
        if (u > span.PeakU) { span.PeakU = u; span.PeakIndex = j; }
        if (y > span.MaxAngle) span.MaxAngle = y;
        if (y < span.MinAngle) span.MinAngle = y;
        if (speed > span.MaxSpeed) span.MaxSpeed = speed;
        if (still && u - b >= _p.EnterLevel) span.HoldSamples++;
        if (hasSecondary)
        {
            if (!span.HasSecondary) { span.HasSecondary = true; span.SecondaryMax = ys; span.SecondaryMin = ys; }
            if (ys > span.SecondaryMax) span.SecondaryMax = ys;
            if (ys < span.SecondaryMin) span.SecondaryMin = ys;
        }
    }

    /// <summary>Shifts the speed history; inside an open span counts a local maximum of |rate| at the previous sample.</summary>
    private void CountVelocityPeak(float speed)
    {
        bool peak = _speed1 >= _p.StillRate && _speed1 > _speed2 && _speed1 >= speed;
        if (_spanOpen && peak) _span.VelocityPeaks++;
        if (_plateauOpen && peak) _plateauSpan.VelocityPeaks++;
        _speed2 = _speed1;
        _speed1 = speed;
    }
}
