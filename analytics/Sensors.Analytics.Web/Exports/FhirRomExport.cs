using System;
using System.Collections.Generic;
using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Sensors.Analytics.Web.Telemetry;

namespace Sensors.Analytics.Web.Exports;

/// <summary>
/// A citizen's ROM measurements as a FHIR R4 <c>collection</c> Bundle of Observations: per session one Observation
/// for max knee flexion and one for max knee extension, value in degrees (UCUM <c>deg</c>), effective = session start.
/// Codes: no LOINC or SNOMED CT code for a *measured knee flexion angle* could be confirmed (see analytics/README.md),
/// so the code is local (<see cref="CodeSystem"/>); the body site is SNOMED CT 72696002 "Knee region structure"
/// and the category is the FHIR observation-category <c>exam</c>. The subject is referenced by pseudonym only.
/// </summary>
public static class FhirRomExport
{
    public const string CodeSystem = "urn:sensors:fhir:joint-angle";
    public const string PseudonymSystem = "urn:sensors:citizen-pseudonym";
    public const string MaxFlexionCode = "knee-max-flexion";
    public const string MaxExtensionCode = "knee-max-extension";
    private const double Deg = 180.0 / Math.PI;

    public static Bundle Build(string pseudonym, IEnumerable<SessionSummary> sessions)
    {
        var bundle = new Bundle
        {
            Type = Bundle.BundleType.Collection,
            Id = "rom-" + pseudonym,
            Timestamp = DateTimeOffset.UtcNow,
        };
        foreach (SessionSummary s in sessions)
        {
            if (!double.IsFinite(s.MaxFlexionRad) || !double.IsFinite(s.MaxExtensionRad)) continue;
            bundle.Entry.Add(Entry(pseudonym, s, MaxFlexionCode, "Knee maximum flexion angle during session", s.MaxFlexionRad));
            bundle.Entry.Add(Entry(pseudonym, s, MaxExtensionCode, "Knee maximum extension angle during session (negative = hyperextension)", s.MaxExtensionRad));
        }
        return bundle;
    }

    public static string ToJson(Bundle bundle) => new FhirJsonSerializer().SerializeToString(bundle);

    private static Bundle.EntryComponent Entry(string pseudonym, SessionSummary s, string code, string display, double rad)
    {
        string id = $"{s.SessionId}-{code}";
        var obs = new Observation
        {
            Id = id,
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "exam", "Exam")],
            Code = new CodeableConcept(CodeSystem, code, display, display),
            Subject = new ResourceReference { Identifier = new Identifier(PseudonymSystem, pseudonym) },
            Effective = new FhirDateTime(new DateTimeOffset(s.StartUtc, TimeSpan.Zero)),
            Value = new Quantity((decimal)Math.Round(rad * Deg, 2), "deg", "http://unitsofmeasure.org") { Unit = "°" },
            BodySite = new CodeableConcept("http://snomed.info/sct", "72696002", "Knee region structure"),
            Method = new CodeableConcept(CodeSystem, "imu-band", "Two-IMU knee band, gateway joint-angle estimate"),
            Identifier = [new Identifier("urn:sensors:session", s.SessionId + "/" + code)],
        };
        obs.Note.Add(new Annotation { Text = string.Create(CultureInfo.InvariantCulture, $"Session {s.SessionId}, exercise {s.ExerciseId}, level {s.Level}") });
        return new Bundle.EntryComponent { FullUrl = "urn:uuid:" + DeterministicGuid(id), Resource = obs };
    }

    private static Guid DeterministicGuid(string text)
    {
        byte[] hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text));
        return new Guid(hash.AsSpan(0, 16));
    }
}
