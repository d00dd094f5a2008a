using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Flotilla.ApiServer.Hosting;

/// <summary>A CA and a serving certificate for 127.0.0.1 / localhost / ::1, created once and kept in a directory
/// (ca.crt, ca.key, apiserver.crt, apiserver.key; keys 0600).</summary>
public sealed class ServingCertificates
{
    private ServingCertificates(string caPem, X509Certificate2 serving)
    {
        CaPem = caPem;
        Serving = serving;
    }

    /// <summary>PEM of the CA certificate (what kubeconfigs carry as certificate-authority-data).</summary>
    public string CaPem { get; }
    /// <summary>The serving certificate with its private key.</summary>
    public X509Certificate2 Serving { get; }

    /// <summary>Loads the certificates from <paramref name="dir"/>, creating them on first use (or when expired).</summary>
    public static ServingCertificates LoadOrCreate(string dir)
    {
        Directory.CreateDirectory(dir);
        var caCrt = Path.Combine(dir, "ca.crt");
        var caKey = Path.Combine(dir, "ca.key");
        var crt = Path.Combine(dir, "apiserver.crt");
        var key = Path.Combine(dir, "apiserver.key");
        if (File.Exists(caCrt) && File.Exists(caKey) && File.Exists(crt) && File.Exists(key))
        {
            var serving = X509Certificate2.CreateFromPem(File.ReadAllText(crt), File.ReadAllText(key));
            if (serving.NotAfter > DateTime.UtcNow.AddDays(1)) return new ServingCertificates(File.ReadAllText(caCrt), serving);
        }
        var (caPem, caKeyPem, servingPem, servingKeyPem) = Generate();
        WriteFile(caCrt, caPem, secret: false);
        WriteFile(caKey, caKeyPem, secret: true);
        WriteFile(crt, servingPem, secret: false);
        WriteFile(key, servingKeyPem, secret: true);
        return new ServingCertificates(caPem, X509Certificate2.CreateFromPem(servingPem, servingKeyPem));
    }

    /// <summary>Fresh certificates held only in memory (tests, simulated members).</summary>
    public static ServingCertificates CreateEphemeral()
    {
        var (caPem, _, servingPem, servingKeyPem) = Generate();
        return new ServingCertificates(caPem, X509Certificate2.CreateFromPem(servingPem, servingKeyPem));
    }

    private static (string CaPem, string CaKeyPem, string ServingPem, string ServingKeyPem) Generate()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caReq = new CertificateRequest("CN=flotilla-ca", caKey, HashAlgorithmName.SHA256);
        caReq.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caReq.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        caReq.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caReq.PublicKey, false));
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var ca = caReq.CreateSelfSigned(now, now.AddYears(10));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var req = new CertificateRequest("CN=flotilla-apiserver", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        san.AddDnsName("localhost");
        san.AddDnsName("kubernetes");
        san.AddDnsName("kubernetes.default.svc");
        req.CertificateExtensions.Add(san.Build());
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        req.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = new byte[16];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7f;
        using var serving = req.Create(ca, now, now.AddYears(5), serial);
        return (ca.ExportCertificatePem(), caKey.ExportPkcs8PrivateKeyPem(), serving.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    private static void WriteFile(string path, string content, bool secret)
    {
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, content);
        if (secret && !OperatingSystem.IsWindows()) File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(tmp, path, overwrite: true);
    }
}
