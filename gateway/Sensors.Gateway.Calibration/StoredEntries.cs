using Sensors.Band.Calibration;
using Sensors.Band.Joint;

namespace Sensors.Gateway.Calibration;

/// <summary>A factory (bench) calibration record as stored: the verified 320-byte record and its decoded form.</summary>
/// <param name="Id">Row id (newer rows have larger ids).</param>
/// <param name="BandId">The band.</param>
/// <param name="StoredAtUnixS">When the gateway stored it, Unix s.</param>
/// <param name="Bytes">The record exactly as on the band (CRC-32 verified).</param>
/// <param name="Record">Decoded record.</param>
/// <param name="Crc32">The record's CRC-32 (its last four bytes).</param>
public sealed record FactoryRecordEntry(long Id, string BandId, double StoredAtUnixS, byte[] Bytes, CalibrationRecord Record, uint Crc32);

/// <summary>One mounting calibration row (history: the latest row per citizen + band + placement is in use).</summary>
/// <param name="Id">Row id.</param>
/// <param name="CitizenId">Pseudonymous citizen id.</param>
/// <param name="BandId">The band.</param>
/// <param name="Placement">Where the band sits (e.g. "left_knee").</param>
/// <param name="StoredAtUnixS">When it was written, Unix s.</param>
/// <param name="Reason">Why (first fitting, refined, strap slip refit …).</param>
/// <param name="SessionId">The session it came from (null if none).</param>
/// <param name="SlipCount">The estimator's slip count at that moment.</param>
/// <param name="Note">Free text (e.g. "axis moved 12.3°").</param>
/// <param name="Mounting">The mounting record.</param>
public sealed record MountingEntry(long Id, string CitizenId, string BandId, string Placement, double StoredAtUnixS,
    MountingReason Reason, string? SessionId, int SlipCount, string? Note, MountingRecord Mounting);
