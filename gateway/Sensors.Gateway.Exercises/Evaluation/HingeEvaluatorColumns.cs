using Sensors.Band.Joint;

namespace Sensors.Gateway.Exercises.Evaluation;

/// <summary>The hinge layout's sensor columns and the streaming of rows through the knee core (as gateway/Sensors.Gateway.Evaluation's HingeEvaluator).</summary>
internal static class HingeEvaluatorColumns
{
    public static readonly string[] Sensor =
    [
        "imu1_acc_x", "imu1_acc_y", "imu1_acc_z", "imu1_gyr_x", "imu1_gyr_y", "imu1_gyr_z",
        "imu2_acc_x", "imu2_acc_y", "imu2_acc_z", "imu2_gyr_x", "imu2_gyr_y", "imu2_gyr_z",
    ];

    /// <summary>anglesDeg[i] = joint angle after row i in degrees (NaN before the axes are known); rows with a missing field repeat the last angle.</summary>
    public static void Run(JointAngleEstimator estimator, double[] t, double[][] s, double[] anglesDeg)
    {
        double last = double.NaN, previousT = double.NaN;
        for (int i = 0; i < t.Length; i++)
        {
            bool ok = !double.IsNaN(t[i]);
            for (int k = 0; k < s.Length && ok; k++) ok = !double.IsNaN(s[k][i]);
            if (ok)
            {
                double dt = double.IsNaN(previousT) ? 0.0 : t[i] - previousT;
                previousT = t[i];
                estimator.Update(dt, (float)s[0][i], (float)s[1][i], (float)s[2][i], (float)s[3][i], (float)s[4][i], (float)s[5][i],
                    (float)s[6][i], (float)s[7][i], (float)s[8][i], (float)s[9][i], (float)s[10][i], (float)s[11][i]);
                last = estimator.IsValid ? estimator.FlexionRad * 180.0 / System.Math.PI : double.NaN;
            }
            anglesDeg[i] = last;
        }
    }
}
