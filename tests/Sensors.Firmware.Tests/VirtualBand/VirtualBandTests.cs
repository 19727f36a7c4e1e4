using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Sensors.Band.Host;
using Sensors.Band.Imu;
using Sensors.Band.Joint;
using Sensors.Band.Protocol;
using Sensors.Hardware.Devices.Mpu6500;
using Sensors.Hardware.Body;
using Sensors.Hardware.Exercises;
using Sensors.Hardware.Imu;
using Sensors.Hardware.Math;
using Sensors.Hardware.People;
using Xunit;

namespace Sensors.Firmware.Tests.VirtualBand;

public class VirtualBandTests(ITestOutputHelper output)
{
    private const double Deg = 180 / System.Math.PI;
    private const int TicksPerAngle = 1000; // 10 ms in 10 µs ticks

    private static SessionSimulator Session(int seed = 5) => new(
        CitizenProfile.Draw(seed, CitizenArchetype.Healthy),
        [
            new ProgramItem(ExerciseCatalogue.HeelSlide, ExerciseLevel.Medium, 1, 6),
            new ProgramItem(ExerciseCatalogue.LongArcQuad, ExerciseLevel.Easy, 1, 6),
        ],
        100,
        seed);

    private static DecodedFrame Decode(byte[] frame)
    {
        var decoded = new DecodedFrame();
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.TryDecode(frame, 0, frame.Length, decoded));
        return decoded;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Angle_stream_is_consecutive_at_100_Hz_fits_20_bytes_and_carries_the_cores_knee_angle(bool idealCitizen)
    {
        CitizenProfile citizen = idealCitizen ? CitizenProfile.Ideal : CitizenProfile.Draw(5, CitizenArchetype.Healthy);
        var session = new SessionSimulator(citizen,
        [
            new ProgramItem(ExerciseCatalogue.HeelSlide, ExerciseLevel.Medium, 1, 6),
            new ProgramItem(ExerciseCatalogue.LongArcQuad, ExerciseLevel.Easy, 1, 6),
        ], 100, 5);
        var frames = new List<byte[]>();
        var settings = new VirtualBandSettings();
        using var band = new Sensors.Band.Host.VirtualBand(session, new CallbackFrameSink(frames.Add), settings);

        // Reference: the same core estimator fed straight from the IMU error model (same parts and noise seeds, no I2C,
        // no driver, no protocol). The virtual band must deliver exactly what this computes, within the wire's 1e-4 rad.
        var reference = new ReferencePipeline(session, settings);
        var truthByTick = new List<double> { double.NaN };
        var referenceByTick = new List<double> { double.NaN };
        while (band.Step())
        {
            referenceByTick.Add(reference.Step(band.TimeS));
            truthByTick.Add(band.CurrentTruth.KneeFlexionRad);
        }

        long ticks = band.Ticks;
        Assert.True(ticks > 3000, "the session must be long enough to score");
        int angles = 0, statuses = 0;
        ushort? lastSeq = null;
        uint? lastAngleStamp = null;
        double sumBand = 0, sumReference = 0, worst = 0;
        int scored = 0;
        foreach (byte[] frame in frames)
        {
            Assert.True(frame.Length <= ProtocolConstants.DefaultMaxFrameBytes, "every frame fits one 20-byte notification");
            DecodedFrame d = Decode(frame);
            ushort seq;
            if (d.Type == FrameType.Angle)
            {
                seq = d.Angle.Sequence;
                angles++;
                if (lastAngleStamp is { } previous)
                    Assert.Equal(TicksPerAngle, SequenceNumber.TimestampDifferenceTicks(d.Angle.TimestampTicks, previous));
                lastAngleStamp = d.Angle.TimestampTicks;
                // The angle frame of tick k carries band time k·10 ms.
                Assert.Equal(SequenceNumber.TimestampFromMicroseconds(angles * 10_000L), d.Angle.TimestampTicks);
                Assert.Equal(referenceByTick[angles], d.Angle.KneeFlexionRad, 0.5e-4 + 1e-6);
                if (angles * 0.01 >= 30 && (d.Angle.Quality & AngleQuality.FusionSettling) == 0)
                {
                    double e = (d.Angle.KneeFlexionRad - truthByTick[angles]) * Deg;
                    double eRef = (referenceByTick[angles] - truthByTick[angles]) * Deg;
                    sumBand += e * e;
                    sumReference += eRef * eRef;
                    worst = System.Math.Max(worst, System.Math.Abs(e));
                    scored++;
                }
            }
            else
            {
                Assert.Equal(FrameType.Status, d.Type);
                seq = d.Status.Sequence;
                statuses++;
                Assert.Equal(StreamMode.Angles, d.Status.Mode);
                Assert.Equal(BandErrors.None, d.Status.Errors);
                Assert.Equal(SequenceNumber.TimestampFromMicroseconds(angles * 10_000L), d.Status.TimestampTicks); // after the tick's angle
                Assert.Equal(0, angles % 100);
                Assert.InRange(d.Status.TemperatureC, 15, 40);
                Assert.Equal(1, d.Status.FirmwareMinor);
            }

            if (lastSeq is { } last) Assert.Equal(1, SequenceNumber.Difference(seq, last));
            lastSeq = seq;
        }

        Assert.Equal(ticks, angles);
        Assert.Equal(ticks / 100, statuses);
        Assert.True(scored > 0.8 * (ticks - 3000), "the estimator must be valid after its warm-up");
        double rmse = System.Math.Sqrt(sumBand / scored), rmseReference = System.Math.Sqrt(sumReference / scored);
        output.WriteLine($"{(idealCitizen ? "ideal" : "healthy #5")}: {ticks} ticks, {scored} scored after 30 s, knee RMSE {rmse:F2}° " +
            $"(estimator fed directly: {rmseReference:F2}°), max |error| {worst:F1}°");
        // Bound from what the estimator achieves: the band path may add only the wire quantisation (≤ 0.003°).
        Assert.True(rmse <= rmseReference + 0.01, $"knee RMSE {rmse:F3}° vs {rmseReference:F3}° fed directly");
        // Absolute bound against the simulator's truth where the estimator meets the band's target (aligned rigid straps):
        // the firmware issue's 2° flexion RMSE. The misaligned/slipping case is tracked in Joint/SimulatedKneeSessionTests.
        if (idealCitizen) Assert.True(rmse <= 2.0, $"ideal citizen: knee RMSE {rmse:F2}° against the simulator's truth, target ≤ 2°");
    }

