using System;
using System.Collections.Generic;
using System.Globalization;
using Sensors.Band.Joint;

namespace Sensors.Gateway.Calibration;

/// <summary>
/// Keeps one session's mounting calibration in the store, next to the joint-angle core (on the band or gateway-side):
/// <list type="bullet">
/// <item><see cref="Start"/>: the stored mounting for citizen + band + placement is loaded into the estimator, so the
/// session starts without any calibration step; only a citizen/band/placement never seen needs the first fitting
/// (<see cref="NeedsFirstFitting"/>).</item>
/// <item><see cref="Observe"/> after each estimator update: the first axes are stored (FirstFitting); a detected strap slip
/// (the estimator's <c>SlipCount</c> grew) is logged and, after <see cref="MountingSupervisorSettings.SlipRefitDelayS"/> of
/// movement, the re-fitted mounting is stored (StrapSlipRefit); axes refined by more than the threshold are stored
/// (Refined). The citizen is never asked to recalibrate.</item>
/// <item><see cref="End"/>: the latest mounting is stored (SessionEnd) if it differs from the last row.</item>
/// </list>
/// </summary>
public sealed class MountingSupervisor
{
    private readonly SqliteCalibrationStore _store;
    private readonly JointAngleEstimator _estimator;
    private readonly MountingSupervisorSettings _settings;
    private readonly MountingRecord _stored = new();
    private readonly List<string> _log = [];
    private bool _hasStored;
    private int _lastSlipCount;
    private double _slipAtS = double.NaN;
    private double _lastRefineS = double.NegativeInfinity;

    public MountingSupervisor(SqliteCalibrationStore store, JointAngleEstimator estimator, string citizenId, string bandId, string placement,
        string? sessionId = null, MountingSupervisorSettings? settings = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _estimator = estimator ?? throw new ArgumentNullException(nameof(estimator));
        CitizenId = citizenId;
        BandId = bandId;
        Placement = placement;
        SessionId = sessionId;
        _settings = settings ?? new MountingSupervisorSettings();
    }

    /// <summary>Pseudonymous citizen id.</summary>
    public string CitizenId { get; }

    /// <summary>The band.</summary>
    public string BandId { get; }

    /// <summary>Placement (e.g. left_knee).</summary>
    public string Placement { get; }

    /// <summary>The session (written into each row).</summary>
    public string? SessionId { get; }

    /// <summary>True when no stored mounting existed at <see cref="Start"/>: the first fitting happens in this session.</summary>
    public bool NeedsFirstFitting { get; private set; }

    /// <summary>Strap slips detected in this session.</summary>
    public int SlipsDetected { get; private set; }

    /// <summary>Rows written in this session.</summary>
    public int RowsWritten { get; private set; }

    /// <summary>What happened, one line per event (for the session log).</summary>
    public IReadOnlyList<string> Log => _log;

    /// <summary>Loads the stored mounting into the estimator; false (first fitting needed) when none exists.</summary>
    public bool Start()
    {
        _lastSlipCount = _estimator.SlipCount;
        if (_store.TryGetMounting(CitizenId, BandId, Placement, out MountingEntry? entry))
        {
            _estimator.LoadMounting(entry.Mounting);
            _stored.CopyFrom(entry.Mounting);
            _hasStored = true;
            NeedsFirstFitting = false;
            Add($"mounting loaded from the store (row {entry.Id}, {entry.Reason}); no calibration step needed.");
            return true;
        }

        NeedsFirstFitting = true;
        Add("no stored mounting for this citizen, band and placement: first fitting in this session.");
        return false;
    }

    /// <summary>Call after each estimator update with the session time, s.</summary>
    public void Observe(double timeS)
    {
        MountingRecord m = _estimator.Mounting;
        if (_estimator.SlipCount > _lastSlipCount)
        {
            SlipsDetected += _estimator.SlipCount - _lastSlipCount;
            _lastSlipCount = _estimator.SlipCount;
            _slipAtS = timeS;
            Add(string.Create(CultureInfo.InvariantCulture, $"{timeS:0.0} s: strap slip detected; re-fitting the mounting from movement (no recalibration needed)."));
        }

        if (!m.HasAxes) return;
        if (!_hasStored)
        {
            Store(MountingReason.FirstFitting, timeS, "first axes from movement");
            return;
        }

        if (!double.IsNaN(_slipAtS))
        {
            if (timeS - _slipAtS >= _settings.SlipRefitDelayS)
            {
                Store(MountingReason.StrapSlipRefit, timeS, string.Create(CultureInfo.InvariantCulture, $"slip at {_slipAtS:0.0} s, axes moved {AxisChangeDeg(m):0.0}°"));
                _slipAtS = double.NaN;
            }

            return;
        }

        double change = AxisChangeDeg(m);
        if (change > _settings.RefineThresholdDeg && timeS - _lastRefineS >= _settings.MinRefineIntervalS)
        {
            _lastRefineS = timeS;
            Store(MountingReason.Refined, timeS, string.Create(CultureInfo.InvariantCulture, $"axes moved {change:0.0}°"));
        }
    }

    /// <summary>End of session: stores the latest mounting when it differs from the stored one.</summary>
    public void End(double timeS)
    {
        MountingRecord m = _estimator.Mounting;
        if (!m.HasAxes) return;
        if (!_hasStored || AxisChangeDeg(m) > 0.5 || Math.Abs(m.ZeroOffsetRad - _stored.ZeroOffsetRad) > 0.005 || m.FlexionSign != _stored.FlexionSign)
            Store(MountingReason.SessionEnd, timeS, "latest estimate at session end");
    }

    private void Store(MountingReason reason, double timeS, string note)
    {
        MountingEntry e = _store.AddMounting(CitizenId, BandId, Placement, _estimator.Mounting, reason, SessionId, _estimator.SlipCount, note);
        _stored.CopyFrom(_estimator.Mounting);
        _hasStored = true;
        RowsWritten++;
        Add(string.Create(CultureInfo.InvariantCulture, $"{timeS:0.0} s: mounting stored (row {e.Id}, {reason}: {note})."));
    }

    private double AxisChangeDeg(MountingRecord m) => Math.Max(
        Angle(m.Axis1X, m.Axis1Y, m.Axis1Z, _stored.Axis1X, _stored.Axis1Y, _stored.Axis1Z),
        Angle(m.Axis2X, m.Axis2Y, m.Axis2Z, _stored.Axis2X, _stored.Axis2Y, _stored.Axis2Z));

    private static double Angle(double ax, double ay, double az, double bx, double by, double bz)
    {
        double na = Math.Sqrt(ax * ax + ay * ay + az * az), nb = Math.Sqrt(bx * bx + by * by + bz * bz);
        if (na < 1e-9 || nb < 1e-9) return 180.0;
        double c = Math.Clamp((ax * bx + ay * by + az * bz) / (na * nb), -1.0, 1.0);
        return Math.Acos(c) * 180.0 / Math.PI;
    }

    private void Add(string line) => _log.Add($"band {BandId}: {line}");
}
