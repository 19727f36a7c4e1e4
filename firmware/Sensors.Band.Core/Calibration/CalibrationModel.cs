namespace Sensors.Band.Calibration
{
    /// <summary>
    /// The inertial calibration model of x-io Fusion (FusionModel.h, i_c = M·s·(i_u − b)) with the misalignment M and
    /// the sensitivity s folded into one 3×3 matrix and a linear temperature model of the bias:
    /// calibrated = M · (raw − (b₀ + k · (T − T_ref))). Row-major matrix, SI units, no allocation; input and output may
    /// be the same array and offset.
    /// </summary>
    public static class CalibrationModel
    {
        /// <summary>
        /// Applies the model to the 3-vector at <paramref name="input"/>[<paramref name="inputOffset"/>] and writes the
        /// result at <paramref name="output"/>[<paramref name="outputOffset"/>].
        /// </summary>
        /// <param name="matrix">M, 9 values row-major.</param>
        /// <param name="bias">b₀ at the reference temperature, 3 values.</param>
        /// <param name="biasTempCoefPerC">k, bias change per °C, 3 values.</param>
        /// <param name="temperatureDeltaC">T − T_ref, °C.</param>
        /// <param name="input">Raw (uncalibrated) SI values.</param>
        /// <param name="inputOffset">Index of x in <paramref name="input"/>.</param>
        /// <param name="output">Calibrated SI values.</param>
        /// <param name="outputOffset">Index of x in <paramref name="output"/>.</param>
        public static void Apply(float[] matrix, float[] bias, float[] biasTempCoefPerC, float temperatureDeltaC,
            float[] input, int inputOffset, float[] output, int outputOffset)
        {
            float x = input[inputOffset] - (bias[0] + biasTempCoefPerC[0] * temperatureDeltaC);
            float y = input[inputOffset + 1] - (bias[1] + biasTempCoefPerC[1] * temperatureDeltaC);
            float z = input[inputOffset + 2] - (bias[2] + biasTempCoefPerC[2] * temperatureDeltaC);
            output[outputOffset] = matrix[0] * x + matrix[1] * y + matrix[2] * z;
            output[outputOffset + 1] = matrix[3] * x + matrix[4] * y + matrix[5] * z;
            output[outputOffset + 2] = matrix[6] * x + matrix[7] * y + matrix[8] * z;
        }
    }
}