    /// <summary>Error model → nominal-sensitivity SI → the core estimator, with the band's parts, seeds, hints and reference pose.</summary>
    private sealed class ReferencePipeline
    {
        private readonly SessionSimulator _session;
        private readonly VirtualBandSettings _settings;
        private readonly SimulatedImu _thigh, _shank;
        private readonly JointAngleEstimator _estimator;
        private readonly float _accelScale = (float)Mpu6500Driver.AccelerationMPerS2PerCountFor(Mpu6500AccelRange.G4);
        private readonly float _rateScale = (float)Mpu6500Driver.RateRadPerSPerCountFor(Mpu6500GyroRange.Dps500);
        private bool _referencePending = true;

        public ReferencePipeline(SessionSimulator session, VirtualBandSettings settings)
        {
            _session = session;
            _settings = settings;
            _thigh = new SimulatedImu(ImuErrorParameters.Draw(settings.ImuErrors!, settings.ImuSeed), settings.ImuSeed, ImuOutputConfig.Band);
            _shank = new SimulatedImu(ImuErrorParameters.Draw(settings.ImuErrors!, settings.ImuSeed + 1), settings.ImuSeed + 1, ImuOutputConfig.Band);
            _estimator = new JointAngleEstimator(new JointAngleSettings());
            CitizenProfile c = session.Citizen;
            Vec3 h1 = BandPlacement.For(BandSite.Thigh, c.Dimensions, c.Side).NominalMounting.RotateInverse(Vec3.UnitY);
            Vec3 h2 = BandPlacement.For(BandSite.Shank, c.Dimensions, c.Side).NominalMounting.RotateInverse(Vec3.UnitY);
            _estimator.Axis.SetAxisHints(h1.X, h1.Y, h1.Z, h2.X, h2.Y, h2.Z);
        }

        public double Step(double tS)
        {
            SessionSample s = _session.SampleAt(tS);
            _thigh.Process(s.Thigh with { TimeS = tS });
            _shank.Process(s.Shank with { TimeS = tS });
            ImuRawSample a = _thigh.LastRaw, b = _shank.LastRaw;
            _estimator.Update(0.01,
                a.Accel.X * _accelScale, a.Accel.Y * _accelScale, a.Accel.Z * _accelScale,
                a.Gyro.X * _rateScale, a.Gyro.Y * _rateScale, a.Gyro.Z * _rateScale,
                b.Accel.X * _accelScale, b.Accel.Y * _accelScale, b.Accel.Z * _accelScale,
                b.Gyro.X * _rateScale, b.Gyro.Y * _rateScale, b.Gyro.Z * _rateScale);
            if (_referencePending && tS >= _settings.ReferencePoseAtS - 1e-9) _referencePending = !_estimator.CaptureReferencePose(s.KneeFlexionRad);
            return _estimator.FlexionRad;
        }
    }

