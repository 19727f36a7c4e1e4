using System.IO;

namespace Sensors.Band.Calibration
{
    /// <summary>
    /// The band's calibration record on flash, written atomically and read back at boot.
    /// <para>Save: write calib.tmp (flushed) → read it back and verify → if calib.bin is valid: delete calib.bak and rename
    /// calib.bin to calib.bak, else delete calib.bin → rename calib.tmp to calib.bin → read back and verify.
    /// calib.bak keeps the previous valid record until the next save.</para>
    /// <para>Load (boot): calib.bin if valid; else a complete, valid calib.tmp is an interrupted save and is finished;
    /// else calib.bak (<see cref="CalibrationSource.Backup"/>); else identity (<see cref="CalibrationSource.Identity"/>).
    /// Power lost at any point leaves either the old or the new record in use, never a corrupt one.</para>
    /// </summary>
    public sealed class CalibrationStore
    {
        /// <summary>The current record.</summary>
        public const string RecordName = "calib.bin";

        /// <summary>A record being written.</summary>
        public const string TempName = "calib.tmp";

        /// <summary>The previous record.</summary>
        public const string BackupName = "calib.bak";

        private readonly IRecordStorage _storage;
        private readonly byte[] _io = new byte[CalibrationRecordCodec.MaxRecordBytes + 1];
        private readonly byte[] _encoded = new byte[CalibrationRecordCodec.RecordBytes];
        private readonly CalibrationRecord _scratch = new CalibrationRecord();
        private readonly CalibrationRecord _current = new CalibrationRecord();

        /// <summary>Uses <paramref name="storage"/>; call <see cref="Load"/> at boot.</summary>
        public CalibrationStore(IRecordStorage storage)
        {
            _storage = storage;
            RecordState = CalibrationRecordState.Missing;
            Source = CalibrationSource.Identity;
        }

        /// <summary>The calibration in use (identity when <see cref="Source"/> is Identity). Do not modify.</summary>
        public CalibrationRecord Current
        {
            get { return _current; }
        }

        /// <summary>State of calib.bin at the last load or save (reported in status frames).</summary>
        public CalibrationRecordState RecordState { get; private set; }

        /// <summary>Which record <see cref="Current"/> came from.</summary>
        public CalibrationSource Source { get; private set; }

        /// <summary>Boot: selects the record to use and finishes or cleans up an interrupted save.</summary>
        public void Load()
        {
            CalibrationRecordState primary = ReadRecord(RecordName, _scratch);
            if (primary == CalibrationRecordState.Valid)
            {
                Use(_scratch, CalibrationRecordState.Valid, CalibrationSource.Primary);
                TryDelete(TempName);
                return;
            }

            if (ReadRecord(TempName, _scratch) == CalibrationRecordState.Valid && TryPromoteTemp())
            {
                Use(_scratch, CalibrationRecordState.Valid, CalibrationSource.Primary);
                return;
            }

            if (ReadRecord(BackupName, _scratch) == CalibrationRecordState.Valid)
            {
                Use(_scratch, primary, CalibrationSource.Backup);
                return;
            }

            _current.SetIdentity();
            RecordState = primary;
            Source = CalibrationSource.Identity;
        }

        /// <summary>Encodes and saves <paramref name="record"/> atomically.</summary>
        public CalibrationSaveResult Save(CalibrationRecord record)
        {
            CalibrationRecordCodec.Encode(record, _encoded, 0);
            return Save(_encoded, 0, CalibrationRecordCodec.RecordBytes);
        }

        /// <summary>Saves an encoded record (e.g. one received over the command channel) atomically.</summary>
        public CalibrationSaveResult Save(byte[] buffer, int offset, int count)
        {
            if (CalibrationRecordCodec.TryDecode(buffer, offset, count, _scratch) != CalibrationRecordState.Valid)
            {
                return CalibrationSaveResult.RecordInvalid;
            }

            try
            {
                _storage.Write(TempName, buffer, offset, count);
                if (!SameAsStored(TempName, buffer, offset, count))
                {
                    _storage.Delete(TempName);
                    return CalibrationSaveResult.StorageFailure;
                }

                int stored = _storage.Read(RecordName, _io, 0, _io.Length);
                if (stored >= 0 && CalibrationRecordCodec.Validate(_io, 0, stored) == CalibrationRecordState.Valid)
                {
                    _storage.Delete(BackupName);
                    _storage.Rename(RecordName, BackupName);
                }
                else
                {
                    // An invalid calib.bin is no backup: drop it and keep the calib.bak there is.
                    _storage.Delete(RecordName);
                }

                _storage.Rename(TempName, RecordName);
                if (!SameAsStored(RecordName, buffer, offset, count))
                {
                    Load();
                    return CalibrationSaveResult.StorageFailure;
                }
            }
            catch (IOException)
            {
                return CalibrationSaveResult.StorageFailure;
            }

            Use(_scratch, CalibrationRecordState.Valid, CalibrationSource.Primary);
            return CalibrationSaveResult.Saved;
        }

        /// <summary>Writes the stored calib.bin as it is on flash into <paramref name="buffer"/>; returns its length, or −1 when there is no valid one.</summary>
        public int ReadStoredRecord(byte[] buffer, int offset)
        {
            int n = ReadBytes(RecordName);
            if (n < 0 || CalibrationRecordCodec.Validate(_io, 0, n) != CalibrationRecordState.Valid || buffer.Length - offset < n)
            {
                return -1;
            }

            System.Array.Copy(_io, 0, buffer, offset, n);
            return n;
        }

        private void Use(CalibrationRecord record, CalibrationRecordState state, CalibrationSource source)
        {
            _current.CopyFrom(record);
            RecordState = state;
            Source = source;
        }

        private CalibrationRecordState ReadRecord(string name, CalibrationRecord result)
        {
            int n = ReadBytes(name);
            return n < 0 ? CalibrationRecordState.Missing : CalibrationRecordCodec.TryDecode(_io, 0, n, result);
        }

        private int ReadBytes(string name)
        {
            try
            {
                return _storage.Read(name, _io, 0, _io.Length);
            }
            catch (IOException)
            {
                return -1;
            }
        }

        private bool SameAsStored(string name, byte[] buffer, int offset, int count)
        {
            int n = _storage.Read(name, _io, 0, _io.Length);
            if (n != count)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                if (_io[i] != buffer[offset + i])
                {
                    return false;
                }
            }

            return true;
        }

        private bool TryPromoteTemp()
        {
            try
            {
                _storage.Delete(RecordName);
                _storage.Rename(TempName, RecordName);
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }

        private void TryDelete(string name)
        {
            try
            {
                _storage.Delete(name);
            }
            catch (IOException)
            {
                // A stale calib.tmp is harmless: the next save overwrites it and Load ignores it while calib.bin is valid.
            }
        }
    }
}
