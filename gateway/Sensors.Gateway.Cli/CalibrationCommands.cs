using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using System.IO;
using System.Text.Json;
using Sensors.Gateway.Calibration;

namespace Sensors.Gateway.Cli;

/// <summary><c>calibration show|export</c>: the gateway's calibration store (factory records, mounting history).</summary>
internal static class CalibrationCommands
{
    public static Command Create()
    {
        var root = new Command("calibration", "Inspect the gateway's calibration store (factory records and mounting history).");
        root.Subcommands.Add(Build("show", "Show the factory record and mounting in use per band (text or --json).", export: false));
        root.Subcommands.Add(Build("export", "Export every record (factory records with their 320 bytes as hex, full mounting history) as JSON.", export: true));
        return root;
    }

    private static Command Build(string name, string description, bool export)
    {
        var db = new Option<FileInfo>("--db") { Description = "Calibration store (SQLite).", DefaultValueFactory = _ => new FileInfo("calibration.db") };
        var band = new Option<string?>("--band") { Description = "Only this band." };
        var json = new Option<bool>("--json") { Description = "JSON output (export is always JSON)." };
        var command = new Command(name, description) { db, band, json };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string path = CliErrors.RequireFile(parse.GetValue(db), "--db");
            try
            {
                using SqliteCalibrationStore store = SqliteCalibrationStore.Open(path);
                string? only = parse.GetValue(band);
                IReadOnlyList<string> bands = only is null ? store.ListBands() : [only];
                if (only is not null && !store.ListBands().Contains(only)) throw new ArgumentException($"--band '{only}': no calibration stored for this band in {path}.");
                if (export || parse.GetValue(json)) WriteJson(store, bands, export);
                else WriteText(store, bands);
                foreach (string p in store.Problems) Console.Error.WriteLine("warning: " + p);
                return 0;
            }
            catch (CalibrationStoreException ex)
            {
                throw new InvalidDataException(ex.Message, ex);
            }
        }));
        return command;
    }

    private static void WriteText(SqliteCalibrationStore store, IReadOnlyList<string> bands)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        foreach (string b in bands)
        {
            Console.WriteLine($"band {b}");
            if (store.TryGetFactoryRecord(b, out FactoryRecordEntry? f))
                Console.WriteLine(string.Format(c, "  factory: serial {0}, technician {1}, certificate {2}, calibrated {3:u}, CRC-32 {4:X8} ({5} version(s))",
                    f.Record.BandSerial, f.Record.TechnicianId, f.Record.CertificateNumber, DateTimeOffset.FromUnixTimeSeconds(f.Record.CalibratedAtUnixS), f.Crc32, store.GetFactoryHistory(b).Count));
            else
                Console.WriteLine("  factory: none (the band reports identity calibration)");
            foreach (MountingEntry m in store.GetMountingHistory(null, b, null))
                Console.WriteLine(string.Format(c, "  mounting #{0} {1} {2} {3}: {4}, zero {5:F2}°, sign {6:+0;-0}{7}",
                    m.Id, m.CitizenId, m.Placement, DateTimeOffset.FromUnixTimeMilliseconds((long)(m.StoredAtUnixS * 1000)).ToString("u", c), m.Reason,
                    m.Mounting.ZeroOffsetRad * 180 / Math.PI, m.Mounting.FlexionSign, m.Note is null ? "" : " — " + m.Note));
        }
    }

    private static void WriteJson(SqliteCalibrationStore store, IReadOnlyList<string> bands, bool export)
    {
        using var stream = Console.OpenStandardOutput();
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteStartArray("bands");
        foreach (string b in bands)
        {
            w.WriteStartObject();
            w.WriteString("band", b);
            w.WriteStartArray("factory_records");
            IReadOnlyList<FactoryRecordEntry> history = store.GetFactoryHistory(b);
            for (int i = export ? 0 : Math.Max(0, history.Count - 1); i < history.Count; i++)
            {
                FactoryRecordEntry f = history[i];
                w.WriteStartObject();
                w.WriteNumber("id", f.Id);
                w.WriteString("band_serial", f.Record.BandSerial);
                w.WriteString("technician_id", f.Record.TechnicianId);
                w.WriteString("certificate", f.Record.CertificateNumber);
                w.WriteNumber("calibrated_at_unix_s", f.Record.CalibratedAtUnixS);
                w.WriteString("crc32", f.Crc32.ToString("X8", CultureInfo.InvariantCulture));
                if (export) w.WriteString("record_hex", Convert.ToHexString(f.Bytes));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("mountings");
            IReadOnlyList<MountingEntry> ms = store.GetMountingHistory(null, b, null);
            for (int i = 0; i < ms.Count; i++)
            {
                MountingEntry m = ms[i];
                w.WriteStartObject();
                w.WriteNumber("id", m.Id);
                w.WriteString("citizen", m.CitizenId);
                w.WriteString("placement", m.Placement);
                w.WriteNumber("stored_at_unix_s", m.StoredAtUnixS);
                w.WriteString("reason", m.Reason.ToString());
                w.WriteNumber("slip_count", m.SlipCount);
                w.WriteNumber("zero_offset_rad", m.Mounting.ZeroOffsetRad);
                w.WriteNumber("flexion_sign", m.Mounting.FlexionSign);
                w.WriteStartArray("axis_thigh");
                w.WriteNumberValue(m.Mounting.Axis1X); w.WriteNumberValue(m.Mounting.Axis1Y); w.WriteNumberValue(m.Mounting.Axis1Z);
                w.WriteEndArray();
                w.WriteStartArray("axis_shank");
                w.WriteNumberValue(m.Mounting.Axis2X); w.WriteNumberValue(m.Mounting.Axis2Y); w.WriteNumberValue(m.Mounting.Axis2Z);
                w.WriteEndArray();
                if (m.Note is not null) w.WriteString("note", m.Note);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        Console.WriteLine();
    }
}
