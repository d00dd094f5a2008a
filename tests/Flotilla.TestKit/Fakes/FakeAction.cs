using Flotilla.Core;
using Flotilla.Core.Client;

namespace Flotilla.TestKit.Fakes;

/// <summary>One request a <see cref="FakeKubeClient"/> received: verb ("get", "list", "watch", "create", "update",
/// "patch", "delete"), resource, subresource ("status" or null) and the object's key (empty name for list/watch).</summary>
public sealed record FakeAction(string Verb, GroupVersionResource Resource, string? Subresource, ObjectKey Key)
{
    /// <summary>True for create, update, patch and delete.</summary>
    public bool IsWrite => Verb is FakeVerbs.Create or FakeVerbs.Update or FakeVerbs.Patch or FakeVerbs.Delete;

    public override string ToString() =>
        $"{Verb} {Resource}{(Subresource is null ? "" : "/" + Subresource)} {Key}";
}

/// <summary>The verbs a <see cref="FakeAction"/> carries.</summary>
public static class FakeVerbs
{
    public const string Get = "get";
    public const string List = "list";
    public const string Watch = "watch";
    public const string Create = "create";
    public const string Update = "update";
    public const string Patch = "patch";
    public const string Delete = "delete";
}

/// <summary>Lets a test fail chosen requests: return an exception to throw it instead of serving the request.</summary>
public delegate Exception? FakeReactor(FakeAction action);

/// <summary>Convenience: what a test usually wants to assert about a write.</summary>
public static class FakeActionExtensions
{
    public static IReadOnlyList<FakeAction> Writes(this IEnumerable<FakeAction> actions) => actions.Where(a => a.IsWrite).ToList();

    public static bool Is(this FakeAction a, string verb, GroupVersionResource resource, string? subresource = null) =>
        a.Verb == verb && a.Resource == resource && a.Subresource == subresource;

    internal static FakeAction For(string verb, GroupVersionResource gvr, WriteOptions? options, string? ns, string? name) =>
        new(verb, gvr, string.IsNullOrEmpty(options?.Subresource) ? null : options!.Subresource, new ObjectKey(ns ?? "", name ?? ""));
}
