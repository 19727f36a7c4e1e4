using System.Device.Gpio;

namespace Sensors.Band.Device.Hardware
{
    /// <summary>
    /// The green LED (GPIO2). Driven from the sample loop (no timer thread): <see cref="Update"/> is called once per
    /// iteration with the clock. Patterns: identify = 5 Hz blink for the requested time; otherwise a 50 ms flash every
    /// 2 s while advertising, every 1 s while connected, steady while streaming.
    /// </summary>
    public sealed class StatusLed
    {
        private const long IdentifyHalfPeriodUs = 100000;
        private const long FlashUs = 50000;

        private readonly GpioPin _pin;
        private long _identifyUntilUs;
        private bool _lit;

        /// <summary>Opens the LED pin as output, off.</summary>
        public StatusLed(GpioController gpio, int pinNumber)
        {
            _pin = gpio.OpenPin(pinNumber, PinMode.Output);
            _pin.Write(PinValue.Low);
        }

        /// <summary>True while an identify blink runs.</summary>
        public bool Identifying { get; private set; }

        /// <summary>Blinks for <paramref name="seconds"/> s from <paramref name="nowUs"/>; 0 stops.</summary>
        public void Identify(int seconds, long nowUs)
        {
            Identifying = seconds > 0;
            _identifyUntilUs = nowUs + (long)seconds * 1000000L;
        }

        /// <summary>Sets the LED for the current time and band state.</summary>
        public void Update(long nowUs, bool connected, bool streaming)
        {
            bool on;
            if (Identifying && nowUs >= _identifyUntilUs)
            {
                Identifying = false;
            }

            if (Identifying)
            {
                on = (nowUs / IdentifyHalfPeriodUs) % 2 == 0;
            }
            else if (streaming)
            {
                on = true;
            }
            else
            {
                long periodUs = connected ? 1000000L : 2000000L;
                on = nowUs % periodUs < FlashUs;
            }

            if (on != _lit)
            {
                _pin.Write(on ? PinValue.High : PinValue.Low);
                _lit = on;
            }
        }
    }
}
