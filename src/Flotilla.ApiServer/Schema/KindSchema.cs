using Flotilla.Core;

namespace Flotilla.ApiServer.Schema;

/// <summary>One kind as the schema registry knows it: its OpenAPI definition name, plural and scope.</summary>
public sealed record KindSchema(GroupVersionKind Gvk, string DefinitionName, string Plural, bool Namespaced);
