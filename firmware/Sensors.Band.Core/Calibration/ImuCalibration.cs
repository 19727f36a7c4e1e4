namespace Sensors.Band.Calibration
{
    /// <summary>
    /// Factory (bench) calibration of one 6-axis IMU: per sensor a bias at the reference temperature, its temperature
    /// coefficient, and a scale/misalignment matrix M (row-major). See <see cref="CalibrationModel"/> for the formula.
    /// The arrays are owned by the instance; edit them in place.
    /// </summary>
    public sealed class ImuCalibration
    {
        /// <summary>Number of floats one IMU takes in the record (3 + 9 + 3 + 9 + 3 + 3 + 1).</summary>
        public const int FloatCount = 31;

        /// <summary>Creates an identity calibration.</summary>
        public ImuCalibration()
        {
            AccelerometerBiasMPerS2 = new float[3];
            AccelerometerMatrix = new float[9];
            GyroscopeBiasRadPerS = new float[3];
            GyroscopeMatrix = new float[9];
            AccelerometerBiasTempCoefMPerS2PerC = new float[3];
            GyroscopeBiasTempCoefRadPerSPerC = new float[3];
            SetIdentity();
        }

        /// <summary>Accelerometer bias b₀ at the reference temperature, m/s² (x, y, z).</summary>
        public float[] AccelerometerBiasMPerS2 { get; private set; }

        /// <summary>Accelerometer scale/misalignment M, 3×3 row-major (dimensionless).</summary>
        public float[] AccelerometerMatrix { get; private set; }

        /// <summary>Gyroscope bias b₀ at the reference temperature, rad/s (x, y, z).</summary>
        public float[] GyroscopeBiasRadPerS { get; private set; }

        /// <summary>Gyroscope scale/misalignment M, 3×3 row-major (dimensionless).</summary>
        public float[] GyroscopeMatrix { get; private set; }

        /// <summary>Accelerometer bias temperature coefficient, m/s² per °C (x, y, z).</summary>
        public float[] AccelerometerBiasTempCoefMPerS2PerC { get; private set; }

        /// <summary>Gyroscope bias temperature coefficient, rad/s per °C (x, y, z).</summary>
        public float[] GyroscopeBiasTempCoefRadPerSPerC { get; private set; }

        /// <summary>Temperature at which the biases were measured, °C.</summary>
        public float ReferenceTemperatureC { get; set; }

        /// <summary>M = I, biases and coefficients 0, reference 25 °C: raw values pass through unchanged.</summary>
        public void SetIdentity()
        {
            for (int i = 0; i < 3; i++)
            {
                AccelerometerBiasMPerS2[i] = 0f;
                GyroscopeBiasRadPerS[i] = 0f;
                AccelerometerBiasTempCoefMPerS2PerC[i] = 0f;
                GyroscopeBiasTempCoefRadPerSPerC[i] = 0f;
            }

            for (int i = 0; i < 9; i++)
            {
                float v = i % 4 == 0 ? 1f : 0f;
                AccelerometerMatrix[i] = v;
                GyroscopeMatrix[i] = v;
            }

            ReferenceTemperatureC = 25f;
        }

        /// <summary>Copies every value of <paramref name="other"/>.</summary>
        public void CopyFrom(ImuCalibration other)
        {
            System.Array.Copy(other.AccelerometerBiasMPerS2, AccelerometerBiasMPerS2, 3);
            System.Array.Copy(other.AccelerometerMatrix, AccelerometerMatrix, 9);
            System.Array.Copy(other.GyroscopeBiasRadPerS, GyroscopeBiasRadPerS, 3);
            System.Array.Copy(other.GyroscopeMatrix, GyroscopeMatrix, 9);
            System.Array.Copy(other.AccelerometerBiasTempCoefMPerS2PerC, AccelerometerBiasTempCoefMPerS2PerC, 3);
            System.Array.Copy(other.GyroscopeBiasTempCoefRadPerSPerC, GyroscopeBiasTempCoefRadPerSPerC, 3);
            ReferenceTemperatureC = other.ReferenceTemperatureC;
        }

        /// <summary>Calibrates one accelerometer vector (m/s²) measured at <paramref name="temperatureC"/>.</summary>
        public void ApplyAccelerometer(float[] raw, int rawOffset, float temperatureC, float[] calibrated, int calibratedOffset)
        {
            CalibrationModel.Apply(AccelerometerMatrix, AccelerometerBiasMPerS2, AccelerometerBiasTempCoefMPerS2PerC,
                temperatureC - ReferenceTemperatureC, raw, rawOffset, calibrated, calibratedOffset);
        }

        /// <summary>Calibrates one gyroscope vector (rad/s) measured at <paramref name="temperatureC"/>.</summary>
        public void ApplyGyroscope(float[] raw, int rawOffset, float temperatureC, float[] calibrated, int calibratedOffset)
        {
            CalibrationModel.Apply(GyroscopeMatrix, GyroscopeBiasRadPerS, GyroscopeBiasTempCoefRadPerSPerC,
                temperatureC - ReferenceTemperatureC, raw, rawOffset, calibrated, calibratedOffset);
        }

        /// <summary>
        /// Calibrates one raw SI sample of 6 values (acc x, y, z in m/s², gyro x, y, z in rad/s) measured at
        /// <paramref name="temperatureC"/>; in place when <paramref name="rawSi"/> and <paramref name="calibrated"/> are the same.
        /// </summary>
        public void ApplyCalibration(float[] rawSi, int rawOffset, float temperatureC, float[] calibrated, int calibratedOffset)
        {
            ApplyAccelerometer(rawSi, rawOffset, temperatureC, calibrated, calibratedOffset);
            ApplyGyroscope(rawSi, rawOffset + 3, temperatureC, calibrated, calibratedOffset + 3);
        }
    }
}
