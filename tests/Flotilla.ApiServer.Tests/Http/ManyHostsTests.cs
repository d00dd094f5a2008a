using Flotilla.ApiServer.Hosting;
using Flotilla.ApiServer.Tests.Core;

namespace Flotilla.ApiServer.Tests.Http;

public sealed class ManyHostsTests
{
    /// <summary>The simulator hosts up to 100 member API servers in one process: listeners must not use per-instance
    /// resources with low OS limits (inotify instances: 128 by default).</summary>
    [Fact]
    public async Task ManyListeners_InOneProcess_AllServe()
    {
        await using var api = await TestApi.StartAsync();
        var certs = ServingCertificates.CreateEphemeral();
        var hosts = new List<ApiServerHost>();
        try
        {
            for (var i = 0; i < 140; i++)
            {
                var h = new ApiServerHost(api.Api, new ApiServerHostOptions { Port = 0, Certificate = certs.Serving });
                await h.StartAsync(CancellationToken.None);
                hosts.Add(h);
            }
            Assert.Equal(140, hosts.Select(h => h.Port).Distinct().Count());
            using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
            using var client = new HttpClient(handler);
            Assert.Equal("ok", await client.GetStringAsync(new Uri(hosts[^1].BaseAddress, "/healthz")));
        }
        finally
        {
            foreach (var h in hosts) await h.DisposeAsync();
        }
    }
}
