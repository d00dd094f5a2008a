using Flotilla.ApiServer.Schema;

namespace Flotilla.ApiServer.Components;

/// <summary>The pluggable parts of one API server. <see cref="CreateDefault"/> is the one place that chooses the
/// implementations, so swapping in the schema-driven ones is a one-line change.</summary>
public sealed record ApiServerComponents(IAdmission Admission, ISchemaRegistry Schemas, ITableConverter Tables)
{
    /// <summary>The control plane's components.</summary>
    public static ApiServerComponents CreateDefault(TimeProvider? time = null)
    {
        var schemas = new SchemaRegistry();
        return new(new SchemaAdmission(schemas, time), schemas, new KubeTableConverter(schemas, time ?? TimeProvider.System));
    }

    /// <summary>Raw storage semantics with no kind-specific validation (simulated members, tests).</summary>
    public static ApiServerComponents CreatePassThrough(TimeProvider? time = null) =>
        new(PassThroughAdmission.Instance, new EmptySchemaRegistry(), new NameAgeTableConverter(time));
}
