using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("Sensors.Band.Device")]
[assembly: AssemblyDescription("Sensors knee band: nanoFramework application for the ESP32 pod (IMUs, BLE GATT server, flash).")]
[assembly: AssemblyCompany("Sensors")]
[assembly: AssemblyProduct("Sensors band firmware")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
