using System;
using Sensors.Band.Fusion;
using Sensors.Band.Maths;

namespace Sensors.Gateway.Exercises.Estimation;

/// <summary>
/// Hip flexion or hip abduction from the thigh band alone (supine exercises: the pelvis lies still on the bed).
/// <list type="number">
/// <item>The thigh pod's orientation comes from the band core's 6D <see cref="OrientationFilter"/> (gyro bias at rest).</item>
/// <item>The movement axis (pod frame) starts as the hint (nominal placement's hip axis: flexion about −y, abduction about
/// −x of the thigh segment, mapped into the pod) and is learned from the reps: the sign-aligned sum of the thigh's rotation
/// over 0.5 s spans (longer than soft-tissue wobble), so strap misalignment does not shrink the angle.</item>
/// <item>The angle integrates the bias-corrected rate about the axis; while the axis is horizontal (straight-leg raise) it is
/// pulled (τ 0.3 s) to the gravity angle: the turn of "up" in the plane ⟂ axis since the reference pose, so heading drift of
/// a 6D filter cannot enter. A vertical axis (supine abduction) is gyro only: it drifts at the residual bias rate
/// (≈ 0.02 °/s measured), which the rep core's still-baseline absorbs.</item>
/// </list>
/// </summary>
public sealed class HipAngleEstimator
{
    private readonly OrientationFilter _filter;
    private readonly RestDetector _rest;
    private readonly QuaternionF[] _history;
    private int _historyCount, _historyNext;
    private double _gRefX, _gRefY, _gRefZ;
    private double _refAngleRad;
    private double _hx = 1, _hy, _hz;
    private double _ax, _ay, _az, _evidence;
    private double _dtMeanS = 0.01;
    private double _verticalSign = 1;

    public HipAngleEstimator(HipAngleSettings? settings = null)
    {
        Settings = settings ?? new HipAngleSettings();
        _filter = new OrientationFilter(new OrientationSettings { BiasClipDegPerS = Settings.BiasClipDegPerS });
        _history = new QuaternionF[256];
        _rest = new RestDetector(Settings.RestFilterTauS, 0.01, Settings.RestThresholdGyrDegPerS * Math.PI / 180,
            Settings.RestThresholdAccMPerS2, Settings.RestMinTimeS, Settings.BiasClipDegPerS * Math.PI / 180);
    }

    /// <summary>The thigh's rest detector of the vertical-axis mode (diagnostics).</summary>
    public RestDetector Rest => _rest;

    /// <summary>Residual gyro bias about the vertical axis learnt at rest, rad/s (vertical-axis mode; diagnostics).</summary>
    public double AxisBiasRadPerS { get; private set; }

    /// <summary>True while the vertical-axis angle is held (the thigh rests); diagnostics.</summary>
    public bool IsResting { get; private set; }

    public HipAngleSettings Settings { get; }

    /// <summary>The thigh pod's orientation filter (diagnostics).</summary>
    public OrientationFilter Filter => _filter;

    /// <summary>True once a reference pose was taken: an angle is available.</summary>
    public bool IsValid { get; private set; }

    /// <summary>The hip angle, rad (flexion / abduction positive).</summary>
    public double AngleRad { get; private set; }

    /// <summary>The gravity angle (NaN while the axis is too vertical), rad (diagnostics).</summary>
    public double GravityAngleRad { get; private set; } = double.NaN;

    /// <summary>|up × axis|: how much gravity says about the angle (0 = vertical axis).</summary>
    public double GravityWeight { get; private set; }

    /// <summary>The movement axis in use (pod frame, unit): ±up while <see cref="VerticalAxis"/>, else the hint until enough movement was seen.</summary>
    public (double X, double Y, double Z) Axis => VerticalAxis ? Scaled(Up(), _verticalSign) : AxisLearned ? Normalized(_ax, _ay, _az) : (_hx, _hy, _hz);

    /// <summary>
    /// True when the hint was within <see cref="HipAngleSettings.VerticalAxisMaxTiltRad"/> of vertical at the reference pose
    /// (supine abduction: the leg slides on the bed about the earth's vertical). The axis is then "up" itself, taken from the
    /// 6D filter every sample, so strap misalignment needs no learning; gravity says nothing about a turn about up, so the
    /// angle is gyro only (bias from the filter's rest detector).
    /// </summary>
    public bool VerticalAxis { get; private set; }

    /// <summary>True once the axis is learned from movement.</summary>
    public bool AxisLearned => _evidence >= Settings.AxisEvidenceRad;

    /// <summary>The hip axis in the pod frame for the nominal placement, oriented so that a positive rotation is flexion/abduction.</summary>
    public void SetAxisHint(double x, double y, double z) => (_hx, _hy, _hz) = Normalized(x, y, z);

    /// <summary>Reference pose: the citizen is still in the start posture and the hip angle is <paramref name="knownAngleRad"/>.</summary>
    public bool CaptureReference(double knownAngleRad = 0.0)
    {
        if (!_filter.IsStarted) return false;
        (_gRefX, _gRefY, _gRefZ) = Up();
        double along = _gRefX * _hx + _gRefY * _hy + _gRefZ * _hz;
        VerticalAxis = Math.Abs(along) >= Math.Cos(Settings.VerticalAxisMaxTiltRad);
        if (_dtMeanS > 0) _rest.Configure(Settings.RestFilterTauS, _dtMeanS, Settings.RestThresholdGyrDegPerS * Math.PI / 180,
            Settings.RestThresholdAccMPerS2, Settings.RestMinTimeS, Settings.BiasClipDegPerS * Math.PI / 180);
        _verticalSign = along >= 0 ? 1 : -1;
        _refAngleRad = knownAngleRad;
        AngleRad = knownAngleRad;
        IsValid = true;
        return true;
    }

