using System;
using System.Collections.Generic;
using Sensors.Hardware.Imu;
using Sensors.Hardware.Math;

namespace Sensors.Hardware.Bench;

/// <summary>
/// Least-squares fit of <c>y = A·x + b</c> (A 3×3, b 3-vector) to point pairs: one 4×4 normal-equation system
/// shared by the three output rows, solved by Gaussian elimination with partial pivoting.
/// </summary>
public static class AffineLeastSquares
{
    /// <summary>Fits A and b; also returns the RMS residual (same unit as y).</summary>
    public static (Mat3 A, Vec3 B, double RmsResidual) Fit(IReadOnlyList<Vec3> inputs, IReadOnlyList<Vec3> outputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        if (inputs.Count != outputs.Count) throw new ArgumentException("inputs and outputs differ in length.", nameof(outputs));
        if (inputs.Count < 4) throw new ArgumentException("At least 4 points are needed.", nameof(inputs));

        var normal = new double[4, 4];
        var rhs = new double[3, 4];
        Span<double> row = stackalloc double[4];
        for (int k = 0; k < inputs.Count; k++)
        {
            row[0] = inputs[k].X; row[1] = inputs[k].Y; row[2] = inputs[k].Z; row[3] = 1;
            for (int i = 0; i < 4; i++)
            {
                for (int j = 0; j < 4; j++) normal[i, j] += row[i] * row[j];
                for (int o = 0; o < 3; o++) rhs[o, i] += outputs[k][o] * row[i];
            }
        }

        var coefficients = new double[3][];
        for (int o = 0; o < 3; o++)
        {
            var b = new double[4];
            for (int i = 0; i < 4; i++) b[i] = rhs[o, i];
            coefficients[o] = Solve((double[,])normal.Clone(), b);
        }

        Mat3 a = Mat3.FromFunction((r, c) => coefficients[r][c]);
        var bias = new Vec3(coefficients[0][3], coefficients[1][3], coefficients[2][3]);
        double sum = 0;
        for (int k = 0; k < inputs.Count; k++) sum += (outputs[k] - (a * inputs[k] + bias)).LengthSquared;
        return (a, bias, System.Math.Sqrt(sum / inputs.Count));
    }

    private static double[] Solve(double[,] m, double[] b)
    {
        int n = b.Length;
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++)
                if (System.Math.Abs(m[r, col]) > System.Math.Abs(m[pivot, col])) pivot = r;
            if (System.Math.Abs(m[pivot, col]) < 1e-12) throw new InvalidOperationException("The calibration poses do not determine all parameters.");
            if (pivot != col)
            {
                for (int c = 0; c < n; c++) (m[col, c], m[pivot, c]) = (m[pivot, c], m[col, c]);
                (b[col], b[pivot]) = (b[pivot], b[col]);
            }

            for (int r = col + 1; r < n; r++)
            {
                double f = m[r, col] / m[col, col];
                for (int c = col; c < n; c++) m[r, c] -= f * m[col, c];
                b[r] -= f * b[col];
            }
        }

        var x = new double[n];
        for (int r = n - 1; r >= 0; r--)
        {
            double s = b[r];
            for (int c = r + 1; c < n; c++) s -= m[r, c] * x[c];
            x[r] = s / m[r, r];
        }

        return x;
    }
}
