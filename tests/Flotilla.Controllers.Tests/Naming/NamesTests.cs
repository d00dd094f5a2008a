using Flotilla.Core.Karmada;

namespace Flotilla.Controllers.Tests.Naming;

public class NamesTests
{
    public static TheoryData<string, string, string?, string> WorkNames => new()
    {
        // Karmada docs: Deployment default/nginx → nginx-687f7fb96f.
        { "Deployment", "nginx", "default", "nginx-687f7fb96f" },
        // Names are lower-cased and ':' becomes '.', also inside the hashed key.
        { "ClusterRole", "system:Admin", null, "system.admin-" + Names.SafeEncodeString(Names.Fnv1a32("system.admin-clusterrole").ToString(System.Globalization.CultureInfo.InvariantCulture)) },
        { "Namespace", "team-a", null, "team-a-" + Names.SafeEncodeString(Names.Fnv1a32("team-a-namespace").ToString(System.Globalization.CultureInfo.InvariantCulture)) },
        { "ConfigMap", "redis-config", "default", "redis-config-" + Names.SafeEncodeString(Names.Fnv1a32("default-redis-config-configmap").ToString(System.Globalization.CultureInfo.InvariantCulture)) },
    };

    [Theory]
    [MemberData(nameof(WorkNames))]
    public void WorkName_Template_MatchesKarmada(string kind, string name, string? ns, string expected) =>
        Assert.Equal(expected, Names.WorkName(kind, name, ns));

    public static TheoryData<string, uint> Fnv => new()
    {
        { "", 2166136261u },
        { "a", 0xe40c292cu },
        { "foobar", 0xbf9cf968u },
    };

    [Theory]
    [MemberData(nameof(Fnv))]
    public void Fnv1a32_KnownVectors(string input, uint expected) => Assert.Equal(expected, Names.Fnv1a32(input));

    [Fact]
    public void SafeEncodeString_MapsDigitsThroughAlphabet() =>
        // '0' = 48 → 48 % 27 = 21 → '4'; '9' = 57 → 3 → 'f'.
        Assert.Equal("4f", Names.SafeEncodeString("09"));

    public static TheoryData<string, string, string> BindingNames => new()
    {
        { "Deployment", "nginx", "nginx-deployment" },
        { "ClusterRole", "system:Controller", "system.controller-clusterrole" },
        { "CustomResourceDefinition", "gitrepositories.source.toolkit.fluxcd.io", "gitrepositories.source.toolkit.fluxcd.io-customresourcedefinition" },
    };

    [Theory]
    [MemberData(nameof(BindingNames))]
    public void BindingName_LowerNameDashKind(string kind, string name, string expected) =>
        Assert.Equal(expected, Names.BindingName(kind, name));

    [Fact]
    public void ExecutionSpace_RoundTrips()
    {
        Assert.Equal("karmada-es-member1", Names.ExecutionSpace("member1"));
        Assert.Equal("member1", Names.ClusterNameOfExecutionSpace("karmada-es-member1"));
        Assert.Null(Names.ClusterNameOfExecutionSpace("default"));
        Assert.Throws<ArgumentException>(() => Names.ExecutionSpace(""));
    }

    [Fact]
    public void DerivedNames()
    {
        Assert.Equal("derived-svc-foo", Names.DerivedServiceName("svc-foo"));
        Assert.Equal("imported-member1-svc-foo-abc", Names.ImportedEndpointSliceName("member1", "svc-foo-abc"));
        Assert.Equal("karmada-member1", Names.ServiceAccountName("member1"));
    }

    [Fact]
    public void BindingReferenceKey_HashesNamespaceSlashName() =>
        Assert.Equal(
            Names.SafeEncodeString(Names.Fnv1a32("default/nginx-deployment").ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Names.BindingReferenceKey("default", "nginx-deployment"));
}
