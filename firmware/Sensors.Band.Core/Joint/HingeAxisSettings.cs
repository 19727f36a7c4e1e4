namespace Sensors.Band.Joint
{
    /// <summary>
    /// Tuning of <see cref="HingeAxisEstimator"/> (hinge-axis identification from the two gyroscopes).
    /// Defaults are the single parameter set scored on every hinge trial (see Joint/README.md).
    /// </summary>
    public sealed class HingeAxisSettings
    {
        /// <summary>Samples kept in the window (ring buffer). Default 600.</summary>
        public int WindowSamples { get; set; } = 600;

        /// <summary>Keep one of every N informative samples in the window. Default 4 (25 Hz at 100 Hz).</summary>
        public int DecimationSamples { get; set; } = 4;

        /// <summary>
        /// Keep one of every N informative samples while the window holds fewer than <see cref="MinEntries"/> (the first
        /// fit waits for them). Default 2: the first fit needs 3 s of movement, not 6 s (two slow reps); 1 (1.5 s of one rep) left the synthetic
        /// 3-D hip-motion session 6° off (JointAngleEstimatorTests).
        /// </summary>
        public int FillDecimationSamples { get; set; } = 2;

        /// <summary>A sample is informative when |ω1| + |ω2| exceeds this, rad/s. Default 0.2.</summary>
        public double MinRateRadPerS { get; set; } = 0.2;

        /// <summary>Window entries processed per <see cref="HingeAxisEstimator.Update"/> (bounds the cost per sample). Default 16.</summary>
        public int EntriesPerUpdate { get; set; } = 16;

        /// <summary>Entries needed before the first fit. Default 150.</summary>
        public int MinEntries { get; set; } = 150;

        /// <summary>
        /// A segment counts as still (its axis unobservable from its gyro) when the RMS of its rate over the window
        /// is below this, rad/s. Default 0.15 (8.6 °/s). Used once the axes have an estimate (refinement).
        /// </summary>
        public double StillRmsRadPerS { get; set; } = 0.15;

        /// <summary>
        /// The same for the first estimate (no axes yet), rad/s. Default 0.05 (2.9 °/s): a slow early-post-op heel slide
        /// moves each segment at 0.05–0.15 rad/s RMS, so with 0.15 both counted as still and no axes were ever found; once
        /// there are axes the stricter <see cref="StillRmsRadPerS"/> keeps a barely moving segment (seated thigh, sit-to-stand)
        /// out of the refinement (0.05 there cost 12° in one simulated sit-to-stand).
        /// </summary>
        public double FirstFitStillRmsRadPerS { get; set; } = 0.05;

        /// <summary>... or below this fraction of the other segment's RMS rate. Default 0.05.</summary>
        public double StillRmsRatio { get; set; } = 0.05;

        /// <summary>Levenberg damping added to the Gauss-Newton normal equations (relative to their trace). Default 1e-3.</summary>
        public double Damping { get; set; } = 1e-3;

        /// <summary>Largest axis change per Gauss-Newton step, rad. Default 0.3.</summary>
        public double MaxStepRad { get; set; } = 0.3;

        /// <summary>
        /// A moving segment whose window rate energy lies at least this fraction about one direction rotates in a plane;
        /// its axis is then that direction instead of the constraint fit (which has no unique minimum for planar motion).
        /// Default 0.9.
        /// </summary>
        public double PlanarEnergyFraction { get; set; } = 0.9;
    }
}
