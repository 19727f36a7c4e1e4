namespace Sensors.Band.Calibration
{
    /// <summary>
    /// The band's factory calibration record: who calibrated which band when, and one <see cref="ImuCalibration"/> per
    /// IMU (index 0 thigh, 1 shank). Stored as calib.bin by <see cref="CalibrationStore"/>; byte layout in
    /// <see cref="CalibrationRecordCodec"/> and Calibration/README.md.
    /// </summary>
    public sealed class CalibrationRecord
    {
        /// <summary>Number of IMUs on a band.</summary>
        public const int ImuCount = 2;

        /// <summary>Longest serial / technician id / certificate number (ASCII 0x20–0x7E).</summary>
        public const int MaxTextLength = 16;

        private readonly ImuCalibration[] _imus;

        /// <summary>Creates an identity record (no serial, time 0).</summary>
        public CalibrationRecord()
        {
            _imus = new ImuCalibration[ImuCount];
            for (int i = 0; i < ImuCount; i++)
            {
                _imus[i] = new ImuCalibration();
            }

            SetIdentity();
        }

        /// <summary>Band serial number (up to 16 ASCII characters).</summary>
        public string BandSerial { get; set; }

        /// <summary>Technician who ran the bench calibration (up to 16 ASCII characters).</summary>
        public string TechnicianId { get; set; }

        /// <summary>Calibration certificate number (up to 16 ASCII characters).</summary>
        public string CertificateNumber { get; set; }

        /// <summary>When the calibration was made, Unix seconds (UTC).</summary>
        public long CalibratedAtUnixS { get; set; }

        /// <summary>Thigh (proximal) IMU, index 0.</summary>
        public ImuCalibration Thigh
        {
            get { return _imus[0]; }
        }

        /// <summary>Shank (distal) IMU, index 1.</summary>
        public ImuCalibration Shank
        {
            get { return _imus[1]; }
        }

        /// <summary>IMU <paramref name="index"/> (0 thigh, 1 shank).</summary>
        public ImuCalibration GetImu(int index)
        {
            return _imus[index];
        }

        /// <summary>Identity calibration for both IMUs, empty texts, time 0.</summary>
        public void SetIdentity()
        {
            BandSerial = string.Empty;
            TechnicianId = string.Empty;
            CertificateNumber = string.Empty;
            CalibratedAtUnixS = 0;
            for (int i = 0; i < ImuCount; i++)
            {
                _imus[i].SetIdentity();
            }
        }

        /// <summary>Copies every value of <paramref name="other"/>.</summary>
        public void CopyFrom(CalibrationRecord other)
        {
            BandSerial = other.BandSerial;
            TechnicianId = other.TechnicianId;
            CertificateNumber = other.CertificateNumber;
            CalibratedAtUnixS = other.CalibratedAtUnixS;
            for (int i = 0; i < ImuCount; i++)
            {
                _imus[i].CopyFrom(other._imus[i]);
            }
        }
    }
}
