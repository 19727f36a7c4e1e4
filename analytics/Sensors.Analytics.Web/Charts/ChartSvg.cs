using System.Text.Json;

namespace Sensors.Analytics.Web.Charts;

/// <summary>
/// A chart rendered server-side by ScottPlot 5 as inline SVG, with the exact data points it plots as a JSON
/// island (so pages can be tested, and screen readers/exports get the numbers without parsing the drawing).
/// </summary>
/// <param name="Id">Element id of the chart on the page (the JSON island is <c>{Id}-data</c>).</param>
/// <param name="Svg">The SVG markup produced by ScottPlot.</param>
/// <param name="DataJson">The plotted series as JSON (degrees and ISO dates at this edge).</param>
public sealed record ChartSvg(string Id, string Svg, string DataJson)
{
    internal static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
