using System;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;

namespace Sensors.Band.Device.Ble
{
    /// <summary>
    /// The band's GATT server: one primary service (<see cref="BandServiceIds.ServiceUuid"/>) with a Notify characteristic
    /// carrying every band → gateway frame and a Write characteristic taking one command frame per write. Advertises as
    /// "Sensors-&lt;serial&gt;", connectable. Frames are sent from the sample loop thread only (<see cref="TrySend"/>);
    /// command writes are copied into a <see cref="CommandQueue"/> on the Bluetooth event thread.
    /// </summary>
    public sealed class BandGattServer
    {
        private readonly CommandQueue _commands;
        private readonly byte[] _frame = new byte[CommandQueue.MaxCommandBytes];
        private readonly nanoFramework.Device.Bluetooth.Buffer _frameBuffer;
        private GattServiceProvider _provider;
        private GattLocalCharacteristic _frames;
        private GattLocalCharacteristic _commandCharacteristic;
        private int _subscribers;

        /// <summary>Creates the server; call <see cref="Start"/> to register the service and advertise.</summary>
        public BandGattServer(CommandQueue commands)
        {
            _commands = commands;
            _frameBuffer = new nanoFramework.Device.Bluetooth.Buffer(_frame);
        }

        /// <summary>True while at least one client is subscribed to the frame characteristic.</summary>
        public bool Subscribed
        {
            get { return _subscribers > 0; }
        }

        /// <summary>Notifications that the stack refused (link congested or gone) since start.</summary>
        public int FailedNotifications { get; private set; }

        /// <summary>Registers the service and characteristics and starts advertising as <paramref name="deviceName"/>. False on a stack error.</summary>
        public bool Start(string deviceName)
        {
            BluetoothLEServer server = BluetoothLEServer.Instance;
            server.DeviceName = deviceName;

            GattServiceProviderResult result = GattServiceProvider.Create(BandServiceIds.ServiceUuid);
            if (result.Error != BluetoothError.Success)
            {
                return false;
            }

            _provider = result.ServiceProvider;
            GattLocalService service = _provider.Service;

            GattLocalCharacteristicResult frames = service.CreateCharacteristic(
                BandServiceIds.FrameCharacteristicUuid,
                new GattLocalCharacteristicParameters
                {
                    CharacteristicProperties = GattCharacteristicProperties.Notify,
                    UserDescription = "Sensors frames v1",
                });
            if (frames.Error != BluetoothError.Success)
            {
                return false;
            }

            _frames = frames.Characteristic;
            _frames.SubscribedClientsChanged += OnSubscribedClientsChanged;

            GattLocalCharacteristicResult commands = service.CreateCharacteristic(
                BandServiceIds.CommandCharacteristicUuid,
                new GattLocalCharacteristicParameters
                {
                    CharacteristicProperties = GattCharacteristicProperties.Write | GattCharacteristicProperties.WriteWithoutResponse,
                    UserDescription = "Sensors commands v1",
                });
            if (commands.Error != BluetoothError.Success)
            {
                return false;
            }

            _commandCharacteristic = commands.Characteristic;
            _commandCharacteristic.WriteRequested += OnCommandWritten;

            _provider.StartAdvertising(new GattServiceProviderAdvertisingParameters
            {
                DeviceName = deviceName,
                IsConnectable = true,
                IsDiscoverable = true,
            });
            return true;
        }

        /// <summary>
        /// Notifies <paramref name="length"/> bytes of <paramref name="source"/> to the subscribed client (sample loop thread).
        /// False when nobody is subscribed or the stack refused the notification.
        /// </summary>
        public bool TrySend(byte[] source, int length)
        {
            if (_subscribers <= 0 || _frames == null)
            {
                return false;
            }

            Array.Copy(source, 0, _frame, 0, length);
            _frameBuffer.Length = (uint)length;
            try
            {
                GattClientNotificationResult[] results = _frames.NotifyValue(_frameBuffer);
                for (int i = 0; i < results.Length; i++)
                {
                    if (results[i].Status != GattCommunicationStatus.Success)
                    {
                        FailedNotifications++;
                        return false;
                    }
                }

                return results.Length > 0;
            }
            catch (Exception)
            {
                FailedNotifications++;
                return false;
            }
        }

        private void OnSubscribedClientsChanged(GattLocalCharacteristic sender, object args)
        {
            // SubscribedClients allocates an array: read it here (rare event), never per frame.
            _subscribers = sender.SubscribedClients.Length;
        }

        private void OnCommandWritten(GattLocalCharacteristic sender, GattWriteRequestedEventArgs args)
        {
            GattWriteRequest request = args.GetRequest();
            uint length = request.Value.Length;
            if (length == 0 || length > CommandQueue.MaxCommandBytes)
            {
                request.RespondWithProtocolError(GattProtocolError.InvalidAttributeValueLength);
                return;
            }

            // Commands are rare (a few per second at most during a calibration transfer): one small allocation is fine.
            byte[] data = new byte[length];
            DataReader reader = DataReader.FromBuffer(request.Value);
            reader.ReadBytes(data);
            _commands.TryEnqueue(data, (int)length);

            // ATT-level acknowledgement only; the protocol response comes on the frame characteristic after execution.
            if (request.Option == GattWriteOption.WriteWithResponse)
            {
                request.Respond();
            }
        }
    }
}
