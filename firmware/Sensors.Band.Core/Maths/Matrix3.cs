using System;

namespace Sensors.Band.Maths
{
    /// <summary>
    /// 3×3 matrices stored row-major in a caller-owned double[9] (no multi-dimensional arrays, no allocation).
    /// Double precision: used for small covariance matrices where float would lose the tiny gains.
    /// </summary>
    public static class Matrix3
    {
        /// <summary>Sets m to s · I.</summary>
        public static void SetScaledIdentity(double s, double[] m)
        {
            for (int i = 0; i < 9; i++) m[i] = 0.0;
            m[0] = s;
            m[4] = s;
            m[8] = s;
        }

        /// <summary>Copies src into dst.</summary>
        public static void Copy(double[] src, double[] dst)
        {
            for (int i = 0; i < 9; i++) dst[i] = src[i];
        }

        /// <summary>result = a · b (result must not alias a or b).</summary>
        public static void Multiply(double[] a, double[] b, double[] result)
        {
            for (int r = 0; r < 3; r++)
            {
                for (int c = 0; c < 3; c++)
                {
                    result[3 * r + c] = a[3 * r] * b[c] + a[3 * r + 1] * b[3 + c] + a[3 * r + 2] * b[6 + c];
                }
            }
        }

        /// <summary>result = aᵀ · b (result must not alias a or b).</summary>
        public static void MultiplyTransposeA(double[] a, double[] b, double[] result)
        {
            for (int r = 0; r < 3; r++)
            {
                for (int c = 0; c < 3; c++)
                {
                    result[3 * r + c] = a[r] * b[c] + a[3 + r] * b[3 + c] + a[6 + r] * b[6 + c];
                }
            }
        }

        /// <summary>result = a · bᵀ (result must not alias a or b).</summary>
        public static void MultiplyTransposeB(double[] a, double[] b, double[] result)
        {
            for (int r = 0; r < 3; r++)
            {
                for (int c = 0; c < 3; c++)
                {
                    result[3 * r + c] = a[3 * r] * b[3 * c] + a[3 * r + 1] * b[3 * c + 1] + a[3 * r + 2] * b[3 * c + 2];
                }
            }
        }

        /// <summary>Inverse of a into result (result must not alias a). Returns false when a is singular.</summary>
        public static bool Invert(double[] a, double[] result)
        {
            double c00 = a[4] * a[8] - a[5] * a[7];
            double c01 = a[5] * a[6] - a[3] * a[8];
            double c02 = a[3] * a[7] - a[4] * a[6];
            double det = a[0] * c00 + a[1] * c01 + a[2] * c02;
            if (Math.Abs(det) < 1e-300) return false;
            double inv = 1.0 / det;
            result[0] = c00 * inv;
            result[1] = (a[2] * a[7] - a[1] * a[8]) * inv;
            result[2] = (a[1] * a[5] - a[2] * a[4]) * inv;
            result[3] = c01 * inv;
            result[4] = (a[0] * a[8] - a[2] * a[6]) * inv;
            result[5] = (a[2] * a[3] - a[0] * a[5]) * inv;
            result[6] = c02 * inv;
            result[7] = (a[1] * a[6] - a[0] * a[7]) * inv;
            result[8] = (a[0] * a[4] - a[1] * a[3]) * inv;
            return true;
        }

        /// <summary>Rotation matrix of the unit quaternion q (row-major, maps sensor to earth: v_E = R v_S).</summary>
        public static void FromQuaternion(QuaternionF q, double[] m)
        {
            double w = q.W, x = q.X, y = q.Y, z = q.Z;
            m[0] = 1 - 2 * (y * y + z * z);
            m[1] = 2 * (x * y - w * z);
            m[2] = 2 * (x * z + w * y);
            m[3] = 2 * (x * y + w * z);
            m[4] = 1 - 2 * (x * x + z * z);
            m[5] = 2 * (y * z - w * x);
            m[6] = 2 * (x * z - w * y);
            m[7] = 2 * (y * z + w * x);
            m[8] = 1 - 2 * (x * x + y * y);
        }
    }
}
