using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Flotilla.Client.Http;

/// <summary>
/// Verifies a server certificate the way client-go does: with a CA bundle, the bundle is the only set of trust
/// anchors (any certificate in it may end the chain, as Go's cert pools allow); without one, the system store.
/// The host name (DNS or IP SAN; never the CN) must match the URL host or tls-server-name.
/// </summary>
internal static class ServerCertificateValidator
{
    public static bool Validate(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors,
        X509Certificate2Collection? anchors, string expectedHost)
    {
        if (certificate is null) return false;
        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (anchors is null)
        {
            if ((errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) != SslPolicyErrors.None) return false;
        }
        else if (!ChainsToAnchor(leaf, presented, anchors))
        {
            return false;
        }
        return leaf.MatchesHostname(expectedHost.Trim('[', ']'), allowWildcards: true, allowCommonName: false);
    }

    private static bool ChainsToAnchor(X509Certificate2 leaf, X509Chain? presented, X509Certificate2Collection anchors)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        foreach (var a in anchors)
        {
            if (IsSelfSigned(a)) chain.ChainPolicy.CustomTrustStore.Add(a);
            else chain.ChainPolicy.ExtraStore.Add(a);
        }
        if (presented is not null)
            foreach (var e in presented.ChainElements)
                if (!ReferenceEquals(e.Certificate, leaf)) chain.ChainPolicy.ExtraStore.Add(e.Certificate);
        if (chain.Build(leaf)) return true;

        // An intermediate given as the CA is a valid anchor for Go; accept a chain that reaches any bundle member
        // when the only complaint is that the chain does not end at a self-signed root.
        foreach (var s in chain.ChainStatus)
            if (s.Status is not (X509ChainStatusFlags.PartialChain or X509ChainStatusFlags.UntrustedRoot or X509ChainStatusFlags.NoError))
                return false;
        foreach (var e in chain.ChainElements)
            foreach (var a in anchors)
                if (e.Certificate.RawDataMemory.Span.SequenceEqual(a.RawDataMemory.Span)) return true;
        return false;
    }

    private static bool IsSelfSigned(X509Certificate2 c) => c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData);
}
