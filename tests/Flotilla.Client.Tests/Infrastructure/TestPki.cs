using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Flotilla.Client.Tests.Infrastructure;

/// <summary>A throw-away PKI: a CA, a server certificate for 127.0.0.1/localhost, client certificates (RSA and EC)
/// and an unrelated CA. Generated once per test run.</summary>
public sealed class TestPki
{
    public static TestPki Instance { get; } = new();

    private TestPki()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Ca = CreateCa("flotilla-test-ca", caKey);
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        OtherCa = CreateCa("some-other-ca", otherKey);

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverReq = new CertificateRequest("CN=kube-apiserver", serverKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        san.AddDnsName("kubernetes.default.svc");
        serverReq.CertificateExtensions.Add(san.Build());
        serverReq.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverReq.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        Server = Sign(serverReq, Ca, serverKey);

        using var intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var intermediateReq = new CertificateRequest("CN=flotilla-test-intermediate", intermediateKey, HashAlgorithmName.SHA256);
        intermediateReq.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        intermediateReq.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        intermediateReq.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(intermediateReq.PublicKey, false));
        Intermediate = Sign(intermediateReq, Ca, intermediateKey);
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafReq = new CertificateRequest("CN=kube-apiserver-via-intermediate", leafKey, HashAlgorithmName.SHA256);
        var leafSan = new SubjectAlternativeNameBuilder();
        leafSan.AddIpAddress(IPAddress.Loopback);
        leafReq.CertificateExtensions.Add(leafSan.Build());
        leafReq.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        ServerViaIntermediate = Sign(leafReq, Intermediate, leafKey);

        using var rsa = RSA.Create(2048);
        ClientRsa = Sign(ClientRequest("CN=alice,O=system:masters", rsa), Ca, rsa);
        ClientRsaKeyPem = rsa.ExportRSAPrivateKeyPem();
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        ClientEc = Sign(ClientRequest("CN=bob", ec), Ca, ec);
        ClientEcKeyPem = ec.ExportECPrivateKeyPem();
    }

    public X509Certificate2 Ca { get; }
    /// <summary>A CA signed by <see cref="Ca"/>, and a 127.0.0.1 server certificate it signed.</summary>
    public X509Certificate2 Intermediate { get; }
    public X509Certificate2 ServerViaIntermediate { get; }
    public X509Certificate2 OtherCa { get; }
    /// <summary>Server certificate with its private key.</summary>
    public X509Certificate2 Server { get; }
    public X509Certificate2 ClientRsa { get; }
    public string ClientRsaKeyPem { get; }
    public X509Certificate2 ClientEc { get; }
    public string ClientEcKeyPem { get; }

    public byte[] CaPem => Pem(Ca);
    public byte[] OtherCaPem => Pem(OtherCa);

    public static byte[] Pem(X509Certificate2 c) => Encoding.ASCII.GetBytes(c.ExportCertificatePem());

    private static X509Certificate2 CreateCa(string name, ECDsa key)
    {
        var req = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        req.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(req.PublicKey, false));
        using var ca = req.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(ca.Export(X509ContentType.Pkcs12), null);
    }

    private static CertificateRequest ClientRequest(string subject, AsymmetricAlgorithm key)
    {
        var req = key is RSA rsa
            ? new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest(subject, (ECDsa)key, HashAlgorithmName.SHA256);
        req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        return req;
    }

    private static X509Certificate2 Sign(CertificateRequest req, X509Certificate2 issuer, AsymmetricAlgorithm key)
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var issuerKey = issuer.GetECDsaPrivateKey()!;
        using var cert = req.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey),
            DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMonths(6), serial);
        using var withKey = key switch
        {
            RSA r => cert.CopyWithPrivateKey(r),
            ECDsa e => cert.CopyWithPrivateKey(e),
            _ => throw new ArgumentException("unsupported key", nameof(key)),
        };
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