    /// <summary>Feeds one thigh sample: accelerometer m/s², gyro rad/s (pod axes), dtS after the previous one.</summary>
    public void Update(double dtS, float ax, float ay, float az, float gx, float gy, float gz)
    {
        _filter.Update6D(gx, gy, gz, ax, ay, az, (float)dtS);
        if (dtS > 0) _dtMeanS += 0.01 * (dtS - _dtMeanS);
        QuaternionF q = _filter.Orientation6D;
        LearnAxis(q);
        if (!IsValid) return;

        (double jx, double jy, double jz) = Axis;
        Vector3F b = _filter.GyroBiasRadPerS;
        double rate = (gx - b.X) * jx + (gy - b.Y) * jy + (gz - b.Z) * jz;
        if (VerticalAxis)
        {
            // Gyro only about "up": the residual bias about the axis is learnt while the thigh rests (between reps and in
            // holds) and the angle is held there, so neither the 6D filter's bias error nor its drift piles up over a set.
            _rest.Update(gx, gy, gz, ax, ay, az, dtS);
            double lpRate = (_rest.GyrLpX - b.X) * jx + (_rest.GyrLpY - b.Y) * jy + (_rest.GyrLpZ - b.Z) * jz;
            IsResting = _rest.IsRest && Math.Abs(lpRate - AxisBiasRadPerS) <= Settings.RestMaxAxisRateDegPerS * Math.PI / 180;
            if (IsResting)
            {
                AxisBiasRadPerS += Math.Min(1.0, dtS / Settings.AxisBiasTauS) * (lpRate - AxisBiasRadPerS);
                rate = 0;
            }
            else
            {
                rate -= AxisBiasRadPerS;
            }
        }
        double angle = AngleRad + rate * dtS;

        (double ux, double uy, double uz) = Up();
        double cx = uy * jz - uz * jy, cy = uz * jx - ux * jz, cz = ux * jy - uy * jx;
        GravityWeight = Math.Sqrt(cx * cx + cy * cy + cz * cz);
        if (!VerticalAxis && GravityWeight >= Settings.MinGravityWeight)
        {
            // Signed turn of up (pod frame) from the reference about the axis, in the plane ⟂ axis; the pod turns the other way.
            double rx = _gRefX - (_gRefX * jx + _gRefY * jy + _gRefZ * jz) * jx;
            double ry = _gRefY - (_gRefX * jx + _gRefY * jy + _gRefZ * jz) * jy;
            double rz = _gRefZ - (_gRefX * jx + _gRefY * jy + _gRefZ * jz) * jz;
            double px = ux - (ux * jx + uy * jy + uz * jz) * jx;
            double py = uy - (ux * jx + uy * jy + uz * jz) * jy;
            double pz = uz - (ux * jx + uy * jy + uz * jz) * jz;
            double crossAxis = jx * (ry * pz - rz * py) + jy * (rz * px - rx * pz) + jz * (rx * py - ry * px);
            double dot = rx * px + ry * py + rz * pz;
            GravityAngleRad = _refAngleRad - Math.Atan2(crossAxis, dot);
            double k = Math.Min(1.0, dtS / Settings.GravityTauS);
            angle += k * (GravityAngleRad - angle);
        }
        else
        {
            GravityAngleRad = double.NaN;
        }
        AngleRad = angle;
    }

    private void LearnAxis(QuaternionF q)
    {
        int span = Math.Clamp((int)Math.Round(Settings.AxisSpanS / Math.Max(1e-4, _dtMeanS)), 1, _history.Length - 1);
        if (_historyCount > span)
        {
            QuaternionF old = _history[(_historyNext - span + _history.Length) % _history.Length];
            QuaternionF rel = QuaternionF.Multiply(QuaternionF.Conjugate(old), q);
            double w = rel.W, x = rel.X, y = rel.Y, z = rel.Z;
            if (w < 0) { w = -w; x = -x; y = -y; z = -z; }
            double s = Math.Sqrt(x * x + y * y + z * z);
            double angle = 2 * Math.Atan2(s, w);
            if (angle >= Settings.AxisLearnMinRad && s > 0)
            {
                double sign = x * _hx + y * _hy + z * _hz >= 0 ? 1 : -1;
                _ax += sign * x / s * angle; _ay += sign * y / s * angle; _az += sign * z / s * angle;
                _evidence += angle;
            }
        }
        _history[_historyNext] = q;
        _historyNext = (_historyNext + 1) % _history.Length;
        if (_historyCount < _history.Length) _historyCount++;
    }

    /// <summary>Up (earth +z) in pod axes from the 6D orientation.</summary>
    private (double X, double Y, double Z) Up()
    {
        Vector3F u = QuaternionF.Rotate(QuaternionF.Conjugate(_filter.Orientation6D), new Vector3F(0f, 0f, 1f));
        return Normalized(u.X, u.Y, u.Z);
    }

    /// <summary>Cold again (no reference, axis back to the hint).</summary>
    public void Reset()
    {
        _filter.Reset();
        IsValid = false;
        VerticalAxis = false;
        IsResting = false;
        AxisBiasRadPerS = 0;
        _rest.Reset();
        AngleRad = 0;
        _ax = _ay = _az = _evidence = 0;
        _historyCount = _historyNext = 0;
    }

    private static (double, double, double) Scaled((double X, double Y, double Z) v, double k) => (v.X * k, v.Y * k, v.Z * k);

    private static (double, double, double) Normalized(double x, double y, double z)
    {
        double n = Math.Sqrt(x * x + y * y + z * z);
        return n > 0 ? (x / n, y / n, z / n) : (1, 0, 0);
    }
}
