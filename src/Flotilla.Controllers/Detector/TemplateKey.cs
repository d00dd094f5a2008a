using Flotilla.Core;

namespace Flotilla.Controllers.Detector;

/// <summary>A resource template: its resource, kind, namespace ("" when cluster-scoped) and name.</summary>
public readonly record struct TemplateKey(GroupVersionResource Resource, string Kind, string Namespace, string Name)
{
    public override string ToString() => $"{Resource.Resource}.{Resource.Group}:{(Namespace.Length == 0 ? Name : Namespace + "/" + Name)}";
}
