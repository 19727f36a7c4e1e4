using System;
using System.Threading.Channels;

namespace Sensors.Band.Host;

/// <summary>The in-process link a band sends its notifications to: one call per frame (≤ 20 bytes at the default MTU).</summary>
public interface IFrameSink
{
    /// <summary>One notification. The span is only valid during the call (copy it to keep it).</summary>
    void Send(ReadOnlySpan<byte> frame);
}

/// <summary>A sink that copies each frame into a <see cref="Channel{T}"/> of byte[] (the gateway's transport reads it).</summary>
public sealed class ChannelFrameSink : IFrameSink
{
    private readonly Channel<byte[]> _channel;

    /// <param name="capacity">Frames buffered before the oldest is dropped (like a full BLE TX queue); 0 = unbounded.</param>
    public ChannelFrameSink(int capacity = 0)
    {
        _channel = capacity > 0
            ? Channel.CreateBounded<byte[]>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = true })
            : Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleWriter = true });
    }

    /// <summary>Where the frames arrive.</summary>
    public ChannelReader<byte[]> Reader => _channel.Reader;

    /// <inheritdoc />
    public void Send(ReadOnlySpan<byte> frame) => _channel.Writer.TryWrite(frame.ToArray());

    /// <summary>Ends the stream (the reader completes after the buffered frames).</summary>
    public void Complete() => _channel.Writer.TryComplete();
}

/// <summary>A sink that calls a delegate per frame.</summary>
public sealed class CallbackFrameSink : IFrameSink
{
    private readonly Action<byte[]> _onFrame;

    public CallbackFrameSink(Action<byte[]> onFrame) => _onFrame = onFrame ?? throw new ArgumentNullException(nameof(onFrame));

    /// <inheritdoc />
    public void Send(ReadOnlySpan<byte> frame) => _onFrame(frame.ToArray());
}
