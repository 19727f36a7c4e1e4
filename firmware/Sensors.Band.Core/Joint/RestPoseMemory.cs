using System;

namespace Sensors.Band.Joint
{
    /// <summary>
    /// Rest poses seen in this session: both sensors' gravity directions (unit, sensor frames) and the joint angle then.
    /// Used to notice a strap slip's zero error: when one segment rests exactly as in an earlier rest pose but the other
    /// sensor's gravity has turned, the joint angle is assumed to be the earlier one (rest poses repeat). Fixed capacity,
    /// no allocation after construction; the oldest slot is overwritten when full.
    /// </summary>
    public sealed class RestPoseMemory
    {
        private readonly double[] _g1;
        private readonly double[] _g2;
        private readonly double[] _theta;
        private readonly bool[] _valid;
        private int _next;

        /// <summary>Memory of <paramref name="capacity"/> rest poses.</summary>
        public RestPoseMemory(int capacity)
        {
            if (capacity < 1) capacity = 1;
            _g1 = new double[capacity * 3];
            _g2 = new double[capacity * 3];
            _theta = new double[capacity];
            _valid = new bool[capacity];
        }

        /// <summary>Number of slots.</summary>
        public int Capacity => _theta.Length;

        /// <summary>Stored poses.</summary>
        public int Count
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _valid.Length; i++) if (_valid[i]) n++;
                return n;
            }
        }

        /// <summary>Forgets every pose.</summary>
        public void Clear()
        {
            for (int i = 0; i < _valid.Length; i++) _valid[i] = false;
            _next = 0;
        }

        /// <summary>Forgets every pose except slots <paramref name="keepA"/> and <paramref name="keepB"/>.</summary>
        public void KeepOnly(int keepA, int keepB)
        {
            for (int i = 0; i < _valid.Length; i++) if (i != keepA && i != keepB) _valid[i] = false;
        }

        /// <summary>Stores a pose (gravity directions of sensor 1 and 2, joint angle in rad).</summary>
        public void Add(double[] g1, double[] g2, double thetaRad)
        {
            int i = _next;
            _next = (_next + 1) % _theta.Length;
            for (int k = 0; k < 3; k++) { _g1[i * 3 + k] = g1[k]; _g2[i * 3 + k] = g2[k]; }
            _theta[i] = thetaRad;
            _valid[i] = true;
        }

        /// <summary>Joint angle stored in slot <paramref name="slot"/>, rad.</summary>
        public double ThetaRad(int slot) => _theta[slot];

        /// <summary>
        /// The slot in which one of the two sensors rested most nearly as now (smallest of the two gravity-direction
        /// angles); -1 when empty. <paramref name="d1Rad"/>, <paramref name="d2Rad"/>: angles between the stored and the
        /// current gravity direction of sensor 1 and 2 for that slot.
        /// </summary>
        public int Nearest(double[] g1, double[] g2, out double d1Rad, out double d2Rad)
        {
            int best = -1;
            double bestMin = double.MaxValue;
            d1Rad = d2Rad = Math.PI;
            for (int i = 0; i < _valid.Length; i++)
            {
                if (!_valid[i]) continue;
                double a = Between(_g1, i, g1), b = Between(_g2, i, g2);
                double m = a < b ? a : b;
                if (m < bestMin) { bestMin = m; best = i; d1Rad = a; d2Rad = b; }
            }
            return best;
        }

        private static double Between(double[] store, int slot, double[] g)
        {
            double c = store[slot * 3] * g[0] + store[slot * 3 + 1] * g[1] + store[slot * 3 + 2] * g[2];
            if (c > 1.0) c = 1.0;
            if (c < -1.0) c = -1.0;
            return Math.Acos(c);
        }
    }
}
