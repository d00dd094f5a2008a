using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Flotilla.Controllers.Overrides;

/// <summary>
/// A container image split the way Karmada's imageparser does: the reference is validated with the
/// distribution/reference grammar (<c>[domain[:port]/]path[:tag][@digest]</c>), then the name is split at its FIRST
/// '/' into hostname and repository (so "library/nginx" has hostname "library" — Karmada's behaviour, not Docker's
/// normalisation; no implicit docker.io). When both a tag and a digest are present only the tag is kept.
/// </summary>
public sealed partial class ImageReference
{
    private const string DomainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private const string Domain = "(?:" + DomainComponent + @"(?:\." + DomainComponent + @")*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?";
    private const string PathComponent = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
    private const string Name = "(?:" + Domain + "/)?" + PathComponent + "(?:/" + PathComponent + ")*";
    private const string TagPattern = @"[\w][\w.-]{0,127}";
    private const string DigestPattern = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}";

    [GeneratedRegex("^(" + Name + ")(?::(" + TagPattern + "))?(?:@(" + DigestPattern + "))?$", RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceRegex();

    [GeneratedRegex("^" + TagPattern + "$", RegexOptions.CultureInvariant)]
    private static partial Regex AnchoredTagRegex();

    [GeneratedRegex("^" + DigestPattern + "$", RegexOptions.CultureInvariant)]
    private static partial Regex AnchoredDigestRegex();

    private ImageReference(string hostname, string repository, string tag, string digest)
    {
        Hostname = hostname;
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The registry (text before the first '/'), possibly with a port; "" when the name has no '/'.</summary>
    public string Hostname { get; set; }

    /// <summary>The repository without the hostname.</summary>
    public string Repository { get; set; }

    public string Tag { get; set; }
    public string Digest { get; set; }

    /// <summary>Hostname + "/" + repository (just the repository when the hostname is empty).</summary>
    public string FullRepository => Hostname.Length == 0 ? Repository : Hostname + "/" + Repository;

    /// <summary>The tag when set, else the digest.</summary>
    public string TagOrDigest => Tag.Length > 0 ? Tag : Digest;

    /// <summary>Sets a tag (clearing the digest) or a digest (clearing the tag); input matching neither is ignored.</summary>
    public void SetTagOrDigest(string input)
    {
        if (AnchoredTagRegex().IsMatch(input))
        {
            Tag = input;
            Digest = "";
        }
        else if (AnchoredDigestRegex().IsMatch(input))
        {
            Digest = input;
            Tag = "";
        }
    }

    /// <summary>Removes the tag if any, otherwise the digest.</summary>
    public void RemoveTagOrDigest()
    {
        if (Tag.Length > 0) Tag = "";
        else Digest = "";
    }

    public override string ToString() =>
        Tag.Length > 0 ? FullRepository + ":" + Tag : Digest.Length > 0 ? FullRepository + "@" + Digest : FullRepository;

    /// <summary>Parses an image reference; throws <see cref="FormatException"/> with distribution's error text.</summary>
    public static ImageReference Parse(string image) =>
        TryParse(image, out var result, out var error) ? result : throw new FormatException(error);

    public static bool TryParse(string image, [NotNullWhen(true)] out ImageReference? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        var m = ReferenceRegex().Match(image);
        if (!m.Success)
        {
            error = image.Length == 0 ? "repository name must have at least one component"
                : ReferenceRegex().IsMatch(image.ToLowerInvariant()) ? "repository name must be lowercase"
                : "invalid reference format";
            return false;
        }
        var name = m.Groups[1].Value;
        if (name.Length > 255)
        {
            error = "repository name must not be more than 255 characters";
            return false;
        }
        var digest = m.Groups[3].Success ? m.Groups[3].Value : "";
        if (digest.Length > 0 && ValidateDigest(digest) is { } digestError)
        {
            error = digestError;
            return false;
        }
        var tag = m.Groups[2].Success ? m.Groups[2].Value : "";
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        var (host, repo) = slash < 0 ? ("", name) : (name[..slash], name[(slash + 1)..]);
        // A tagged reference keeps only its tag (Karmada checks Tagged before Digested).
        result = new ImageReference(host, repo, tag, tag.Length > 0 ? "" : digest);
        error = null;
        return true;
    }

    private static string? ValidateDigest(string digest)
    {
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        var algorithm = digest[..colon];
        var encoded = digest[(colon + 1)..];
        var size = algorithm switch { "sha256" => 64, "sha384" => 96, "sha512" => 128, _ => -1 };
        if (size < 0) return "unsupported digest algorithm";
        if (encoded.Length != size) return "invalid checksum digest length";
        foreach (var c in encoded)
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f'))) return "invalid checksum digest format";
        return null;
    }
}
