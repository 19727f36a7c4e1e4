using Sensors.Band.Calibration;
using Sensors.Band.Device.Ble;
using Sensors.Band.Device.Hardware;
using Sensors.Band.Joint;
using Sensors.Band.Protocol;

namespace Sensors.Band.Device.App
{
    /// <summary>
    /// Executes one command frame and sends exactly one response (Protocol/README.md, "Commands"). Runs on the sample
    /// loop thread between two samples. The protocol logic lives in the core (decoder, <see cref="CalibrationTransfer"/>,
    /// <see cref="CalibrationStore"/>); this class only maps opcodes to those calls and to the band's hardware.
    /// </summary>
    public sealed class CommandHandler
    {
        private readonly BandState _state;
        private readonly BandGattServer _gatt;
        private readonly CalibrationStore _store;
        private readonly JointAngleEstimator _estimator;
        private readonly BatteryMonitor _battery;
        private readonly StatusLed _led;
        private readonly DecodedFrame _decoded = new DecodedFrame();
        private readonly ResponseFrame _response = new ResponseFrame();
        private readonly CalibrationTransfer _write = new CalibrationTransfer(CalibrationRecordCodec.MaxRecordBytes);
        private readonly byte[] _readRecord = new byte[CalibrationRecordCodec.MaxRecordBytes];
        private readonly byte[] _out = new byte[ProtocolConstants.MaxFrameBytes];
        private int _readLength = -1;

        /// <summary>Wires the handler to the band's state and parts.</summary>
        public CommandHandler(BandState state, BandGattServer gatt, CalibrationStore store, JointAngleEstimator estimator,
            BatteryMonitor battery, StatusLed led)
        {
            _state = state;
            _gatt = gatt;
            _store = store;
            _estimator = estimator;
            _battery = battery;
            _led = led;
        }

        /// <summary>Decodes and executes the command in the first <paramref name="length"/> bytes; always answers once.</summary>
        public void Handle(byte[] frame, int length, long nowUs)
        {
            DecodeStatus status = FrameDecoder.TryDecode(frame, 0, length, _decoded);
            if (status != DecodeStatus.Ok || _decoded.Type != FrameType.Command)
            {
                if (length >= 3)
                {
                    CommandResult reason = status == DecodeStatus.BadVersion ? CommandResult.UnsupportedVersion : CommandResult.CommandCorrupt;
                    _response.Set(frame[1], (CommandOpcode)frame[2], reason);
                    Send(nowUs);
                }

                // Shorter than id + opcode: nothing to correlate a response with; the gateway times out and retries.
                return;
            }

            CommandFrame command = _decoded.Command;
            _response.Set(command.CommandId, command.Opcode, CommandResult.Ack);
            _response.Result = Execute(command, nowUs);
            if (_response.Result != CommandResult.Ack)
            {
                _response.DataLength = 0;
            }

            Send(nowUs);
        }

        private CommandResult Execute(CommandFrame c, long nowUs)
        {
            int n = c.ArgumentLength;
            switch (c.Opcode)
            {
                case CommandOpcode.StartStreaming:
                    if (n != 0) return CommandResult.BadArguments;
                    if (!_state.Streaming)
                    {
                        _state.Streaming = true;
                        _state.SlipCountAtStart = _estimator.SlipCount;
                    }

                    return CommandResult.Ack;

                case CommandOpcode.StopStreaming:
                    if (n != 0) return CommandResult.BadArguments;
                    _state.Streaming = false;
                    return CommandResult.Ack;

                case CommandOpcode.SetMode:
                    return SetMode(c);

                case CommandOpcode.SetBatching:
                    if (n != 1 || c.Arguments[0] < 1 || c.Arguments[0] > ProtocolConstants.MaxBatchRecords) return CommandResult.BadArguments;
                    _state.BatchRecords = c.Arguments[0];
                    return CommandResult.Ack;

                case CommandOpcode.Identify:
                    if (n != 1) return CommandResult.BadArguments;
                    _led.Identify(c.Arguments[0], nowUs);
                    return CommandResult.Ack;

                case CommandOpcode.QueryBattery:
                    if (n != 0) return CommandResult.BadArguments;
                    _battery.Measure();
                    _response.AddUInt16(_battery.VoltageMv);
                    _response.AddByte(_battery.StatusByte());
                    return CommandResult.Ack;

                case CommandOpcode.CalibrationWriteBegin:
                    if (n != 6) return CommandResult.BadArguments;
                    return _write.Begin(c.GetUInt16(0), c.GetUInt32(2));

                case CommandOpcode.CalibrationWriteChunk:
                    if (n < 3) return CommandResult.BadArguments;
                    return _write.Accept(c.GetUInt16(0), c.Arguments, 2, n - 2);

                case CommandOpcode.CalibrationWriteCommit:
                    if (n != 0) return CommandResult.BadArguments;
                    return Commit();

                case CommandOpcode.CalibrationReadBegin:
                    if (n != 0) return CommandResult.BadArguments;
                    return ReadBegin();

                case CommandOpcode.CalibrationReadChunk:
                    if (n != 3) return CommandResult.BadArguments;
                    return ReadChunk(c.GetUInt16(0), c.Arguments[2]);

                case CommandOpcode.CalibrationAbort:
                    if (n != 0) return CommandResult.BadArguments;
                    _write.Abort();
                    _readLength = -1;
                    return CommandResult.Ack;

                default:
                    return CommandResult.UnknownCommand;
            }
        }

