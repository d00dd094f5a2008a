using Flotilla.ApiServer.Patch;
using Flotilla.Core;

namespace Flotilla.ApiServer.Tests.Patch;

public class PatcherTests
{
    private static readonly GroupVersionKind Deployment = new("apps", "v1", "Deployment");
    private static readonly GroupVersionKind Policy = new("policy.karmada.io", "v1alpha1", "PropagationPolicy");

    private const string Live = "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'x'},'spec':{'replicas':1,'template':{'spec':{'containers':[{'name':'a','image':'1'},{'name':'b'}]}}}}";

    public static TheoryData<string, string, string, string> Applies => new()
    {
        { "json patch", "application/json-patch+json", "[{'op':'replace','path':'/spec/replicas','value':4}]", "spec.replicas=4" },
        { "merge patch with charset", "application/merge-patch+json; charset=utf-8", "{'spec':{'replicas':5}}", "spec.replicas=5" },
        { "strategic", "application/strategic-merge-patch+json", "{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'2'}]}}}}", "containers=2" },
        { "merge replaces list", "application/merge-patch+json", "{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'2'}]}}}}", "containers=1" },
    };

    [Theory]
    [MemberData(nameof(Applies))]
    public void Apply_DispatchesOnContentType(string name, string contentType, string patch, string check)
    {
        var result = Patcher.Apply(contentType, Json.Obj(Live), Json.Parse(patch), Deployment, BuiltInPatchMeta.Instance);
        var (path, value) = (check.Split('=')[0], int.Parse(check.Split('=')[1], System.Globalization.CultureInfo.InvariantCulture));
        if (path == "containers") Assert.Equal(value, result.At("spec.template.spec.containers")!.AsArray().Count);
        else Assert.Equal(value, result.At(path)!.GetValue<int>());
        Assert.NotNull(name);
    }

    public static TheoryData<string, string, string, bool, int> Errors => new()
    {
        { "strategic on custom resource", "application/strategic-merge-patch+json", "{}", false, 415 },
        { "unknown type", "text/plain", "{}", true, 415 },
        { "json patch not array", "application/json-patch+json", "{}", true, 400 },
        { "merge patch not object", "application/merge-patch+json", "[1]", true, 400 },
        { "strategic not object", "application/strategic-merge-patch+json", "[1]", true, 400 },
        { "json patch to non-object", "application/json-patch+json", "[{'op':'replace','path':'','value':1}]", true, 422 },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Apply_RejectsAsKubeApiserver(string name, string contentType, string patch, bool builtIn, int code)
    {
        var ex = Assert.Throws<ApiStatusException>(() =>
            Patcher.Apply(contentType, Json.Obj(Live), Json.Parse(patch), builtIn ? Deployment : Policy, BuiltInPatchMeta.Instance));
        Assert.Equal(code, ex.Code);
        Assert.NotNull(name);
    }

    [Fact]
    public void UnsupportedType_ListsAcceptedTypesInKubernetesOrder()
    {
        var ex = Assert.Throws<ApiStatusException>(() => Patcher.Apply("text/plain", Json.Obj(Live), Json.Obj("{}"), Deployment, BuiltInPatchMeta.Instance));
        Assert.Equal("the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml", ex.Message);
    }

    [Fact]
    public void FieldManagerRequired_MatchesPatchOptionsValidation()
    {
        var ex = Assert.Throws<ApiStatusException>(() =>
            ServerSideApply.Apply(null, Json.Obj("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'}}"), "", false, BuiltInPatchMeta.Instance, "v1", DateTimeOffset.UnixEpoch));
        Assert.Equal(422, ex.Code);
        Assert.Equal("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch", ex.Message);
    }

    [Fact]
    public void Apply_WrongVersionInBody_IsBadRequest()
    {
        var ex = Assert.Throws<ApiStatusException>(() =>
            ServerSideApply.Apply(null, Json.Obj("{'apiVersion':'apps/v1beta1','kind':'Deployment','metadata':{'name':'c'}}"), "m", false, BuiltInPatchMeta.Instance, "apps/v1", DateTimeOffset.UnixEpoch));
        Assert.Equal(400, ex.Code);
        Assert.Contains("Incorrect version specified in apply patch", ex.Message, StringComparison.Ordinal);
    }
}
