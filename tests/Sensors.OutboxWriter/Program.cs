// Records synthetic sessions into the gateway outbox in a loop until killed, printing "committed <session>" after
// each commit (the kill test kills this process with SIGKILL mid-write and checks the outbox afterwards).
// Usage: Sensors.OutboxWriter --db FILE --prefix ID [--count N]
using System;
using System.Globalization;
using Sensors.Gateway.Sessions.Outbox;
using Sensors.Gateway.Sessions.Recording;
using Sensors.OutboxWriter;

string? db = null, prefix = null;
int count = int.MaxValue;
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--db": db = args[i + 1]; break;
        case "--prefix": prefix = args[i + 1]; break;
        case "--count": count = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine($"unknown option '{args[i]}'");
            return 2;
    }
}
if (db is null || prefix is null)
{
    Console.Error.WriteLine("usage: Sensors.OutboxWriter --db FILE --prefix ID [--count N]");
    return 2;
}

using SessionOutbox outbox = SessionOutbox.Open(new OutboxSettings { DatabasePath = db, QuotaBytes = 1L << 40, MinFreeDiskBytes = 0 });
var recorder = new SessionRecorder(outbox, "odense", "gw-01", new RecorderSettings { KeepRawSamples = true });
var start = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
Console.Out.Flush();
for (int i = 0; i < count; i++)
{
    string id = prefix + "-" + i.ToString(CultureInfo.InvariantCulture);
    double durationS = 60 + (i % 7) * 90; // 1 … 10 minutes: 1 … 10 curve chunks, raw samples up to 60 000 lines
    SessionRecord session = SyntheticSession.Create(id, durationS, start.AddHours(i), gapFromS: 30, gapToS: 42);
    recorder.Record(session);
    Console.WriteLine("committed " + id);
    Console.Out.Flush();
}
return 0;
