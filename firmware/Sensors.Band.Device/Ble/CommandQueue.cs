using System;

namespace Sensors.Band.Device.Ble
{
    /// <summary>
    /// Hands command writes from the Bluetooth event thread to the sample loop, which executes every command (so the
    /// calibration store, the estimator and the frame sequence are touched by one thread only). Fixed ring of
    /// <see cref="Capacity"/> slots of up to <see cref="MaxCommandBytes"/> bytes; no allocation. A write arriving while the
    /// ring is full is counted in <see cref="Overflows"/> and dropped: the gateway sees no response and retries.
    /// </summary>
    public sealed class CommandQueue
    {
        /// <summary>Slots in the ring (the gateway has at most one command outstanding; 8 absorbs retries).</summary>
        public const int Capacity = 8;

        /// <summary>Largest command accepted (a write at ATT MTU 247 is 244 bytes).</summary>
        public const int MaxCommandBytes = 244;

        private readonly byte[][] _slots = new byte[Capacity][];
        private readonly int[] _lengths = new int[Capacity];
        private readonly object _lock = new object();
        private int _head;
        private int _count;

        /// <summary>Creates the ring.</summary>
        public CommandQueue()
        {
            for (int i = 0; i < Capacity; i++)
            {
                _slots[i] = new byte[MaxCommandBytes];
            }
        }

        /// <summary>Writes dropped because the ring was full or the write was longer than a slot.</summary>
        public int Overflows { get; private set; }

        /// <summary>Queues a copy of <paramref name="count"/> bytes (event thread). False when dropped.</summary>
        public bool TryEnqueue(byte[] data, int count)
        {
            lock (_lock)
            {
                if (_count == Capacity || count > MaxCommandBytes)
                {
                    Overflows++;
                    return false;
                }

                int tail = (_head + _count) % Capacity;
                Array.Copy(data, 0, _slots[tail], 0, count);
                _lengths[tail] = count;
                _count++;
                return true;
            }
        }

        /// <summary>Copies the oldest command into <paramref name="destination"/> (sample loop); returns its length or 0.</summary>
        public int TryDequeue(byte[] destination)
        {
            lock (_lock)
            {
                if (_count == 0)
                {
                    return 0;
                }

                int length = _lengths[_head];
                Array.Copy(_slots[_head], 0, destination, 0, length);
                _head = (_head + 1) % Capacity;
                _count--;
                return length;
            }
        }
    }
}
