using System;

namespace Sensors.Band.Maths
{
    /// <summary>
    /// A rotation quaternion (w, x, y, z), scalar first, single precision.
    /// Convention (Hamilton): a quaternion q describing the orientation of frame S relative to frame E maps
    /// vectors as v_E = q ⊗ (0, v_S) ⊗ q⁻¹ (see <see cref="Rotate"/>); q_AC = q_AB ⊗ q_BC.
    /// </summary>
    public struct QuaternionF
    {
        /// <summary>Scalar part.</summary>
        public float W;

        /// <summary>Vector part, x.</summary>
        public float X;

        /// <summary>Vector part, y.</summary>
        public float Y;

        /// <summary>Vector part, z.</summary>
        public float Z;

        /// <summary>Creates a quaternion from its components (scalar first).</summary>
        public QuaternionF(float w, float x, float y, float z)
        {
            W = w;
            X = x;
            Y = y;
            Z = z;
        }

        /// <summary>The identity rotation (1, 0, 0, 0).</summary>
        public static QuaternionF Identity => new QuaternionF(1f, 0f, 0f, 0f);

        /// <summary>Hamilton product a ⊗ b (first b, then a, when both map vectors).</summary>
        public static QuaternionF Multiply(QuaternionF a, QuaternionF b) => new QuaternionF(
            a.W * b.W - a.X * b.X - a.Y * b.Y - a.Z * b.Z,
            a.W * b.X + a.X * b.W + a.Y * b.Z - a.Z * b.Y,
            a.W * b.Y - a.X * b.Z + a.Y * b.W + a.Z * b.X,
            a.W * b.Z + a.X * b.Y - a.Y * b.X + a.Z * b.W);

        /// <summary>Conjugate (the inverse of a unit quaternion).</summary>
        public static QuaternionF Conjugate(QuaternionF q) => new QuaternionF(q.W, -q.X, -q.Y, -q.Z);

        /// <summary>q / |q|; the identity when |q| is zero.</summary>
        public static QuaternionF Normalize(QuaternionF q)
        {
            float n = (float)Math.Sqrt(q.W * q.W + q.X * q.X + q.Y * q.Y + q.Z * q.Z);
            if (n <= 0f) return Identity;
            float s = 1f / n;
            return new QuaternionF(q.W * s, q.X * s, q.Y * s, q.Z * s);
        }

        /// <summary>Rotates v by the unit quaternion q: q ⊗ (0, v) ⊗ q⁻¹ (no allocation, ~18 multiplications).</summary>
        public static Vector3F Rotate(QuaternionF q, Vector3F v)
        {
            // t = 2 q_v × v ; v' = v + w t + q_v × t
            float tx = 2f * (q.Y * v.Z - q.Z * v.Y);
            float ty = 2f * (q.Z * v.X - q.X * v.Z);
            float tz = 2f * (q.X * v.Y - q.Y * v.X);
            return new Vector3F(
                v.X + q.W * tx + (q.Y * tz - q.Z * ty),
                v.Y + q.W * ty + (q.Z * tx - q.X * tz),
                v.Z + q.W * tz + (q.X * ty - q.Y * tx));
        }

        /// <summary>Rotation by angleRad about the unit axis (ax, ay, az).</summary>
        public static QuaternionF FromAxisAngle(float ax, float ay, float az, float angleRad)
        {
            double h = 0.5 * angleRad;
            float s = (float)Math.Sin(h);
            return new QuaternionF((float)Math.Cos(h), ax * s, ay * s, az * s);
        }

        /// <summary>Rotation by angleRad about the z axis.</summary>
        public static QuaternionF FromRotationAboutZ(float angleRad)
        {
            double h = 0.5 * angleRad;
            return new QuaternionF((float)Math.Cos(h), 0f, 0f, (float)Math.Sin(h));
        }

        /// <summary>
        /// The rotation exp(r/2) for the rotation vector r = (rx, ry, rz) in rad (axis · angle),
        /// e.g. angular rate · time step. Exact for any angle.
        /// </summary>
        public static QuaternionF FromRotationVector(float rx, float ry, float rz)
        {
            double angle = Math.Sqrt((double)rx * rx + (double)ry * ry + (double)rz * rz);
            if (angle < 1e-12) return Identity;
            double h = 0.5 * angle;
            float s = (float)(Math.Sin(h) / angle);
            return new QuaternionF((float)Math.Cos(h), rx * s, ry * s, rz * s);
        }

        /// <summary>Rotation angle of q in rad, in [0, π] (the smaller of the two equivalent angles).</summary>
        public static float Angle(QuaternionF q)
        {
            double w = Math.Abs(q.W);
            double n = Math.Sqrt(q.W * q.W + q.X * q.X + q.Y * q.Y + q.Z * q.Z);
            if (n <= 0) return 0f;
            w /= n;
            if (w > 1.0) w = 1.0;
            return (float)(2.0 * Math.Acos(w));
        }
    }
}
