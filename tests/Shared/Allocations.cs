using System;

namespace Sensors.Tests.Shared;

/// <summary>Zero-allocation checks that do not flake on one-off runtime work.</summary>
public static class Allocations
{
    /// <summary>
    /// Bytes allocated on this thread by the least-allocating of <paramref name="attempts"/> runs of <paramref name="run"/>.
    /// An allocation per sample shows in every run; one-off runtime work (tier-up and on-stack-replacement compilation,
    /// type loading), which lands at a moment that depends on timing, shows in at most some of them.
    /// </summary>
    public static long MinimumOver(int attempts, Action run)
    {
        ArgumentNullException.ThrowIfNull(run);
        long least = long.MaxValue;
        for (int i = 0; i < attempts; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            run();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return least;
    }
}
