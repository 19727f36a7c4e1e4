using System;
using System.Device.Adc;
using System.Device.Gpio;
using System.Device.I2c;
using System.Diagnostics;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using Sensors.Band.Calibration;
using Sensors.Band.Device.App;
using Sensors.Band.Device.Ble;
using Sensors.Band.Device.Hardware;
using Sensors.Band.Device.Storage;
using Sensors.Band.Imu;
using Sensors.Band.Joint;

namespace Sensors.Band.Device
{
    /// <summary>
    /// Boot of the band: pins → calibration record from flash (I:) → both IMUs → joint-angle estimator → BLE GATT server
    /// advertising as "Sensors-&lt;serial&gt;" → the 100 Hz <see cref="SampleLoop"/> on this thread. Nothing here is an
    /// algorithm; every computation lives in Sensors.Band.Core and is tested on the host.
    /// </summary>
    public static class Program
    {
        /// <summary>Entry point.</summary>
        public static void Main()
        {
            Debug.WriteLine("Sensors band " + BandState.FirmwareMajor.ToString() + "." + BandState.FirmwareMinor.ToString() + "."
                + BandState.FirmwarePatch.ToString() + " (core " + BandInfo.CoreVersion + ")");

            // 1. Pins. I2C1 on GPIO21/22 (the ESP32 can route I2C to any pin; nanoFramework needs the mapping set first).
            Configuration.SetPinFunction(BandPins.I2cData, DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(BandPins.I2cClock, DeviceFunction.I2C1_CLOCK);
            GpioController gpio = new GpioController();
            StatusLed led = new StatusLed(gpio, BandPins.StatusLed);
            BatteryMonitor battery = new BatteryMonitor(new AdcController(), gpio, BandPins.BatteryAdcChannel, BandPins.ChargeStatus);

            // 2. Calibration record. Missing or damaged → identity calibration; the status frame reports state and source.
            CalibrationStore store = new CalibrationStore(new FlashRecordStorage());
            try
            {
                store.Load();
            }
            catch (Exception ex)
            {
                // CalibrationStore maps IOException itself; anything else (file system fault) must not stop the band.
                Debug.WriteLine("calibration load failed: " + ex.Message);
            }

            Debug.WriteLine("calibration: state " + ((int)store.RecordState).ToString() + ", source " + ((int)store.Source).ToString());

            // 3. IMUs: thigh 0x68, shank 0x69 on I2C1 at 400 kHz. The drivers apply the factory calibration in place
            //    (they reference store.Current, which a calibration write updates).
            Mpu6500Driver thigh = new Mpu6500Driver(new NanoI2cBus(BandPins.I2cBusId, BandPins.ThighImuAddress, I2cBusSpeed.FastMode), null, null);
            Mpu6500Driver shank = new Mpu6500Driver(new NanoI2cBus(BandPins.I2cBusId, BandPins.ShankImuAddress, I2cBusSpeed.FastMode), null, null);
            thigh.Calibration = store.Current.Thigh;
            shank.Calibration = store.Current.Shank;
            SampleLoop.TryInitialize(thigh);
            SampleLoop.TryInitialize(shank);

            // 4. The core's joint-angle estimator with its documented, host-tested defaults (100 Hz). If the loop report shows
            //    mean_us > 7000 on the band, the knob is settings.Axis.EntriesPerUpdate (16 → 4; README, cost estimate).
            JointAngleSettings settings = new JointAngleSettings();
            JointAngleEstimator estimator = new JointAngleEstimator(settings);

            // 5. BLE: one primary service, a notify characteristic for frames, a write characteristic for commands.
            BandState state = new BandState();
            CommandQueue commands = new CommandQueue();
            BandGattServer gatt = new BandGattServer(commands);
            string name = BandName(store);
            if (!gatt.Start(name))
            {
                Debug.WriteLine("BLE start failed: running without a link (check the firmware image has Bluetooth)");
            }
            else
            {
                Debug.WriteLine("advertising as " + name);
            }

            CommandHandler handler = new CommandHandler(state, gatt, store, estimator, battery, led);
            SampleLoop loop = new SampleLoop(state, gatt, commands, handler, store, estimator, thigh, shank, battery, led);

            // 6. The loop runs on the main thread above normal priority (the BLE event thread stays responsive: the loop
            //    sleeps most of each 10 ms period).
            Thread.CurrentThread.Priority = ThreadPriority.AboveNormal;
            loop.Run();
        }

        private static string BandName(CalibrationStore store)
        {
            string serial = store.Current.BandSerial;
            if (store.Source == CalibrationSource.Identity || serial == null || serial.Length == 0)
            {
                serial = BandServiceIds.NoSerial;
            }

            return BandServiceIds.NamePrefix + serial;
        }
    }
}
