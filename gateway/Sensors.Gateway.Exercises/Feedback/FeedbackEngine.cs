using System;
using System.Collections.Generic;
using Sensors.Gateway.Core.Reps;
using Sensors.Gateway.Exercises.Programs;

namespace Sensors.Gateway.Exercises.Feedback;

/// <summary>
/// Turns the streaming joint angle into what the citizen sees and hears, following the program: one
/// <see cref="RepDetector"/> per exercise (settings from <see cref="ExerciseRepSettings"/> with the citizen's baseline);
/// a set is done when its prescribed reps are counted, then the rest runs (samples are not counted), then the next set or
/// exercise starts; <see cref="FeedbackKind.SessionDone"/> after the last. Streaming <see cref="Process"/> and batch
/// <see cref="ApplyTo"/> give the same events (tested). No allocation per sample except the events themselves.
/// The angle stream of one exercise is the exercise's primary angle (knee flexion, or the thigh band's hip angle).
/// </summary>
public sealed class FeedbackEngine
{
    private readonly CitizenProgram _program;
    private readonly CitizenBaseline _baseline;
    private readonly ExerciseCatalogue _catalogue;
    private RepDetector? _detector;
    private Exercise? _exercise;
    private LevelPrescription? _level;
    private long _sample;
    private double _restUntilS = double.NegativeInfinity;
    private double _holdStartS = double.NaN;
    private int _holdLastSecond = -1;

    public FeedbackEngine(CitizenProgram program, CitizenBaseline? baseline = null, FeedbackSettings? settings = null, ExerciseCatalogue? catalogue = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        _catalogue = catalogue ?? ExerciseCatalogue.Default;
        _program = program.Validate(_catalogue);
        _baseline = baseline ?? CitizenBaseline.Default;
        Settings = settings ?? new FeedbackSettings();
        StartItem(0);
    }

    public FeedbackSettings Settings { get; }

    /// <summary>Index of the program item in progress (= item count when the session is done).</summary>
    public int ItemIndex { get; private set; }

    /// <summary>0-based set of the item in progress.</summary>
    public int SetIndex { get; private set; }

    /// <summary>Reps counted in the set in progress.</summary>
    public int RepsInSet { get; private set; }

    /// <summary>True while resting between sets (samples are not counted).</summary>
    public bool Resting => TimeS < _restUntilS;

    public bool SessionDone { get; private set; }

    /// <summary>Time of the last sample, s (sample index / rate).</summary>
    public double TimeS => (_sample - 1) / Settings.SampleRateHz;

    /// <summary>The detector of the exercise in progress (diagnostics).</summary>
    public RepDetector? Detector => _detector;

    /// <summary>Feeds one sample of the primary angle (rad; <paramref name="isValid"/> false for a gap) and appends events to <paramref name="events"/>.</summary>
    public void Process(float angleRad, bool isValid, List<FeedbackEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        _sample++;
        if (SessionDone || _detector is null) return;
        double t = TimeS;
        RepEvents e = _detector.Process(angleRad, isValid);
        if (t < _restUntilS) return;
        ProgramEntry item = _program.Items[ItemIndex];
        string id = item.ExerciseId;
        if ((e & RepEvents.TargetReached) != 0)
        {
            events.Add(new FeedbackEvent(FeedbackKind.TargetReached, t, id, SetIndex, RepsInSet, RepsInSet, item.Reps, false, angleRad));
            _holdStartS = t;
            _holdLastSecond = -1;
        }
        if (!double.IsNaN(_holdStartS) && _detector.State == RepDetectorState.InRep && _level!.HoldS > 0)
        {
            double left = _level.HoldS - (t - _holdStartS);
            int second = (int)Math.Ceiling(Math.Max(0, left));
            if (second != _holdLastSecond)
            {
                _holdLastSecond = second;
                events.Add(new FeedbackEvent(FeedbackKind.Hold, t, id, SetIndex, RepsInSet, RepsInSet, item.Reps, false, second));
                if (second == 0) _holdStartS = double.NaN;
            }
        }
        if ((e & RepEvents.RepEnded) != 0 && _detector.TryGetLastRep(out Rep rep))
        {
            _holdStartS = double.NaN;
            int repIndex = RepsInSet++;
            events.Add(new FeedbackEvent(FeedbackKind.RepCounted, t, id, SetIndex, repIndex, RepsInSet, item.Reps, rep.Complete, rep.PeakFlexionRad));
            if (!rep.Complete)
            {
                events.Add(new FeedbackEvent(FeedbackKind.TargetMissed, t, id, SetIndex, repIndex, RepsInSet, item.Reps, false, rep.ExcursionRad));
                if (_exercise!.PrimaryAngle == PrimaryAngle.KneeFlexion && _level!.Sign < 0)
                    events.Add(new FeedbackEvent(FeedbackKind.StraightenFully, t, id, SetIndex, repIndex, RepsInSet, item.Reps, false, rep.MinFlexionRad));
            }
            if (rep.Has(RepFindings.TooFast)) events.Add(new FeedbackEvent(FeedbackKind.SlowDown, t, id, SetIndex, repIndex, RepsInSet, item.Reps, rep.Complete, rep.PeakS - rep.StartS));
            if (RepsInSet >= item.Reps) EndSet(t, item, events);
        }
    }

    /// <summary>Batch form: the events of a whole angle series (NaN = gap) from a fresh engine state.</summary>
    public static List<FeedbackEvent> ApplyTo(CitizenProgram program, IReadOnlyList<float> angleRad, CitizenBaseline? baseline = null, FeedbackSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(angleRad);
        var engine = new FeedbackEngine(program, baseline, settings);
        var events = new List<FeedbackEvent>();
        for (int i = 0; i < angleRad.Count; i++)
        {
            float a = angleRad[i];
            engine.Process(float.IsNaN(a) ? 0f : a, !float.IsNaN(a), events);
        }
        return events;
    }

    private void EndSet(double t, ProgramEntry item, List<FeedbackEvent> events)
    {
        double rest = Settings.RestOverrideS ?? _level!.RestBetweenSetsS;
        bool lastSet = SetIndex + 1 >= item.Sets;
        bool lastItem = ItemIndex + 1 >= _program.Items.Count;
        events.Add(new FeedbackEvent(FeedbackKind.SetDone, t, item.ExerciseId, SetIndex, RepsInSet - 1, RepsInSet, item.Reps, true, lastSet && lastItem ? 0 : rest));
        RepsInSet = 0;
        if (!lastSet)
        {
            SetIndex++;
            _restUntilS = t + rest;
            return;
        }
        if (lastItem)
        {
            SessionDone = true;
            events.Add(new FeedbackEvent(FeedbackKind.SessionDone, t, item.ExerciseId, SetIndex, -1, 0, item.Reps, true, 0));
            return;
        }
        StartItem(ItemIndex + 1);
        _restUntilS = t + rest;
    }

    private void StartItem(int index)
    {
        ItemIndex = index;
        SetIndex = 0;
        RepsInSet = 0;
        ProgramEntry item = _program.Items[index];
        _exercise = _catalogue.Get(item.ExerciseId);
        _level = _exercise.Level(item.LevelValue);
        _detector = new RepDetector(ExerciseRepSettings.For(_exercise, item.LevelValue, _baseline, Settings.SampleRateHz), 0);
        _holdStartS = double.NaN;
    }
}
