using System.Text.Json.Nodes;
using Flotilla.ApiServer.Patch;
using Flotilla.Core;

namespace Flotilla.ApiServer.Tests.Patch;

public class StrategicMergePatchTests
{
    private const string Deploy = "'apiVersion':'apps/v1','kind':'Deployment'";

    private static string Containers(string containers) =>
        "{" + Deploy + ",'spec':{'template':{'spec':{'containers':" + containers + "}}}}";

    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "containers merged by name",
            Containers("[{'name':'a','image':'a:1'},{'name':'b','image':'b:1'}]"),
            "{'spec':{'template':{'spec':{'containers':[{'name':'b','image':'b:2'}]}}}}",
            Containers("[{'name':'a','image':'a:1'},{'name':'b','image':'b:2'}]") },
        { "new container appended",
            Containers("[{'name':'a','image':'a:1'}]"),
            "{'spec':{'template':{'spec':{'containers':[{'name':'c','image':'c:1'}]}}}}",
            Containers("[{'name':'a','image':'a:1'},{'name':'c','image':'c:1'}]") },
        { "container removed by $patch delete",
            Containers("[{'name':'a','image':'a:1'},{'name':'b','image':'b:1'}]"),
            "{'spec':{'template':{'spec':{'containers':[{'$patch':'delete','name':'a'}]}}}}",
            Containers("[{'name':'b','image':'b:1'}]") },
        { "ports merged by containerPort",
            Containers("[{'name':'a','ports':[{'containerPort':80,'name':'http'},{'containerPort':443}]}]"),
            "{'spec':{'template':{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'name':'web'},{'containerPort':9090}]}]}}}}",
            Containers("[{'name':'a','ports':[{'containerPort':80,'name':'web'},{'containerPort':443},{'containerPort':9090}]}]") },
        { "env merged by name",
            Containers("[{'name':'a','env':[{'name':'X','value':'1'},{'name':'Y','value':'2'}]}]"),
            "{'spec':{'template':{'spec':{'containers':[{'name':'a','env':[{'name':'Y','value':'3'},{'name':'Z','value':'4'}]}]}}}}",
            Containers("[{'name':'a','env':[{'name':'X','value':'1'},{'name':'Y','value':'3'},{'name':'Z','value':'4'}]}]") },
        { "null deletes field and list member field",
            Containers("[{'name':'a','image':'a:1','command':['x']}]"),
            "{'spec':{'template':{'spec':{'containers':[{'name':'a','command':null}]}}}}",
            Containers("[{'name':'a','image':'a:1'}]") },
        { "args replaced (no strategy)",
            Containers("[{'name':'a','args':['1','2']}]"),
            "{'spec':{'template':{'spec':{'containers':[{'name':'a','args':['3']}]}}}}",
            Containers("[{'name':'a','args':['3']}]") },
        { "tolerations replaced",
            "{" + Deploy + ",'spec':{'template':{'spec':{'tolerations':[{'key':'a'},{'key':'b'}]}}}}",
            "{'spec':{'template':{'spec':{'tolerations':[{'key':'c'}]}}}}",
            "{" + Deploy + ",'spec':{'template':{'spec':{'tolerations':[{'key':'c'}]}}}}" },
        { "$patch replace on list",
            Containers("[{'name':'a'},{'name':'b'}]"),
            "{'spec':{'template':{'spec':{'containers':[{'name':'z','image':'z'},{'$patch':'replace'}]}}}}",
            Containers("[{'name':'z','image':'z'}]") },
        { "$patch replace on map",
            "{" + Deploy + ",'metadata':{'labels':{'a':'1','b':'2'}}}",
            "{'metadata':{'labels':{'c':'3','$patch':'replace'}}}",
            "{" + Deploy + ",'metadata':{'labels':{'c':'3'}}}" },
        { "$patch delete on map empties it",
            "{" + Deploy + ",'spec':{'strategy':{'type':'Recreate'},'replicas':2}}",
            "{'spec':{'strategy':{'$patch':'delete'}}}",
            "{" + Deploy + ",'spec':{'strategy':{},'replicas':2}}" },
        { "$retainKeys on strategy",
            "{" + Deploy + ",'spec':{'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1}}}}",
            "{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate'}}}",
            "{" + Deploy + ",'spec':{'strategy':{'type':'Recreate'}}}" },
        { "$deleteFromPrimitiveList on finalizers",
            "{" + Deploy + ",'metadata':{'finalizers':['a','b','c']}}",
            "{'metadata':{'$deleteFromPrimitiveList/finalizers':['b']}}",
            "{" + Deploy + ",'metadata':{'finalizers':['a','c']}}" },
        { "finalizers merged as a set",
            "{" + Deploy + ",'metadata':{'finalizers':['a','b']}}",
            "{'metadata':{'finalizers':['b','c']}}",
            "{" + Deploy + ",'metadata':{'finalizers':['a','b','c']}}" },
        { "$setElementOrder reorders containers",
            Containers("[{'name':'a','image':'a'},{'name':'b','image':'b'}]"),
            "{'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'b'},{'name':'a'}],'containers':[{'name':'a','image':'a2'}]}}}}",
            Containers("[{'name':'b','image':'b'},{'name':'a','image':'a2'}]") },
        { "$setElementOrder interleaves server-only items by live position",
            Containers("[{'name':'a'},{'name':'s'},{'name':'b'}]"),
            "{'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'b'},{'name':'a'},{'name':'c'}],'containers':[{'name':'c'}]}}}}",
            Containers("[{'name':'s'},{'name':'b'},{'name':'a'},{'name':'c'}]") },
        { "ownerReferences merged by uid",
            "{" + Deploy + ",'metadata':{'ownerReferences':[{'uid':'1','name':'x'}]}}",
            "{'metadata':{'ownerReferences':[{'uid':'2','name':'y'}]}}",
            "{" + Deploy + ",'metadata':{'ownerReferences':[{'uid':'1','name':'x'},{'uid':'2','name':'y'}]}}" },
        { "status conditions merged by type",
            "{" + Deploy + ",'status':{'conditions':[{'type':'Available','status':'False'},{'type':'Progressing','status':'True'}]}}",
            "{'status':{'conditions':[{'type':'Available','status':'True'}]}}",
            "{" + Deploy + ",'status':{'conditions':[{'type':'Available','status':'True'},{'type':'Progressing','status':'True'}]}}" },
        { "volumes by name, volumeMounts by mountPath",
            "{'apiVersion':'v1','kind':'Pod','spec':{'volumes':[{'name':'v','emptyDir':{}}],'containers':[{'name':'a','volumeMounts':[{'mountPath':'/x','name':'v'}]}]}}",
            "{'spec':{'volumes':[{'name':'w','configMap':{'name':'c'}}],'containers':[{'name':'a','volumeMounts':[{'mountPath':'/y','name':'w'}]}]}}",
            "{'apiVersion':'v1','kind':'Pod','spec':{'volumes':[{'name':'v','emptyDir':{}},{'name':'w','configMap':{'name':'c'}}],'containers':[{'name':'a','volumeMounts':[{'mountPath':'/x','name':'v'},{'mountPath':'/y','name':'w'}]}]}}" },
        { "volume source switched with $retainKeys inside a list element",
            "{'apiVersion':'v1','kind':'Pod','spec':{'volumes':[{'name':'v','emptyDir':{}},{'name':'w','secret':{'secretName':'s'}}]}}",
            "{'spec':{'volumes':[{'$retainKeys':['configMap','name'],'name':'v','configMap':{'name':'cm'}}]}}",
            "{'apiVersion':'v1','kind':'Pod','spec':{'volumes':[{'name':'v','configMap':{'name':'cm'}},{'name':'w','secret':{'secretName':'s'}}]}}" },
        { "$setElementOrder on primitive finalizers",
            "{" + Deploy + ",'metadata':{'finalizers':['a','b']}}",
            "{'metadata':{'$setElementOrder/finalizers':['c','b','a'],'finalizers':['c']}}",
            "{" + Deploy + ",'metadata':{'finalizers':['c','b','a']}}" },
        { "imagePullSecrets merged by name",
            "{'apiVersion':'v1','kind':'Pod','spec':{'imagePullSecrets':[{'name':'a'}]}}",
            "{'spec':{'imagePullSecrets':[{'name':'b'}]}}",
            "{'apiVersion':'v1','kind':'Pod','spec':{'imagePullSecrets':[{'name':'a'},{'name':'b'}]}}" },
        { "cronjob reaches pod spec",
            "{'apiVersion':'batch/v1','kind':'CronJob','spec':{'jobTemplate':{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'1'},{'name':'b'}]}}}}}}",
            "{'spec':{'jobTemplate':{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'2'}]}}}}}}",
            "{'apiVersion':'batch/v1','kind':'CronJob','spec':{'jobTemplate':{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'2'},{'name':'b'}]}}}}}}" },
        { "service port change by port",
            "{'apiVersion':'v1','kind':'Service','spec':{'selector':{'app':'a'},'ports':[{'port':80,'targetPort':8080},{'port':443,'targetPort':8443}]}}",
            "{'spec':{'ports':[{'port':80,'targetPort':9090}]}}",
            "{'apiVersion':'v1','kind':'Service','spec':{'selector':{'app':'a'},'ports':[{'port':80,'targetPort':9090},{'port':443,'targetPort':8443}]}}" },
        { "new nested value has nulls and directives dropped",
            "{" + Deploy + "}",
            "{'spec':{'template':{'spec':{'containers':[{'name':'a','image':null},{'$patch':'delete','name':'b'}]}}}}",
            "{" + Deploy + ",'spec':{'template':{'spec':{'containers':[{'name':'a'}]}}}}" },
        { "unknown kind merges maps, replaces lists",
            "{'apiVersion':'example.com/v1','kind':'Widget','spec':{'a':1,'items':[{'name':'x'}]}}",
            "{'spec':{'b':2,'items':[{'name':'y'}]}}",
            "{'apiVersion':'example.com/v1','kind':'Widget','spec':{'a':1,'b':2,'items':[{'name':'y'}]}}" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Apply_MergesLikeKubernetes(string name, string original, string patch, string expected)
    {
        var o = Json.Obj(original);
        var before = o.ToJsonString();
        Json.Equal(expected, StrategicMergePatch.Apply(o, Json.Obj(patch), BuiltInPatchMeta.Instance));
        Assert.Equal(before, o.ToJsonString());
        Assert.NotNull(name);
    }

    [Fact]
    public void Apply_KubectlApplyThreeWayPatch_UpdatesImageReplicasAndLastApplied()
    {
        var live = Json.Obj("""
            {'apiVersion':'apps/v1','kind':'Deployment',
             'metadata':{'name':'nginx','annotations':{'kubectl.kubernetes.io/last-applied-configuration':'old','deployment.kubernetes.io/revision':'1'},'labels':{'app':'nginx'}},
             'spec':{'replicas':1,'selector':{'matchLabels':{'app':'nginx'}},
               'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':'25%','maxUnavailable':'25%'}},
               'template':{'metadata':{'labels':{'app':'nginx'}},'spec':{'containers':[
                  {'name':'nginx','image':'nginx:1.24','ports':[{'containerPort':80,'protocol':'TCP'}],'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}],'imagePullPolicy':'IfNotPresent'},
                  {'name':'sidecar','image':'busybox'}]}}}}
            """);
        // shape kubectl apply sends after editing the manifest: new image, replicas 3, env B dropped, sidecar dropped
        var patch = Json.Obj("""
            {'metadata':{'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'new'}},
             'spec':{'replicas':3,'template':{'spec':{
               '$setElementOrder/containers':[{'name':'nginx'}],
               'containers':[{'$setElementOrder/env':[{'name':'A'}],'env':[{'$patch':'delete','name':'B'}],'image':'nginx:1.25','name':'nginx'},
                             {'$patch':'delete','name':'sidecar'}]}}}}
            """);
        var result = StrategicMergePatch.Apply(live, patch, BuiltInPatchMeta.Instance);
        Assert.Equal("new", result.Annotation("kubectl.kubernetes.io/last-applied-configuration"));
        Assert.Equal("1", result.Annotation("deployment.kubernetes.io/revision"));
        Assert.Equal(3, result.At("spec.replicas")!.GetValue<int>());
        Json.Equal("""
            [{'name':'nginx','image':'nginx:1.25','ports':[{'containerPort':80,'protocol':'TCP'}],'env':[{'name':'A','value':'1'}],'imagePullPolicy':'IfNotPresent'}]
            """, result.At("spec.template.spec.containers"));
        Json.Equal("{'type':'RollingUpdate','rollingUpdate':{'maxSurge':'25%','maxUnavailable':'25%'}}", result.At("spec.strategy"));
    }

    [Fact]
    public void Apply_MissingMergeKey_IsInternalErrorAsKubernetes()
    {
        var ex = Assert.Throws<ApiStatusException>(() => StrategicMergePatch.Apply(
            Json.Obj(Containers("[{'name':'a'}]")),
            Json.Obj("{'spec':{'template':{'spec':{'containers':[{'image':'x'}]}}}}"),
            BuiltInPatchMeta.Instance));
        Assert.Equal(500, ex.Code);
        Assert.Contains("does not contain declared merge key: name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_UnknownDirective_IsBadRequest()
    {
        var ex = Assert.Throws<ApiStatusException>(() => StrategicMergePatch.Apply(
            Json.Obj("{" + Deploy + ",'spec':{}}"), Json.Obj("{'spec':{'$patch':'explode'}}"), BuiltInPatchMeta.Instance));
        Assert.Equal(400, ex.Code);
    }

    [Fact]
    public void Apply_PatchKeyOutsideRetainKeys_Is422()
    {
        var ex = Assert.Throws<ApiStatusException>(() => StrategicMergePatch.Apply(
            Json.Obj("{" + Deploy + ",'spec':{'strategy':{'type':'Recreate'}}}"),
            Json.Obj("{'spec':{'strategy':{'$retainKeys':['type'],'type':'RollingUpdate','rollingUpdate':{}}}}"),
            BuiltInPatchMeta.Instance));
        Assert.Equal(422, ex.Code);
    }

    public static TheoryData<string, string, bool> Kinds => new()
    {
        { "apps/v1", "Deployment", true },
        { "v1", "Pod", true },
        { "v1", "ConfigMap", true },
        { "batch/v1", "CronJob", true },
        { "policy.karmada.io/v1alpha1", "PropagationPolicy", false },
        { "work.karmada.io/v1alpha2", "ResourceBinding", false },
        { "example.com/v1", "Widget", false },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Supports_BuiltInKindsOnly(string apiVersion, string kind, bool expected)
    {
        Assert.Equal(expected, StrategicMergePatch.Supports(GroupVersionKind.From(apiVersion, kind)));
    }

    [Fact]
    public void StrategicMergeUnsupported_Is415WithKubernetesMessage()
    {
        var ex = PatchErrors.StrategicMergeUnsupported();
        Assert.Equal(415, ex.Code);
        Assert.Equal("the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml", ex.Message);
    }

    public static TheoryData<string, string, string[], string?, string?> Meta => new()
    {
        { "apps/v1", "Deployment", ["spec", "template", "spec", "containers"], "merge", "name" },
        { "apps/v1", "StatefulSet", ["spec", "template", "spec", "initContainers"], "merge", "name" },
        { "v1", "Pod", ["spec", "containers", "ports"], "merge", "containerPort" },
        { "v1", "Pod", ["spec", "volumes"], "merge,retainKeys", "name" },
        { "v1", "Pod", ["spec", "tolerations"], null, null },
        { "v1", "Pod", ["spec", "containers", "envFrom"], null, null },
        { "v1", "Service", ["spec", "ports"], "merge", "port" },
        { "v1", "ServiceAccount", ["secrets"], "merge", "name" },
        { "apps/v1", "DaemonSet", ["metadata", "ownerReferences"], "merge", "uid" },
        { "apps/v1", "DaemonSet", ["metadata", "finalizers"], "merge", null },
        { "batch/v1", "Job", ["status", "conditions"], "merge", "type" },
        { "v1", "Endpoints", ["subsets"], null, null },
        { "v1", "ServiceAccount", ["imagePullSecrets"], null, null },
        { "v1", "Node", ["spec", "podCIDRs"], "merge", null },
        { "v1", "Node", ["spec", "taints"], null, null },
        { "v1", "Node", ["status", "addresses"], "merge", "type" },
        { "admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", ["webhooks"], "merge", "name" },
    };

    [Theory]
    [MemberData(nameof(Meta))]
    public void BuiltInPatchMeta_TableMatchesGoStructTags(string apiVersion, string kind, string[] path, string? strategy, string? key)
    {
        var m = BuiltInPatchMeta.Instance.Lookup(GroupVersionKind.From(apiVersion, kind), path);
        Assert.Equal(strategy, m?.Strategy);
        Assert.Equal(key, m?.MergeKey);
    }
}