    [Fact]
    public void Raw_mode_sends_the_chips_own_counts_as_thigh_and_shank_frames()
    {
        var frames = new List<byte[]>();
        using var band = new Sensors.Band.Host.VirtualBand(Session(), new CallbackFrameSink(frames.Add), new VirtualBandSettings { Mode = StreamMode.RawImu });
        var thighCounts = new List<short[]>();
        var shankCounts = new List<short[]>();
        for (int k = 0; k < 250; k++)
        {
            Assert.True(band.Step());
            var t = band.ThighImu.LastSample!.Value;
            var s = band.ShankImu.LastSample!.Value;
            thighCounts.Add([t.Accel.X, t.Accel.Y, t.Accel.Z, t.Gyro.X, t.Gyro.Y, t.Gyro.Z]);
            shankCounts.Add([s.Accel.X, s.Accel.Y, s.Accel.Z, s.Gyro.X, s.Gyro.Y, s.Gyro.Z]);
        }

        int raw = 0, status = 0;
        ushort expectedSeq = 0;
        foreach (byte[] frame in frames)
        {
            Assert.True(frame.Length <= 20);
            DecodedFrame d = Decode(frame);
            if (d.Type == FrameType.Status)
            {
                Assert.Equal(expectedSeq++, d.Status.Sequence);
                Assert.Equal(StreamMode.RawImu, d.Status.Mode);
                status++;
                continue;
            }

            Assert.Equal(FrameType.RawImu, d.Type);
            RawImuFrame r = d.RawImu;
            Assert.Equal(expectedSeq++, r.Sequence);
            int tick = raw / 2;
            Assert.Equal(raw % 2, r.ImuIndex);           // thigh (0) then shank (1), same timestamp
            Assert.Equal(RawImuRange.G4Dps500, r.Range);
            Assert.Equal(SequenceNumber.TimestampFromMicroseconds((tick + 1) * 10_000L), r.TimestampTicks);
            short[] truth = r.ImuIndex == 0 ? thighCounts[tick] : shankCounts[tick];
            Assert.Equal(truth, new[] { r.AccX, r.AccY, r.AccZ, r.GyroX, r.GyroY, r.GyroZ });
            raw++;
        }

        Assert.Equal(500, raw);
        Assert.Equal(2, status);
    }

    [Fact]
    public void A_shank_IMU_that_stops_answering_drops_angles_and_is_reported_in_the_status_frame()
    {
        var frames = new List<byte[]>();
        using var band = new Sensors.Band.Host.VirtualBand(Session(), new CallbackFrameSink(frames.Add));
        band.Run(150);
        band.ShankImu.Faults = Mpu6500Fault.NotAnswering;
        band.Run(50); // ticks 151…200: no angles, the status at tick 200 says why
        band.ShankImu.Faults = Mpu6500Fault.None;
        band.Run(100); // ticks 201…300: angles again, the status at 300 is clean

        var statusErrors = new List<BandErrors>();
        int angles = 0;
        ushort? last = null;
        foreach (byte[] frame in frames)
        {
            DecodedFrame d = Decode(frame);
            ushort seq = d.Type == FrameType.Angle ? d.Angle.Sequence : d.Status.Sequence;
            if (last is { } l) Assert.Equal(1, SequenceNumber.Difference(seq, l)); // no gaps: nothing was sent for the lost ticks
            last = seq;
            if (d.Type == FrameType.Angle) angles++;
            else statusErrors.Add(d.Status.Errors);
        }

        Assert.Equal(250, angles);
        Assert.Equal(new[] { BandErrors.None, BandErrors.ShankImuNotResponding, BandErrors.None }, statusErrors);
        Assert.Equal(Sensors.Band.Imu.Mpu6500Error.None, band.ShankDriver.LastError);
        Assert.True(band.ShankDriver.FailedTransactions == 50, "one failed burst read per lost tick");
    }

    [Fact]
    public async Task Channel_transport_delivers_every_frame_of_an_as_fast_as_possible_run()
    {
        var sink = new ChannelFrameSink();
        SessionSimulator session = Session(9);
        using var band = new Sensors.Band.Host.VirtualBand(session, sink);
        var run = Task.Run(async () =>
        {
            await band.RunAsync(realTime: false, TestContext.Current.CancellationToken);
            sink.Complete();
        }, TestContext.Current.CancellationToken);

        int count = 0;
        ushort expected = 0;
        await foreach (byte[] frame in sink.Reader.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            DecodedFrame d = Decode(frame);
            Assert.Equal(expected++, d.Type == FrameType.Angle ? d.Angle.Sequence : d.Status.Sequence);
            count++;
        }

        await run;
        Assert.True(band.Finished);
        Assert.Equal(band.FramesSent, count);
        Assert.Equal(session.SampleCount - 1 + (session.SampleCount - 1) / 100, count);
    }

    [Fact]
    public async Task Real_time_run_stops_when_the_link_cancels_it()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        int angles = 0;
        using var band = new Sensors.Band.Host.VirtualBand(Session(), new CallbackFrameSink(f =>
        {
            if (Decode(f).Type == FrameType.Angle && ++angles == 5) cts.Cancel();
        }));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => band.RunAsync(realTime: true, cts.Token));

        Assert.Equal(5, band.Ticks);
        Assert.Equal(5, angles);
        Assert.False(band.Finished);
    }
}
