namespace Sensors.Recording;
