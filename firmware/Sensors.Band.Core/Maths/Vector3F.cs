using System;

namespace Sensors.Band.Maths
{
    /// <summary>
    /// A 3-vector of single-precision floats (the ESP32 has a single-precision FPU).
    /// A plain struct with static helpers: no allocation, no operators, usable by nanoFramework.
    /// </summary>
    public struct Vector3F
    {
        /// <summary>x component.</summary>
        public float X;

        /// <summary>y component.</summary>
        public float Y;

        /// <summary>z component.</summary>
        public float Z;

        /// <summary>Creates a vector from its components.</summary>
        public Vector3F(float x, float y, float z)
        {
            X = x;
            Y = y;
            Z = z;
        }

        /// <summary>The zero vector.</summary>
        public static Vector3F Zero => new Vector3F(0f, 0f, 0f);

        /// <summary>a + b.</summary>
        public static Vector3F Add(Vector3F a, Vector3F b) => new Vector3F(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

        /// <summary>a − b.</summary>
        public static Vector3F Subtract(Vector3F a, Vector3F b) => new Vector3F(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

        /// <summary>s · a.</summary>
        public static Vector3F Scale(Vector3F a, float s) => new Vector3F(a.X * s, a.Y * s, a.Z * s);

        /// <summary>Dot product a · b.</summary>
        public static float Dot(Vector3F a, Vector3F b) => a.X * b.X + a.Y * b.Y + a.Z * b.Z;

        /// <summary>Cross product a × b.</summary>
        public static Vector3F Cross(Vector3F a, Vector3F b) =>
            new Vector3F(a.Y * b.Z - a.Z * b.Y, a.Z * b.X - a.X * b.Z, a.X * b.Y - a.Y * b.X);

        /// <summary>Euclidean length |a|.</summary>
        public float Length() => (float)Math.Sqrt(X * X + Y * Y + Z * Z);

        /// <summary>Squared length |a|².</summary>
        public float LengthSquared() => X * X + Y * Y + Z * Z;

        /// <summary>a / |a|, or the zero vector when |a| is zero.</summary>
        public static Vector3F Normalize(Vector3F a)
        {
            float n = a.Length();
            return n > 0f ? Scale(a, 1f / n) : Zero;
        }
    }
}
