using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Sensors.Analytics.Storage.Influx;

/// <summary>
/// Sends the points of one store batch as <c>/write</c> requests of <see cref="InfluxStorageOptions.BatchPoints"/> lines,
/// up to <see cref="InfluxStorageOptions.WritesInFlight"/> at a time, encoding the next request while earlier ones are in
/// flight. Line buffers come from a pool owned by the store (no per-line or per-request allocation once warm).
/// <see cref="CompleteAsync"/> returns when every request succeeded; when one fails the others are cancelled, awaited,
/// and the first failure is thrown (the caller rolls back: nothing of the batch counts as stored).
/// </summary>
internal sealed class InfluxBatchWriter
{
    private readonly InfluxClient _client;
    private readonly Stack<LineProtocol> _pool;
    private readonly int _batchPoints;
    private readonly int _inFlight;
    private readonly string _precision;
    private readonly CancellationTokenSource _cancel;
    private readonly List<(Task Write, LineProtocol Lines)> _pending = [];

    public InfluxBatchWriter(InfluxClient client, Stack<LineProtocol> pool, InfluxStorageOptions options, string precision, CancellationToken ct)
    {
        _client = client;
        _pool = pool;
        _batchPoints = Math.Max(1, options.BatchPoints);
        _inFlight = Math.Max(1, options.WritesInFlight);
        _precision = precision;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Lines = Rent();
    }

    /// <summary>The buffer being filled; call <see cref="FlushIfFullAsync"/> after each point.</summary>
    public LineProtocol Lines { get; private set; }

    /// <summary>Requests sent by this writer, for diagnostics.</summary>
    public int Requests { get; private set; }

    /// <summary>Sends the buffer when it holds <see cref="InfluxStorageOptions.BatchPoints"/> points.</summary>
    public ValueTask FlushIfFullAsync() => Lines.Points >= _batchPoints ? new ValueTask(FlushAsync()) : ValueTask.CompletedTask;

    /// <summary>Sends what is buffered and waits until every request of the batch succeeded (or throws the first failure).</summary>
    public async Task CompleteAsync()
    {
        try
        {
            await FlushAsync();
            while (_pending.Count > 0) await WaitOneAsync();
        }
        finally
        {
            _cancel.Dispose();
        }
    }

    private async Task FlushAsync()
    {
        if (Lines.Points == 0) return;
        while (_pending.Count >= _inFlight) await WaitOneAsync();
        _pending.Add((_client.WriteAsync(Lines.Utf8, _precision, _cancel.Token), Lines));
        Requests++;
        Lines = Rent();
    }

    private async Task WaitOneAsync()
    {
        Task done = _pending.Count == 1 ? _pending[0].Write : await Task.WhenAny(_pending.ConvertAll(p => p.Write));
        int i = _pending.FindIndex(p => p.Write == done);
        try
        {
            await done;
        }
        catch
        {
            // Stop the others, let them finish (their buffers must not be reused while a request reads them), rethrow.
            await _cancel.CancelAsync();
            foreach ((Task write, LineProtocol _) in _pending)
            {
                try { await write; }
                catch (Exception) when (write != done) { /* the first failure is the one reported */ }
            }
            _pending.Clear();
            throw;
        }
        Return(_pending[i].Lines);
        _pending.RemoveAt(i);
    }

    private LineProtocol Rent() => _pool.Count > 0 ? _pool.Pop() : new LineProtocol();

    private void Return(LineProtocol lines)
    {
        lines.Clear();
        _pool.Push(lines);
    }
}
