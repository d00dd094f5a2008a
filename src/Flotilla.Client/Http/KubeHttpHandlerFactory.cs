using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Flotilla.Client.Config;

namespace Flotilla.Client.Http;

/// <summary>
/// Builds the one <see cref="SocketsHttpHandler"/> a <see cref="KubeRestClient"/> owns: TLS trust (the configured CA
/// bundle as the only anchor, or the system store, or none when insecure), the client certificate, the proxy,
/// TCP/HTTP2 keep-alives so half-dead watch connections are noticed, and connection pooling.
/// </summary>
public static class KubeHttpHandlerFactory
{
    public static SocketsHttpHandler Create(RestConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var server = new Uri(config.Server);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.GZip,
            ConnectTimeout = config.Timeout < TimeSpan.FromSeconds(15) ? config.Timeout : TimeSpan.FromSeconds(15),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(15),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            ConnectCallback = ConnectWithKeepAliveAsync,
            // A response abandoned mid-body is a cancelled watch: close its connection at once instead of draining
            // an endless stream for ResponseDrainTimeout.
            MaxResponseDrainSize = 0,
        };

        if (config.ProxyUrl is not null)
        {
            handler.Proxy = new WebProxy(new Uri(config.ProxyUrl));
            handler.UseProxy = true;
        }
        else
        {
            // Like client-go: honour HTTPS_PROXY/NO_PROXY, but never proxy loopback.
            handler.Proxy = new LoopbackBypassProxy(HttpClient.DefaultProxy);
            handler.UseProxy = true;
        }

        if (server.Scheme == Uri.UriSchemeHttps)
        {
            var ssl = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = SslProtocols.None, // the OS default (TLS 1.2/1.3)
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            };
            if (config.TlsServerName is not null) ssl.TargetHost = config.TlsServerName;
            var expectedHost = config.TlsServerName ?? server.IdnHost;
            if (config.Insecure)
            {
                ssl.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
            }
            else
            {
                var anchors = config.CaData is null ? null : LoadCaBundle(config.CaData);
                ssl.RemoteCertificateValidationCallback = (_, cert, chain, errors) =>
                    ServerCertificateValidator.Validate(cert, chain, errors, anchors, expectedHost);
            }
            if (config.ClientCertificateData is not null || config.ClientKeyData is not null)
                ssl.ClientCertificateContext = LoadClientCertificate(config.ClientCertificateData, config.ClientKeyData);
            handler.SslOptions = ssl;
        }
        return handler;
    }

    /// <summary>Reads every certificate of a PEM bundle (DER is accepted for a single certificate).</summary>
    public static X509Certificate2Collection LoadCaBundle(byte[] pemOrDer)
    {
        ArgumentNullException.ThrowIfNull(pemOrDer);
        var bundle = new X509Certificate2Collection();
        try
        {
            var text = System.Text.Encoding.ASCII.GetString(pemOrDer);
            if (text.Contains("-----BEGIN", StringComparison.Ordinal)) bundle.ImportFromPem(text);
            else bundle.Add(X509CertificateLoader.LoadCertificate(pemOrDer));
        }
        catch (CryptographicException e)
        {
            throw new KubeconfigException("the certificate authority data is not a valid PEM certificate bundle", e);
        }
        if (bundle.Count == 0) throw new KubeconfigException("the certificate authority data holds no certificate");
        return bundle;
    }

    /// <summary>Loads a PEM client certificate (plus any intermediates after it) and its RSA, EC or PKCS#8 key.</summary>
    public static SslStreamCertificateContext LoadClientCertificate(byte[]? certificatePem, byte[]? keyPem)
    {
        if (certificatePem is null || keyPem is null)
            throw new KubeconfigException("a client certificate needs both the certificate and the key");
        try
        {
            var certText = System.Text.Encoding.ASCII.GetString(certificatePem);
            var keyText = System.Text.Encoding.ASCII.GetString(keyPem);
            using var ephemeral = X509Certificate2.CreateFromPem(certText, keyText);
            // Re-import through PKCS#12 so the key is usable by every TLS backend.
            var leaf = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
            var all = new X509Certificate2Collection();
            all.ImportFromPem(certText);
            var intermediates = new X509Certificate2Collection();
            for (var i = 1; i < all.Count; i++) intermediates.Add(all[i]);
            return SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
        }
        catch (CryptographicException e)
        {
            throw new KubeconfigException("the client certificate or key is not valid PEM: " + e.Message, e);
        }
    }

    private static async ValueTask<Stream> ConnectWithKeepAliveAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 30);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 10);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
            await socket.ConnectAsync(context.DnsEndPoint, ct).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private sealed class LoopbackBypassProxy(IWebProxy inner) : IWebProxy
    {
        public ICredentials? Credentials { get => inner.Credentials; set => inner.Credentials = value; }
        public Uri? GetProxy(Uri destination) => inner.GetProxy(destination);
        public bool IsBypassed(Uri host) => host.IsLoopback || inner.IsBypassed(host);
    }
}
