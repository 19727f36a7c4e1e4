namespace Sensors.Gateway.Evaluation;
