using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Sensors.Analytics.Storage;
using Sensors.Analytics.Storage.Influx;
using Xunit;

namespace Sensors.Analytics.Tests;

/// <summary>Line protocol escaping against the InfluxDB spec examples, and the HTTP retry policy (5xx retried, 4xx not).</summary>
public sealed class LineProtocolTests
{
    [Fact]
    public void Escaping_follows_the_line_protocol_spec()
    {
        var lp = new LineProtocol();
        lp.Measurement("my measurement,x").Tag("tag key", "tag,value=1").Field("field=key", "say \"hi\" \\ bye").Field("n", 3L).Field("f", 0.1).Timestamp(1556813561098000000);
        Assert.Equal("my\\ measurement\\,x,tag\\ key=tag\\,value\\=1 field\\=key=\"say \\\"hi\\\" \\\\ bye\",n=3i,f=0.1 1556813561098000000\n", lp.ToString());
        Assert.Equal("'it\\'s \\\\ here'", LineProtocol.QuoteLiteral("it's \\ here"));
        Assert.Throws<ArgumentException>(() => LineProtocol.Escape("bad\nname", measurement: false));
        Assert.Throws<InvalidOperationException>(() => new LineProtocol().Measurement("m").Timestamp(1)); // a point needs a field
        var nan = new LineProtocol();
        nan.Measurement("m").Field("a", double.NaN).Field("b", 1.5).Timestamp(2);
        Assert.Equal("m b=1.5 2\n", nan.ToString());
    }

    private sealed class ScriptedHandler(params HttpStatusCode[] answers) : HttpMessageHandler
    {
        public int Calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpStatusCode code = answers[Math.Min(Calls, answers.Length - 1)];
            Calls++;
            return Task.FromResult(new HttpResponseMessage(code) { Content = new StringContent(code == HttpStatusCode.BadRequest ? "{\"error\":\"unable to parse\"}" : "") });
        }
    }

    [Fact]
    public async Task Writes_are_retried_on_5xx_and_not_on_4xx()
    {
        var options = new InfluxStorageOptions { Url = new Uri("http://influx.invalid/"), MaxRetries = 3 };
        var flaky = new ScriptedHandler(HttpStatusCode.ServiceUnavailable, HttpStatusCode.InternalServerError, HttpStatusCode.NoContent);
        using (var client = new InfluxClient(options, flaky))
        {
            await client.WriteAsync("m v=1 1\n", TestContext.Current.CancellationToken);
            Assert.Equal(3, flaky.Calls);
            Assert.Equal(2, client.Retries);
        }
        var bad = new ScriptedHandler(HttpStatusCode.BadRequest);
        using (var client = new InfluxClient(options, bad))
        {
            InfluxException e = await Assert.ThrowsAsync<InfluxException>(() => client.WriteAsync("m v=1 1\n", TestContext.Current.CancellationToken));
            Assert.Equal(1, bad.Calls);
            Assert.Contains("400", e.Message, StringComparison.Ordinal);
            Assert.Contains("unable to parse", e.Message, StringComparison.Ordinal);
        }
        var down = new ScriptedHandler(HttpStatusCode.BadGateway);
        using (var client = new InfluxClient(options, down))
        {
            await Assert.ThrowsAsync<InfluxException>(() => client.WriteAsync("m v=1 1\n", TestContext.Current.CancellationToken));
            Assert.Equal(4, down.Calls); // 1 + MaxRetries
        }
    }
}
