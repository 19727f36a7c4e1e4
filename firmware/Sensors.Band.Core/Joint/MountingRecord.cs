namespace Sensors.Band.Joint
{
    /// <summary>
    /// Mounting (sensor-to-segment) calibration of one band on one citizen: the hinge axis in each sensor frame, the
    /// zero of the joint angle and the flexion sign. Written at the first fitting (reference pose, knee straight),
    /// refined from ordinary movement, kept across sessions (gateway calibration store and band flash, see
    /// <see cref="CopyTo"/>), and re-fitted from movement after a strap slip with the zero carried over.
    /// </summary>
    public sealed class MountingRecord
    {
        /// <summary>Number of floats in the serialised form (<see cref="CopyTo"/>).</summary>
        public const int SerializedLength = 11;

        /// <summary>Layout version of the serialised form.</summary>
        public const float FormatVersion = 1f;

        /// <summary>Hinge axis in sensor 1 (proximal segment, thigh) frame, unit vector.</summary>
        public float Axis1X, Axis1Y, Axis1Z;

        /// <summary>Hinge axis in sensor 2 (distal segment, shank) frame, unit vector.</summary>
        public float Axis2X, Axis2Y, Axis2Z;

        /// <summary>
        /// Zero of the gravity angle, rad: joint angle = sign · (α1 − α2 + ZeroOffsetRad), α the gravity direction in
        /// each sensor's plane ⟂ its axis, measured from the reference direction fixed by the axis (see README).
        /// </summary>
        public float ZeroOffsetRad;

        /// <summary>+1 or −1: multiplies the hinge angle so that flexion is positive.</summary>
        public float FlexionSign = 1f;

        /// <summary>True when the zero comes from a reference pose (knee straight) rather than an arbitrary start.</summary>
        public bool HasReferencePose;

        /// <summary>True when the flexion sign was resolved from movement (or set by the technician).</summary>
        public bool FlexionSignResolved;

        /// <summary>True when the axes hold an estimate.</summary>
        public bool HasAxes;

        /// <summary>Writes the record into dst[offset … offset + <see cref="SerializedLength"/>).</summary>
        public void CopyTo(float[] dst, int offset)
        {
            dst[offset] = FormatVersion;
            dst[offset + 1] = Axis1X; dst[offset + 2] = Axis1Y; dst[offset + 3] = Axis1Z;
            dst[offset + 4] = Axis2X; dst[offset + 5] = Axis2Y; dst[offset + 6] = Axis2Z;
            dst[offset + 7] = ZeroOffsetRad;
            dst[offset + 8] = FlexionSign;
            dst[offset + 9] = (HasReferencePose ? 1f : 0f) + (FlexionSignResolved ? 2f : 0f) + (HasAxes ? 4f : 0f);
            dst[offset + 10] = 0f;
        }

        /// <summary>Reads a record written by <see cref="CopyTo"/>; false (record unchanged) for an unknown version.</summary>
        public bool TryCopyFrom(float[] src, int offset)
        {
            if (src == null || src.Length < offset + SerializedLength || src[offset] != FormatVersion) return false;
            Axis1X = src[offset + 1]; Axis1Y = src[offset + 2]; Axis1Z = src[offset + 3];
            Axis2X = src[offset + 4]; Axis2Y = src[offset + 5]; Axis2Z = src[offset + 6];
            ZeroOffsetRad = src[offset + 7];
            FlexionSign = src[offset + 8] < 0f ? -1f : 1f;
            int flags = (int)src[offset + 9];
            HasReferencePose = (flags & 1) != 0;
            FlexionSignResolved = (flags & 2) != 0;
            HasAxes = (flags & 4) != 0;
            return true;
        }

        /// <summary>Copies every field from another record.</summary>
        public void CopyFrom(MountingRecord other)
        {
            Axis1X = other.Axis1X; Axis1Y = other.Axis1Y; Axis1Z = other.Axis1Z;
            Axis2X = other.Axis2X; Axis2Y = other.Axis2Y; Axis2Z = other.Axis2Z;
            ZeroOffsetRad = other.ZeroOffsetRad;
            FlexionSign = other.FlexionSign;
            HasReferencePose = other.HasReferencePose;
            FlexionSignResolved = other.FlexionSignResolved;
            HasAxes = other.HasAxes;
        }
    }
}
