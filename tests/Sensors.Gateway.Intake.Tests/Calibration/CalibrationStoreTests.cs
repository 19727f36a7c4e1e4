using System;
using System.Linq;
using Microsoft.Data.Sqlite;
using Sensors.Band.Calibration;
using Sensors.Band.Joint;
using Sensors.Gateway.Calibration;
using Sensors.Tests.Shared;
using Xunit;

namespace Sensors.Gateway.Intake.Tests.Calibration;

/// <summary>Factory records (CRC verified), mounting history, reopening, damaged rows, the supervisor's start without calibration.</summary>
public class CalibrationStoreTests
{
    private static CalibrationRecord Record(string serial, float biasX)
    {
        var r = new CalibrationRecord { BandSerial = serial, TechnicianId = "tech-9", CertificateNumber = "C-100", CalibratedAtUnixS = 1_700_000_000 };
        r.Thigh.AccelerometerBiasMPerS2[0] = biasX;
        r.Shank.GyroscopeBiasRadPerS[2] = 0.01f;
        return r;
    }

    private static MountingRecord Mounting(float zero) => new()
    {
        Axis1X = 0, Axis1Y = 1, Axis1Z = 0, Axis2X = 0.1f, Axis2Y = 0.99f, Axis2Z = 0, ZeroOffsetRad = zero, FlexionSign = -1,
        HasAxes = true, HasReferencePose = true, FlexionSignResolved = true,
    };

    [Fact]
    public void Records_and_mounting_history_survive_a_restart()
    {
        using var folder = new TempFolder();
        string db = folder.File("gateway/calibration.db");
        using (SqliteCalibrationStore store = SqliteCalibrationStore.Open(db))
        {
            store.PutFactoryRecord("B-0042", Record("B-0042", 0.1f));
            store.PutFactoryRecord("B-0042", Record("B-0042", 0.2f)); // re-calibrated on the bench
            store.AddMounting("cit-1", "B-0042", "left_knee", Mounting(0.05f), MountingReason.FirstFitting, "s1");
            store.AddMounting("cit-1", "B-0042", "left_knee", Mounting(0.07f), MountingReason.StrapSlipRefit, "s2", slipCount: 1, note: "slip at 312 s");
        }

        using (SqliteCalibrationStore store = SqliteCalibrationStore.Open(db))
        {
            Assert.True(store.TryGetFactoryRecord("B-0042", out FactoryRecordEntry? f));
            Assert.Equal(0.2f, f.Record.Thigh.AccelerometerBiasMPerS2[0]);
            Assert.Equal(CalibrationRecordCodec.RecordBytes, f.Bytes.Length);
            Assert.Equal(Crc32.Compute(f.Bytes, 0, 316), f.Crc32);
            Assert.Equal(2, store.GetFactoryHistory("B-0042").Count);
            Assert.True(store.TryGetMounting("cit-1", "B-0042", "left_knee", out MountingEntry? m));
            Assert.Equal(MountingReason.StrapSlipRefit, m.Reason);
            Assert.Equal(0.07f, m.Mounting.ZeroOffsetRad);
            Assert.Equal(-1f, m.Mounting.FlexionSign);
            Assert.Equal([MountingReason.FirstFitting, MountingReason.StrapSlipRefit], store.GetMountingHistory("cit-1").Select(e => e.Reason));
            Assert.False(store.TryGetMounting("cit-1", "B-0042", "right_knee", out _));
            Assert.Equal(["B-0042"], store.ListBands());
        }
    }

    [Fact]
    public void A_damaged_record_is_refused_and_a_rotten_row_falls_back_to_the_previous_valid_one()
    {
        using var folder = new TempFolder();
        string db = folder.File("calibration.db");
        var bytes = new byte[CalibrationRecordCodec.RecordBytes];
        CalibrationRecordCodec.Encode(Record("B-7", 0.3f), bytes, 0);
        bytes[100] ^= 0x04;
        using (SqliteCalibrationStore store = SqliteCalibrationStore.Open(db))
        {
            var ex = Assert.Throws<CalibrationStoreException>(() => store.PutFactoryRecord("B-7", bytes));
            Assert.Contains("band B-7", ex.Message, StringComparison.Ordinal);
            Assert.Contains("Corrupt", ex.Message, StringComparison.Ordinal);
            Assert.Empty(store.GetFactoryHistory("B-7"));
            store.PutFactoryRecord("B-7", Record("B-7", 0.1f));
            store.PutFactoryRecord("B-7", Record("B-7", 0.2f));
        }

        using (var raw = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            raw.Open();
            using SqliteCommand cmd = raw.CreateCommand();
            cmd.CommandText = "UPDATE factory_record SET record = zeroblob(320) WHERE id = (SELECT MAX(id) FROM factory_record);";
            cmd.ExecuteNonQuery();
        }

        using (SqliteCalibrationStore store = SqliteCalibrationStore.Open(db))
        {
            Assert.True(store.TryGetFactoryRecord("B-7", out FactoryRecordEntry? f));
            Assert.Equal(0.1f, f.Record.Thigh.AccelerometerBiasMPerS2[0]);
            Assert.Contains(store.Problems, p => p.Contains("band B-7", StringComparison.Ordinal) && p.Contains("damaged", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_session_with_a_stored_mounting_starts_without_a_calibration_step()
    {
        using var folder = new TempFolder();
        using SqliteCalibrationStore store = SqliteCalibrationStore.Open(folder.File("c.db"));
        var first = new JointAngleEstimator(new JointAngleSettings());
        var s1 = new MountingSupervisor(store, first, "cit-2", "B-1", "left_knee", "session-1");
        Assert.False(s1.Start());
        Assert.True(s1.NeedsFirstFitting);
        first.LoadMounting(Mounting(0.02f)); // the fitting (here: a known mounting) …
        s1.Observe(10.0);                    // … is stored as the first fitting
        Assert.Equal(MountingReason.FirstFitting, Assert.Single(store.GetMountingHistory()).Reason);

        var second = new JointAngleEstimator(new JointAngleSettings());
        var s2 = new MountingSupervisor(store, second, "cit-2", "B-1", "left_knee", "session-2");
        Assert.True(s2.Start());
        Assert.False(s2.NeedsFirstFitting);
        Assert.Equal(0.02f, second.Mounting.ZeroOffsetRad);
        Assert.True(second.Mounting.HasAxes);
        Assert.DoesNotContain(s2.Log, l => l.Contains("recalibrat", StringComparison.OrdinalIgnoreCase) && !l.Contains("no recalibration", StringComparison.Ordinal));
    }
}
