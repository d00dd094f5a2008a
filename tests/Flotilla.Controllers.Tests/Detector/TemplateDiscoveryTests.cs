using Flotilla.Controllers.Detector;
using Flotilla.Controllers.Tests.Binding;
using Flotilla.Core;
using Flotilla.Runtime.Informers;

namespace Flotilla.Controllers.Tests.Detector;

public sealed class TemplateDiscoveryTests : IAsyncDisposable
{
    private readonly SharedInformerFactory _informers = new(Fixture.ControlPlane());

    public ValueTask DisposeAsync() => _informers.DisposeAsync();

    private static ApiResource Resource(string apiVersion, string kind, string? plural = null, IReadOnlyList<string>? verbs = null)
    {
        var gv = GroupVersion.Parse(apiVersion);
        return new ApiResource
        {
            Group = gv.Group, Version = gv.Version, Kind = kind, Plural = plural ?? kind.ToLowerInvariant() + "s",
            Singular = kind.ToLowerInvariant(), Namespaced = true, Verbs = verbs ?? ApiResource.StandardVerbs,
        };
    }

    public static TheoryData<string, ApiResource, string, bool> Cases => new()
    {
        // because, resource, --skipped-propagating-apis (';'-joined), propagatable
        { "Deployment", Resource("apps/v1", "Deployment"), "", true },
        { "ConfigMap", Resource("v1", "ConfigMap"), "", true },
        { "a CRD", Resource("example.io/v1", "Widget"), "", true },
        { "cluster.karmada.io", Resource("cluster.karmada.io/v1alpha1", "Cluster"), "", false },
        { "policy.karmada.io", Resource("policy.karmada.io/v1alpha1", "PropagationPolicy", "propagationpolicies"), "", false },
        { "work.karmada.io", Resource("work.karmada.io/v1alpha2", "ResourceBinding"), "", false },
        { "config.karmada.io", Resource("config.karmada.io/v1alpha1", "ResourceInterpreterCustomization"), "", false },
        { "networking.karmada.io", Resource("networking.karmada.io/v1alpha1", "MultiClusterService"), "", false },
        { "autoscaling.karmada.io", Resource("autoscaling.karmada.io/v1alpha1", "FederatedHPA"), "", false },
        { "apps.karmada.io", Resource("apps.karmada.io/v1alpha1", "WorkloadRebalancer"), "", false },
        { "remedy.karmada.io", Resource("remedy.karmada.io/v1alpha1", "Remedy"), "", false },
        { "core Event", Resource("v1", "Event"), "", false },
        { "events.k8s.io Event", Resource("events.k8s.io/v1", "Event"), "", false },
        { "coordination Lease", Resource("coordination.k8s.io/v1", "Lease"), "", false },
        { "mcs ServiceExport is propagated", Resource("multicluster.x-k8s.io/v1alpha1", "ServiceExport"), "", true },
        { "subresource", Resource("apps/v1", "Scale", "deployments/scale"), "", false },
        { "not watchable", Resource("authorization.k8s.io/v1", "SubjectAccessReview", verbs: ["create"]), "", false },
        { "skipped group", Resource("networking.k8s.io/v1", "Ingress"), "networking.k8s.io", false },
        { "skipped group, other group kept", Resource("apps/v1", "Deployment"), "networking.k8s.io", true },
        { "skipped group/version", Resource("networking.k8s.io/v1beta1", "Ingress"), "networking.k8s.io/v1beta1", false },
        { "skipped group/version, other version kept", Resource("networking.k8s.io/v1", "Ingress"), "networking.k8s.io/v1beta1", true },
        { "skipped kind", Resource("apps/v1", "StatefulSet"), "apps/v1/StatefulSet", false },
        { "skipped kind list, second kind", Resource("apps/v1", "DaemonSet"), "apps/v1/StatefulSet,DaemonSet", false },
        { "skipped kind list, other kind kept", Resource("apps/v1", "Deployment"), "apps/v1/StatefulSet,DaemonSet", true },
        { "skipped core kinds", Resource("v1", "Secret"), "v1/ConfigMap,Secret", false },
        { "skipped core kinds, other kind kept", Resource("v1", "Service"), "v1/ConfigMap,Secret", true },
        { "v1 alone is a group name, not the core group", Resource("v1", "ConfigMap"), "v1", true },
        { "several entries joined with ';'", Resource("batch/v1", "Job"), "example.io;batch/v1/Job", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void IsPropagatable(string because, ApiResource resource, string skipped, bool expected)
    {
        var discovery = new TemplateDiscovery(Fixture.ControlPlane(), _informers, new DetectorOptions { SkippedPropagatingApis = [skipped] });
        Assert.True(expected == discovery.IsPropagatable(resource), because);
    }

    [Fact]
    public void SkippedPropagatingApis_TooManySlashes_IsRejected() =>
        Assert.Throws<FormatException>(() => SkippedPropagatingApis.Parse(["apps/v1/Deployment/x"]));
}
