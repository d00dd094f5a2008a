using Flotilla.Controllers.Overrides;

namespace Flotilla.Controllers.Tests.Overrides;

public class ImageReferenceTests
{
    private const string Sha = "sha256:50d858e0985ecc7f60418aaf0cc5ab587f42c2570a884095a9e8ccacd0f6545c";

    public static TheoryData<string, string, string, string, string> Parsed => new()
    {
        // image, hostname, repository, tag, digest
        { "nginx", "", "nginx", "", "" },
        { "nginx:1.19", "", "nginx", "1.19", "" },
        { "docker.io/library/nginx:1.0", "docker.io", "library/nginx", "1.0", "" },
        // Karmada splits at the first '/', with no docker.io normalisation.
        { "library/nginx", "library", "nginx", "", "" },
        { "fictional.registry.example:10443/karmada/karmada-controller-manager:v1.0.0", "fictional.registry.example:10443", "karmada/karmada-controller-manager", "v1.0.0", "" },
        { "localhost:5000/app@" + Sha, "localhost:5000", "app", "", Sha },
        // Tag and digest: only the tag is kept.
        { "app:v1@" + Sha, "", "app", "v1", "" },
        { "[::1]:5000/app:v2", "[::1]:5000", "app", "v2", "" },
        { "a__b/c-d--e.f:TAG_1.x-y", "a__b", "c-d--e.f", "TAG_1.x-y", "" },
    };

    [Theory]
    [MemberData(nameof(Parsed))]
    public void Parse_SplitsComponents(string image, string host, string repo, string tag, string digest)
    {
        var r = ImageReference.Parse(image);
        Assert.Equal(host, r.Hostname);
        Assert.Equal(repo, r.Repository);
        Assert.Equal(tag, r.Tag);
        Assert.Equal(digest, r.Digest);
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { "", "repository name must have at least one component" },
        { "Nginx", "repository name must be lowercase" },
        { "nginx:", "invalid reference format" },
        { "nginx:-bad", "invalid reference format" },
        { "app@sha256:abc", "invalid reference format" },
        { "app@sha256:0123456789abcdef0123456789abcdef", "invalid checksum digest length" },
        { "app@md5:0123456789abcdef0123456789abcdef", "unsupported digest algorithm" },
        { "app@sha256:50D858E0985ECC7F60418AAF0CC5AB587F42C2570A884095A9E8CCACD0F6545C", "invalid checksum digest format" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Parse_Invalid_ReportsDistributionError(string image, string error)
    {
        Assert.False(ImageReference.TryParse(image, out _, out var message));
        Assert.Equal(error, message);
    }

    [Fact]
    public void Parse_NameLongerThan255_Fails()
    {
        Assert.False(ImageReference.TryParse(new string('a', 256), out _, out var message));
        Assert.Equal("repository name must not be more than 255 characters", message);
    }

    [Fact]
    public void SetTagOrDigest_InvalidInput_Ignored()
    {
        var r = ImageReference.Parse("nginx:1.0");
        r.SetTagOrDigest("not a tag");
        Assert.Equal("nginx:1.0", r.ToString());
        r.SetTagOrDigest(Sha);
        Assert.Equal("nginx@" + Sha, r.ToString());
        r.SetTagOrDigest("2.0");
        Assert.Equal("nginx:2.0", r.ToString());
    }
}
