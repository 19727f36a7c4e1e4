using Sensors.Tests.Shared;
using System;
using System.IO;
using Sensors.Band.Calibration;
using Xunit;

namespace Sensors.Firmware.Tests.Calibration;

/// <summary>
/// The record on "flash" (a temporary host directory through <see cref="FileRecordStorage"/>): atomic save, boot-time
/// read-back with fallback, and power loss at every step of a save.
/// </summary>
public sealed class CalibrationStoreTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static byte[] Bytes(CalibrationRecord r)
    {
        var b = new byte[CalibrationRecordCodec.RecordBytes];
        CalibrationRecordCodec.Encode(r, b, 0);
        return b;
    }

    private CalibrationStore Boot(IRecordStorage? storage = null)
    {
        var store = new CalibrationStore(storage ?? new FileRecordStorage(_dir.Path));
        store.Load();
        return store;
    }

    private string FileOf(string name) => Path.Combine(_dir.Path, name);

    [Fact]
    public void A_new_band_boots_with_identity_and_reports_the_record_missing()
    {
        CalibrationStore store = Boot();
        Assert.Equal(CalibrationSource.Identity, store.Source);
        Assert.Equal(CalibrationRecordState.Missing, store.RecordState);
        Assert.Equal(1f, store.Current.Thigh.AccelerometerMatrix[0]);
    }

    [Fact]
    public void Saved_record_is_read_back_after_reboot_and_the_previous_one_kept_as_backup()
    {
        CalibrationRecord first = CalibrationSamples.Record(1), second = CalibrationSamples.Record(2);
        CalibrationStore store = Boot();
        Assert.Equal(CalibrationSaveResult.Saved, store.Save(first));
        Assert.Equal(CalibrationSaveResult.Saved, store.Save(second));
        Assert.Equal(Bytes(second), Bytes(store.Current));

        CalibrationStore rebooted = Boot();
        Assert.Equal(CalibrationSource.Primary, rebooted.Source);
        Assert.Equal(CalibrationRecordState.Valid, rebooted.RecordState);
        Assert.Equal(Bytes(second), Bytes(rebooted.Current));
        Assert.Equal(Bytes(second), File.ReadAllBytes(FileOf(CalibrationStore.RecordName)));
        Assert.Equal(Bytes(first), File.ReadAllBytes(FileOf(CalibrationStore.BackupName)));
        Assert.False(File.Exists(FileOf(CalibrationStore.TempName)));
    }

    [Theory]
    [InlineData("corrupt", CalibrationRecordState.Corrupt)]
    [InlineData("truncated", CalibrationRecordState.Truncated)]
    [InlineData("version", CalibrationRecordState.WrongVersion)]
    [InlineData("deleted", CalibrationRecordState.Missing)]
    public void A_bad_primary_is_reported_and_never_used_the_backup_is(string damage, CalibrationRecordState expected)
    {
        CalibrationRecord first = CalibrationSamples.Record(3), second = CalibrationSamples.Record(4);
        CalibrationStore store = Boot();
        store.Save(first);
        store.Save(second);
        Damage(FileOf(CalibrationStore.RecordName), damage);

        CalibrationStore rebooted = Boot();
        Assert.Equal(expected, rebooted.RecordState);
        Assert.Equal(CalibrationSource.Backup, rebooted.Source);
        Assert.Equal(Bytes(first), Bytes(rebooted.Current));
    }

    [Fact]
    public void With_primary_and_backup_bad_the_band_falls_back_to_identity_and_says_why()
    {
        CalibrationStore store = Boot();
        store.Save(CalibrationSamples.Record(5));
        store.Save(CalibrationSamples.Record(6));
        Damage(FileOf(CalibrationStore.RecordName), "corrupt");
        Damage(FileOf(CalibrationStore.BackupName), "truncated");

        CalibrationStore rebooted = Boot();
        Assert.Equal(CalibrationSource.Identity, rebooted.Source);
        Assert.Equal(CalibrationRecordState.Corrupt, rebooted.RecordState);
        Assert.Equal(0f, rebooted.Current.Shank.GyroscopeBiasRadPerS[2]);
        Assert.Equal(string.Empty, rebooted.Current.BandSerial);
    }

    [Fact]
    public void Invalid_bytes_are_refused_without_touching_flash()
    {
        CalibrationStore store = Boot();
        store.Save(CalibrationSamples.Record(7));
        byte[] bad = Bytes(CalibrationSamples.Record(8));
        bad[100] ^= 4;
        Assert.Equal(CalibrationSaveResult.RecordInvalid, store.Save(bad, 0, bad.Length));
        Assert.Equal(Bytes(CalibrationSamples.Record(7)), Bytes(Boot().Current));
        Assert.False(File.Exists(FileOf(CalibrationStore.BackupName)));
    }

    [Fact]
    public void Flash_that_corrupts_the_temporary_file_is_caught_by_read_back_and_the_old_record_stays()
    {
        var storage = new FaultInjectingStorage(new FileRecordStorage(_dir.Path));
        CalibrationStore store = Boot(storage);
        store.Save(CalibrationSamples.Record(9));
        storage.CorruptWritesTo = CalibrationStore.TempName;
        Assert.Equal(CalibrationSaveResult.StorageFailure, store.Save(CalibrationSamples.Record(10)));
        Assert.Equal(Bytes(CalibrationSamples.Record(9)), Bytes(store.Current));
        Assert.Equal(Bytes(CalibrationSamples.Record(9)), Bytes(Boot().Current));
    }

    [Theory]
    [InlineData(false)]   // first save on a new band: old = identity
    [InlineData(true)]    // replacing an existing record
    public void Power_loss_at_every_step_leaves_the_old_or_the_new_record_never_a_corrupt_one(bool hadRecord)
    {
        CalibrationRecord oldRecord = CalibrationSamples.Record(11), newRecord = CalibrationSamples.Record(12);
        byte[] oldBytes = Bytes(oldRecord), newBytes = Bytes(newRecord);

        // Count the mutating steps of an uninterrupted save.
        int steps = CountSteps(hadRecord, oldRecord, newRecord);
        Assert.InRange(steps, 2, 10);

        int sawOld = 0, sawNew = 0;
        for (int step = 0; step <= steps; step++)
        {
            foreach (int torn in new[] { 0, 1, 7, 8, 160, 316, 319, 320 })
            {
                using var dir = new TempFolder();
                var disk = new FileRecordStorage(dir.Path);
                if (hadRecord)
                {
                    var setup = new CalibrationStore(disk);
                    setup.Load();
                    Assert.Equal(CalibrationSaveResult.Saved, setup.Save(oldRecord));
                }

                var faulty = new FaultInjectingStorage(disk) { TornWriteBytes = torn };
                var store = new CalibrationStore(faulty);
                store.Load();
                faulty.FailAtStep = faulty.Steps + step;
                CalibrationSaveResult result = store.Save(newRecord);
                Assert.True(step == steps ? result == CalibrationSaveResult.Saved : result == CalibrationSaveResult.StorageFailure);

                // Reboot on the same flash (power back): the record in use is the old or the new one, never anything else.
                var rebooted = new CalibrationStore(disk);
                rebooted.Load();
                byte[] used = Bytes(rebooted.Current);
                if (hadRecord)
                {
                    Assert.NotEqual(CalibrationSource.Identity, rebooted.Source);
                    Assert.True(used.AsSpan().SequenceEqual(oldBytes) || used.AsSpan().SequenceEqual(newBytes), $"step {step}, torn {torn}");
                    if (used.AsSpan().SequenceEqual(oldBytes)) sawOld++; else sawNew++;
                }
                else if (rebooted.Source == CalibrationSource.Identity)
                {
                    sawOld++;
                    Assert.Equal(Bytes(new CalibrationRecord()), used);
                }
                else
                {
                    sawNew++;
                    Assert.Equal(newBytes, used);
                }

                if (step == steps) Assert.Equal(newBytes, used);

                // A second boot agrees with the first (recovery is idempotent), and a later save still works.
                var again = new CalibrationStore(disk);
                again.Load();
                Assert.Equal(used, Bytes(again.Current));
                Assert.Equal(CalibrationSaveResult.Saved, again.Save(newRecord));
            }
        }

        Assert.True(sawOld > 0 && sawNew > 0);
    }

    private static int CountSteps(bool hadRecord, CalibrationRecord oldRecord, CalibrationRecord newRecord)
    {
        using var dir = new TempFolder();
        var disk = new FileRecordStorage(dir.Path);
        if (hadRecord)
        {
            var setup = new CalibrationStore(disk);
            setup.Load();
            setup.Save(oldRecord);
        }

        var counting = new FaultInjectingStorage(disk);
        var store = new CalibrationStore(counting);
        store.Load();
        int before = counting.Steps;
        Assert.Equal(CalibrationSaveResult.Saved, store.Save(newRecord));
        return counting.Steps - before;
    }

    private static void Damage(string path, string how)
    {
        byte[] b = File.ReadAllBytes(path);
        switch (how)
        {
            case "corrupt":
                b[150] ^= 0x20;
                File.WriteAllBytes(path, b);
                break;
            case "truncated":
                File.WriteAllBytes(path, b[..200]);
                break;
            case "version":
                b[4] = 9;
                BitConverter.TryWriteBytes(b.AsSpan(316), Crc32.Compute(b, 0, 316));
                File.WriteAllBytes(path, b);
                break;
            default:
                File.Delete(path);
                break;
        }
    }
}
