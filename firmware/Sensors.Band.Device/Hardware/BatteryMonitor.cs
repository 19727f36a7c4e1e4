using System.Device.Adc;
using System.Device.Gpio;

namespace Sensors.Band.Device.Hardware
{
    /// <summary>
    /// Battery voltage from the VBAT × 0.5 divider on GPIO34 (ADC1 channel 6) and the charger's STAT pin (GPIO35, low =
    /// charging). The ESP32 ADC (12 bit, 11 dB attenuation in nanoFramework) is linear to about 2.5 V at the pin; the divider
    /// keeps a full cell (4.2 V) at 2.1 V. <see cref="AdcFullScaleMv"/> is the nominal full scale; trim it per band at
    /// bring-up against a multimeter (README checklist) — uncalibrated ESP32 ADCs are off by up to ±6 %.
    /// Percent is a coarse open-circuit LiPo curve (good to ±10 % at rest, reads high while charging).
    /// </summary>
    public sealed class BatteryMonitor
    {
        /// <summary>Below this the band sets BatteryLow in the status frame, mV.</summary>
        public const int LowBatteryMv = 3500;

        private const int Averaging = 8;

        private static readonly int[] CurveMv = { 3300, 3500, 3600, 3700, 3750, 3800, 3900, 4000, 4100, 4200 };
        private static readonly int[] CurvePercent = { 0, 5, 10, 30, 45, 55, 70, 82, 92, 100 };

        private readonly AdcChannel _channel;
        private readonly GpioPin _chargeStatus;

        /// <summary>Opens the ADC channel and the STAT input.</summary>
        public BatteryMonitor(AdcController adc, GpioController gpio, int adcChannel, int chargeStatusPin)
        {
            _channel = adc.OpenChannel(adcChannel);
            _chargeStatus = gpio.OpenPin(chargeStatusPin, PinMode.Input);
            AdcFullScaleMv = 3300;
        }

        /// <summary>ADC pin voltage at full-scale reading, mV (trim per band).</summary>
        public int AdcFullScaleMv { get; set; }

        /// <summary>Last battery voltage, mV.</summary>
        public int VoltageMv { get; private set; }

        /// <summary>Last state of charge estimate, 0–100 %.</summary>
        public int Percent { get; private set; }

        /// <summary>True while the charger reports charging.</summary>
        public bool Charging { get; private set; }

        /// <summary>True below <see cref="LowBatteryMv"/> (and not charging).</summary>
        public bool Low
        {
            get { return !Charging && VoltageMv < LowBatteryMv; }
        }

        /// <summary>Reads the ADC (mean of 8 conversions) and the STAT pin. About 0.1 ms; call at most once per second.</summary>
        public void Measure()
        {
            double sum = 0.0;
            for (int i = 0; i < Averaging; i++)
            {
                sum += _channel.ReadRatio();
            }

            double pinMv = sum / Averaging * AdcFullScaleMv;
            VoltageMv = (int)(pinMv * BandPins.BatteryDividerRatio + 0.5);
            Percent = PercentOf(VoltageMv);
            Charging = _chargeStatus.Read() == PinValue.Low;
        }

        /// <summary>Battery byte of the status frame / QueryBattery response: bits 6–0 percent, bit 7 charging.</summary>
        public int StatusByte()
        {
            return (Percent & 0x7F) | (Charging ? 0x80 : 0);
        }

        private static int PercentOf(int mv)
        {
            if (mv <= CurveMv[0])
            {
                return 0;
            }

            for (int i = 1; i < CurveMv.Length; i++)
            {
                if (mv <= CurveMv[i])
                {
                    int span = CurveMv[i] - CurveMv[i - 1];
                    return CurvePercent[i - 1] + (CurvePercent[i] - CurvePercent[i - 1]) * (mv - CurveMv[i - 1]) / span;
                }
            }

            return 100;
        }
    }
}