        private CommandResult SetMode(CommandFrame c)
        {
            if (c.ArgumentLength != 2)
            {
                return CommandResult.BadArguments;
            }

            int mode = c.Arguments[0];
            int range = c.Arguments[1];
            if ((mode != (int)StreamMode.Angles && mode != (int)StreamMode.RawImu) || range > (int)RawImuRange.G16Dps2000)
            {
                return CommandResult.BadArguments;
            }

            _state.Mode = (StreamMode)mode;
            if (range != (int)_state.RawRange)
            {
                _state.RawRange = (RawImuRange)range;
                _state.RangeChangePending = true;
            }

            return CommandResult.Ack;
        }

        private CommandResult Commit()
        {
            CommandResult finished = _write.Finish();
            if (finished != CommandResult.Ack)
            {
                return finished;
            }

            // CalibrationStore validates the record, writes calib.tmp, verifies, rotates calib.bin → calib.bak and renames
            // atomically; on success store.Current (which both IMU drivers reference) holds the new calibration.
            CalibrationSaveResult saved = _store.Save(_write.Buffer, 0, _write.TotalLength);
            _write.Abort();
            _readLength = -1;
            if (saved == CalibrationSaveResult.Saved)
            {
                _state.StorageWriteFailed = false;
                return CommandResult.Ack;
            }

            if (saved == CalibrationSaveResult.RecordInvalid)
            {
                return CommandResult.RecordInvalid;
            }

            _state.StorageWriteFailed = true;
            return CommandResult.StorageFailure;
        }

        private CommandResult ReadBegin()
        {
            _readLength = _store.ReadStoredRecord(_readRecord, 0);
            if (_readLength < 0)
            {
                // No valid calib.bin (missing or damaged): nothing to read. The status frame says which.
                return CommandResult.NotAllowedNow;
            }

            _response.AddUInt16(_readLength);
            _response.AddUInt32(Crc32.Compute(_readRecord, 0, _readLength));
            return CommandResult.Ack;
        }

        private CommandResult ReadChunk(int offset, int maxBytes)
        {
            if (_readLength < 0)
            {
                return CommandResult.NotAllowedNow;
            }

            if (maxBytes < 1 || offset >= _readLength)
            {
                return CommandResult.BadArguments;
            }

            int room = ProtocolConstants.DefaultResponseDataBytes - 2;
            int count = _readLength - offset;
            if (count > maxBytes) count = maxBytes;
            if (count > room) count = room;
            _response.AddUInt16(offset);
            _response.AddBytes(_readRecord, offset, count);
            return CommandResult.Ack;
        }

        private void Send(long nowUs)
        {
            _response.Sequence = _state.NextSequence();
            _response.TimestampTicks = SequenceNumber.TimestampFromMicroseconds(nowUs);
            int length = FrameEncoder.EncodeResponse(_response, _out, 0);
            if (_gatt.Subscribed && !_gatt.TrySend(_out, length))
            {
                _state.DroppedSinceStatus = true;
            }
        }
    }
}
