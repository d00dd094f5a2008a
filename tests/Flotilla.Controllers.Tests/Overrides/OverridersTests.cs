using System.Text.Json.Nodes;
using Flotilla.Controllers.Overrides;
using Flotilla.Core.Karmada;

namespace Flotilla.Controllers.Tests.Overrides;

public class OverridersTests
{
    private const string Sha = "sha256:50d858e0985ecc7f60418aaf0cc5ab587f42c2570a884095a9e8ccacd0f6545c";

    internal static JsonObject Deployment(string image = "nginx:1.19", string? image2 = null) => JsonNode.Parse($$"""
        {
          "apiVersion": "apps/v1", "kind": "Deployment",
          "metadata": { "name": "nginx", "namespace": "default", "labels": { "app": "nginx", "for": "for", "bar": "bar" },
                        "annotations": { "bom": "bom", "emma": "emma" } },
          "spec": { "replicas": 2, "selector": { "matchLabels": { "app": "nginx" } },
            "template": { "metadata": { "labels": { "app": "nginx" } }, "spec": {
              "initContainers": [ { "name": "init", "image": "busybox:1.36" } ],
              "containers": [ { "name": "nginx", "image": "{{image}}", "args": ["--a", "--b"] }
                              {{(image2 is null ? "" : $", {{ \"name\": \"sidecar\", \"image\": \"{image2}\" }}")}} ] } } }
        }
        """)!.AsObject();

    private static OverrideResult Run(JsonObject template, Overriders overriders, string cluster = "member1") =>
        new OverrideEngine().Apply(
            template,
            OverrideTargetCluster.Named(cluster),
            [],
            [new OverridePolicyEntry("p", "default", new OverridePolicySpec { OverrideRules = [new RuleWithCluster { Overriders = overriders }] })]);

    private static string Image(JsonObject o, int i = 0) =>
        o["spec"]!["template"]!["spec"]!["containers"]![i]!["image"]!.GetValue<string>();

    public static TheoryData<string, string, string, string?, string> ImageCases => new()
    {
        // image, component, operator, value, expected
        { "registry.k8s.io/pause:3.9", "Registry", "add", "-cn", "registry.k8s.io-cn/pause:3.9" },
        { "nginx:1.0", "Registry", "replace", "myreg.io", "myreg.io/nginx:1.0" },
        { "myreg.io:5000/app:v1", "Registry", "replace", "other.io:443", "other.io:443/app:v1" },
        { "myreg.io:5000/app:v1", "Registry", "remove", null, "app:v1" },
        { "nginx:1.0", "Repository", "add", "-alpine", "nginx-alpine:1.0" },
        { "a.io/foo/bar:1", "Repository", "replace", "baz", "a.io/baz:1" },
        { "a.io/foo:1", "Repository", "remove", null, "a.io/:1" },
        { "nginx:1.0", "Tag", "add", "-alpine", "nginx:1.0-alpine" },
        { "nginx", "Tag", "replace", "1.25", "nginx:1.25" },
        { "nginx:1.0", "Tag", "replace", Sha, "nginx@" + Sha },
        { "nginx:1.0", "Tag", "remove", null, "nginx" },
        { "nginx@" + Sha, "Tag", "remove", null, "nginx" },
        { "nginx:1.0", "Tag", "replace", "not a tag", "nginx:1.0" },
        { "localhost:5000/app@" + Sha, "Tag", "replace", "v2", "localhost:5000/app:v2" },
    };

    [Theory]
    [MemberData(nameof(ImageCases))]
    public void ImageOverrider_AllContainers(string image, string component, string op, string? value, string expected)
    {
        var template = Deployment(image, image);
        var result = Run(template, new Overriders { ImageOverrider = [new ImageOverrider { Component = component, Operator = op, Value = value }] });
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(expected, Image(result.Manifest));
        Assert.Equal(expected, Image(result.Manifest, 1));
        // Init containers are not touched (Karmada only walks containers), nor is the template.
        Assert.Equal("busybox:1.36", result.Manifest["spec"]!["template"]!["spec"]!["initContainers"]![0]!["image"]!.GetValue<string>());
        Assert.Equal(image, Image(template));
    }

    [Fact]
    public void ImageOverrider_Predicate_OnlyThatPath()
    {
        var result = Run(Deployment("nginx:1", "envoy:1"), new Overriders
        {
            ImageOverrider = [new ImageOverrider { Predicate = new ImagePredicate { Path = "/spec/template/spec/containers/1/image" }, Component = "Registry", Operator = "replace", Value = "r.io" }],
        });
        Assert.True(result.Succeeded);
        Assert.Equal("nginx:1", Image(result.Manifest));
        Assert.Equal("r.io/envoy:1", Image(result.Manifest, 1));
    }

    public static TheoryData<string, string> PredicateErrors => new()
    {
        { "/spec/template/spec/containers/x/image", "is not number" },
        { "/spec/template/spec/containers/7/image", "out of range" },
        { "/spec/replicas/image", "is not map" },
        { "/spec/template/spec/containers/0/name2", "to string" },
    };

    [Theory]
    [MemberData(nameof(PredicateErrors))]
    public void ImageOverrider_BadPredicate_ErrorNamesPolicyAndOverrider(string path, string fragment)
    {
        var result = Run(Deployment(), new Overriders
        {
            ImageOverrider = [new ImageOverrider { Component = "Tag", Operator = "replace", Value = "x" }, new ImageOverrider { Predicate = new ImagePredicate { Path = path }, Component = "Tag", Operator = "replace", Value = "x" }],
        });
        Assert.False(result.Succeeded);
        Assert.Equal("p", result.Error.PolicyName);
        Assert.Equal("imageOverrider", result.Error.Overrider);
        Assert.Equal(1, result.Error.OverriderIndex);
        Assert.Contains(fragment, result.Error.Message, StringComparison.Ordinal);
        Assert.StartsWith("OverridePolicy(default/p) overrideRules[0].imageOverrider[1]: ", result.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ImageOverrider_InvalidImage_Fails()
    {
        var result = Run(Deployment("Bad:Image"), new Overriders { ImageOverrider = [new ImageOverrider { Component = "Tag", Operator = "remove" }] });
        Assert.False(result.Succeeded);
        Assert.Contains("failed to parse image value(Bad:Image)", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImageOverrider_PodUsesSpecContainers_OtherKindsIgnored()
    {
        var pod = JsonNode.Parse("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"default"},"spec":{"containers":[{"name":"c","image":"busybox"}]}}""")!.AsObject();
        var result = Run(pod, new Overriders { ImageOverrider = [new ImageOverrider { Component = "Tag", Operator = "replace", Value = "1.36" }] });
        Assert.Equal("busybox:1.36", result.Manifest!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());

        var cm = JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"default"},"data":{"image":"x"}}""")!.AsObject();
        var cmResult = Run(cm, new Overriders { ImageOverrider = [new ImageOverrider { Component = "Tag", Operator = "replace", Value = "1" }] });
        Assert.True(cmResult.Succeeded);
        Assert.Equal(cm.ToJsonString(), cmResult.Manifest.ToJsonString());
    }

    public static TheoryData<string, string> WorkloadKinds => new()
    {
        // apiVersion, kind: every kind whose pod template Karmada's imageOverrider walks without a predicate
        { "apps/v1", "ReplicaSet" },
        { "apps/v1", "StatefulSet" },
        { "apps/v1", "DaemonSet" },
        { "batch/v1", "Job" },
        { "apps/v1", "Deployment" },
    };

    [Theory]
    [MemberData(nameof(WorkloadKinds))]
    public void ImageOverrider_NoPredicate_EveryContainerOfThePodTemplate(string apiVersion, string kind)
    {
        var workload = Deployment("nginx:1.19", "envoy:1.30");
        workload["apiVersion"] = apiVersion;
        workload["kind"] = kind;
        var result = Run(workload, new Overriders { ImageOverrider = [new ImageOverrider { Component = "Registry", Operator = "replace", Value = "mirror.io" }] });
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(["mirror.io/nginx:1.19", "mirror.io/envoy:1.30"], [Image(result.Manifest), Image(result.Manifest, 1)]);
        Assert.Equal("busybox:1.36", result.Manifest["spec"]!["template"]!["spec"]!["initContainers"]![0]!["image"]!.GetValue<string>());
    }

    [Fact]
    public void ImageOverrider_NoPredicate_CronJobIsNotCovered()
    {
        // Karmada's automatic paths stop at Job: a CronJob's jobTemplate needs a predicate.
        var cronJob = JsonNode.Parse("""
            {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"c","namespace":"default"},
             "spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"busybox"}]}}}}}}
            """)!.AsObject();
        var result = Run(cronJob, new Overriders { ImageOverrider = [new ImageOverrider { Component = "Tag", Operator = "replace", Value = "1" }] });
        Assert.True(result.Succeeded);
        Assert.Equal(cronJob.ToJsonString(), result.Manifest.ToJsonString());
    }

    public static TheoryData<string, Overriders> UnknownOperators => new()
    {
        { "imageOverrider", new Overriders { ImageOverrider = [new ImageOverrider { Component = "Tag", Operator = "set", Value = "1" }] } },
        { "imageOverrider", new Overriders { ImageOverrider = [new ImageOverrider { Component = "Tag", Operator = "Replace", Value = "1" }] } },
        { "commandOverrider", new Overriders { CommandOverrider = [new CommandArgsOverrider { ContainerName = "nginx", Operator = "replace", Value = ["x"] }] } },
        { "argsOverrider", new Overriders { ArgsOverrider = [new CommandArgsOverrider { ContainerName = "nginx", Operator = "insert", Value = ["x"] }] } },
        { "labelsOverrider", new Overriders { LabelsOverrider = [new LabelAnnotationOverrider { Operator = "upsert", Value = new Dictionary<string, string> { ["a"] = "b" } }] } },
        { "annotationsOverrider", new Overriders { AnnotationsOverrider = [new LabelAnnotationOverrider { Operator = "delete", Value = new Dictionary<string, string> { ["bom"] = "" } }] } },
        { "fieldOverrider", new Overriders { FieldOverrider = [new FieldOverrider { FieldPath = "/metadata/annotations/emma", Json = [new FieldPatchOperation { SubPath = "/a", Operator = "move", Value = JsonValue.Create(1) }] }] } },
        { "plaintext", new Overriders { Plaintext = [new PlaintextOverrider { Operator = "copy", Path = "/spec/replicas", Value = JsonValue.Create(3) }] } },
    };

    [Theory]
    [MemberData(nameof(UnknownOperators))]
    public void Overrider_UnknownOperator_FailsTheRule(string overrider, Overriders overriders)
    {
        var template = Deployment();
        template["metadata"]!["annotations"]!["emma"] = """{"a":1}""";
        var result = Run(template, overriders);
        Assert.False(result.Succeeded, overrider + " accepted an unknown operator");
        Assert.Equal((overrider, 0), (result.Error.Overrider, result.Error.OverriderIndex));
        Assert.Matches("(unsupported|unexpected) operat", result.Error.Message);
    }

    public static TheoryData<string, string, string[], string> CommandArgsCases => new()
    {
        // target, operator, values, expected JSON of the field
        { "args", "add", ["--c"], """["--a","--b","--c"]""" },
        { "args", "remove", ["--a", "--zz"], """["--b"]""" },
        { "command", "add", ["sh", "-c"], """["sh","-c"]""" },
        { "command", "remove", ["sh"], "[]" },
    };

    [Theory]
    [MemberData(nameof(CommandArgsCases))]
    public void CommandArgsOverrider_ByContainerName(string target, string op, string[] values, string expected)
    {
        var item = new CommandArgsOverrider { ContainerName = "nginx", Operator = op, Value = values };
        var overriders = target == "args" ? new Overriders { ArgsOverrider = [item] } : new Overriders { CommandOverrider = [item] };
        var result = Run(Deployment("nginx", "envoy"), overriders);
        Assert.True(result.Succeeded);
        var containers = result.Manifest["spec"]!["template"]!["spec"]!["containers"]!;
        Assert.Equal(expected, containers[0]![target]!.ToJsonString());
        Assert.Null(containers[1]![target]);
    }

    [Fact]
    public void CommandOverrider_JobIsNotCovered()
    {
        var job = JsonNode.Parse("""{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"j","namespace":"default"},"spec":{"template":{"spec":{"containers":[{"name":"c","image":"busybox"}]}}}}""")!.AsObject();
        var result = Run(job, new Overriders { CommandOverrider = [new CommandArgsOverrider { ContainerName = "c", Operator = "add", Value = ["x"] }] });
        Assert.True(result.Succeeded);
        Assert.Null(result.Manifest["spec"]!["template"]!["spec"]!["containers"]![0]!["command"]);
    }

    public static TheoryData<string, string, string, string> LabelCases => new()
    {
        // operator, key, value, expected labels JSON
        { "add", "env", "dev", """{"app":"nginx","for":"for","bar":"bar","env":"dev"}""" },
        { "add", "bar", "x", """{"app":"nginx","for":"for","bar":"x"}""" },
        { "replace", "bar", "test", """{"app":"nginx","for":"for","bar":"test"}""" },
        { "replace", "missing", "x", """{"app":"nginx","for":"for","bar":"bar"}""" },
        { "remove", "for", "whatever", """{"app":"nginx","bar":"bar"}""" },
        { "remove", "missing", "x", """{"app":"nginx","for":"for","bar":"bar"}""" },
        { "add", "app.kubernetes.io/name", "web", """{"app":"nginx","for":"for","bar":"bar","app.kubernetes.io/name":"web"}""" },
    };

    [Theory]
    [MemberData(nameof(LabelCases))]
    public void LabelsOverrider_Operators(string op, string key, string value, string expected)
    {
        var result = Run(Deployment(), new Overriders { LabelsOverrider = [new LabelAnnotationOverrider { Operator = op, Value = new Dictionary<string, string> { [key] = value } }] });
        Assert.True(result.Succeeded);
        Assert.Equal(expected, result.Manifest["metadata"]!["labels"]!.ToJsonString());
    }

    [Fact]
    public void AnnotationsOverrider_AddCreatesMap_ReplaceOnMissingMapIsNoop()
    {
        var template = Deployment();
        template["metadata"]!.AsObject().Remove("annotations");
        var replace = Run(template, new Overriders { AnnotationsOverrider = [new LabelAnnotationOverrider { Operator = "replace", Value = new Dictionary<string, string> { ["a"] = "b" } }] });
        Assert.Null(replace.Manifest!["metadata"]!["annotations"]);
        var add = Run(template, new Overriders { AnnotationsOverrider = [new LabelAnnotationOverrider { Operator = "add", Value = new Dictionary<string, string> { ["a"] = "b" } }] });
        Assert.Equal("""{"a":"b"}""", add.Manifest!["metadata"]!["annotations"]!.ToJsonString());
    }

    public static TheoryData<string, string, string, string> AnnotationCases => new()
    {
        // operator, key, value, expected annotations JSON (the template has bom=bom, emma=emma)
        { "add", "team", "a", """{"bom":"bom","emma":"emma","team":"a"}""" },
        { "add", "bom", "x", """{"bom":"x","emma":"emma"}""" },
        { "replace", "emma", "watson", """{"bom":"bom","emma":"watson"}""" },
        { "replace", "missing", "x", """{"bom":"bom","emma":"emma"}""" },
        { "remove", "bom", "ignored", """{"emma":"emma"}""" },
        { "remove", "missing", "x", """{"bom":"bom","emma":"emma"}""" },
        { "add", "example.com/owner~team", "x", """{"bom":"bom","emma":"emma","example.com/owner~team":"x"}""" },
    };

    [Theory]
    [MemberData(nameof(AnnotationCases))]
    public void AnnotationsOverrider_Operators(string op, string key, string value, string expected)
    {
        var result = Run(Deployment(), new Overriders { AnnotationsOverrider = [new LabelAnnotationOverrider { Operator = op, Value = new Dictionary<string, string> { [key] = value } }] });
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(expected, result.Manifest["metadata"]!["annotations"]!.ToJsonString());
        Assert.Equal("""{"bom":"bom","emma":"emma"}""", Deployment()["metadata"]!["annotations"]!.ToJsonString());
    }

    public static TheoryData<string, string, string?, string> YamlFieldCases => new()
    {
        // operator, subPath, value (JSON), expected document
        { "add", "/db/user", "\"admin\"", "db:\n  host: a\n  port: 5432\n  user: admin\n" },
        { "replace", "/db/port", "6432", "db:\n  host: a\n  port: 6432\n" },
        { "remove", "/db/host", null, "db:\n  port: 5432\n" },
        { "add", "/replicas", "[1,2]", "db:\n  host: a\n  port: 5432\nreplicas:\n- 1\n- 2\n" },
    };

    [Theory]
    [MemberData(nameof(YamlFieldCases))]
    public void FieldOverrider_Yaml_Operators(string op, string subPath, string? value, string expected)
    {
        var result = Run(ConfigMap("db.yaml", "db:\n  host: a\n  port: 5432\n"), new Overriders
        {
            FieldOverrider = [new FieldOverrider { FieldPath = "/data/db.yaml", Yaml = [new FieldPatchOperation { SubPath = subPath, Operator = op, Value = value is null ? null : JsonNode.Parse(value) }] }],
        });
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(expected, result.Manifest["data"]!["db.yaml"]!.GetValue<string>().ReplaceLineEndings("\n"));
    }

    public static TheoryData<string, string, string, string> YamlFieldErrors => new()
    {
        // document, operator, subPath, what the error names
        { "db: [unclosed\n", "add", "/x", "fieldOverrider" },
        { "db:\n  host: a\n", "replace", "/db/missing", "/db/missing" },
        { "db:\n  host: a\n", "remove", "/nothing/here", "/nothing/here" },
    };

    [Theory]
    [MemberData(nameof(YamlFieldErrors))]
    public void FieldOverrider_Yaml_Errors(string document, string op, string subPath, string fragment)
    {
        var result = Run(ConfigMap("db.yaml", document), new Overriders
        {
            FieldOverrider = [new FieldOverrider { FieldPath = "/data/db.yaml", Yaml = [new FieldPatchOperation { SubPath = subPath, Operator = op, Value = JsonValue.Create(1) }] }],
        });
        Assert.False(result.Succeeded);
        Assert.Equal(("fieldOverrider", 0), (result.Error.Overrider, result.Error.OverriderIndex));
        Assert.Contains(fragment, result.Error.ToString(), StringComparison.Ordinal);
    }

    private static JsonObject ConfigMap(string key, string content) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = "cfg", ["namespace"] = "default" },
        ["data"] = new JsonObject { [key] = content },
    };

    [Fact]
    public void FieldOverrider_Json_PatchesDocumentInString()
    {
        var cm = ConfigMap("db.json", """{"db":{"host":"a","port":5432},"tags":["x"]}""");
        var result = Run(cm, new Overriders
        {
            FieldOverrider = [new FieldOverrider
            {
                FieldPath = "/data/db.json",
                Json = [
                    new FieldPatchOperation { SubPath = "/db/host", Operator = "replace", Value = JsonValue.Create("b") },
                    new FieldPatchOperation { SubPath = "/tags/-", Operator = "add", Value = JsonValue.Create("y") },
                    new FieldPatchOperation { SubPath = "/db/port", Operator = "remove" },
                ],
            }],
        });
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal("""{"db":{"host":"b"},"tags":["x","y"]}""", result.Manifest["data"]!["db.json"]!.GetValue<string>());
    }

    [Fact]
    public void FieldOverrider_Yaml_PatchesAndReserialisesSorted()
    {
        var cm = ConfigMap("db.yaml", "zeta: 1\ndb:\n  host: a\n  port: 5432\n  tls: true\nversion: \"1.0\"\nlist:\n- a\n");
        var result = Run(cm, new Overriders
        {
            FieldOverrider = [new FieldOverrider
            {
                FieldPath = "/data/db.yaml",
                Yaml = [
                    new FieldPatchOperation { SubPath = "/db/host", Operator = "replace", Value = JsonValue.Create("b") },
                    new FieldPatchOperation { SubPath = "/list/-", Operator = "add", Value = JsonValue.Create("true") },
                ],
            }],
        });
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal("db:\n  host: b\n  port: 5432\n  tls: true\nlist:\n- a\n- \"true\"\nversion: \"1.0\"\nzeta: 1\n", result.Manifest["data"]!["db.yaml"]!.GetValue<string>().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void FieldOverrider_Yaml_NullsAndEmptyCollections()
    {
        var cm = ConfigMap("c.yaml", "a: ~\nb: {}\nc: []\nd: 'x'\ne: 1.5\nf: yes\n");
        var result = Run(cm, new Overriders
        {
            FieldOverrider = [new FieldOverrider { FieldPath = "/data/c.yaml", Yaml = [new FieldPatchOperation { SubPath = "/g", Operator = "add", Value = JsonNode.Parse("{\"k\":null}") }] }],
        });
        Assert.True(result.Succeeded, result.Error?.ToString());
        var yaml = result.Manifest["data"]!["c.yaml"]!.GetValue<string>().ReplaceLineEndings("\n");
        Assert.Equal("a: null\nb: {}\nc: []\nd: x\ne: 1.5\nf: true\ng:\n  k: null\n", yaml);
    }

    public static TheoryData<string, string, string> FieldErrors => new()
    {
        { "/data/missing", "/x", "does not exist" },
        { "/metadata", "/x", "is not string" },
        { "/data/db.json", "/nope/x", "missing" },
    };

    [Theory]
    [MemberData(nameof(FieldErrors))]
    public void FieldOverrider_Errors(string fieldPath, string subPath, string fragment)
    {
        var result = Run(ConfigMap("db.json", """{"a":1}"""), new Overriders
        {
            FieldOverrider = [new FieldOverrider { FieldPath = fieldPath, Json = [new FieldPatchOperation { SubPath = subPath, Operator = "replace", Value = JsonValue.Create(1) }] }],
        });
        Assert.False(result.Succeeded);
        Assert.Equal("fieldOverrider", result.Error.Overrider);
        Assert.Contains(fragment, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FieldOverrider_InvalidJsonContent_Fails()
    {
        var result = Run(ConfigMap("db.json", "{not json"), new Overriders
        {
            FieldOverrider = [new FieldOverrider { FieldPath = "/data/db.json", Json = [new FieldPatchOperation { SubPath = "/a", Operator = "add", Value = JsonValue.Create(1) }] }],
        });
        Assert.False(result.Succeeded);
    }

    public static TheoryData<string, string, string?, string?> PlaintextCases => new()
    {
        // operator, path, value, expected spec.replicas JSON (null = removed)
        { "replace", "/spec/replicas", "5", "5" },
        { "remove", "/spec/replicas", null, null },
        { "add", "/spec/replicas", "7", "7" },
    };

    [Theory]
    [MemberData(nameof(PlaintextCases))]
    public void Plaintext_Rfc6902(string op, string path, string? value, string? expected)
    {
        var result = Run(Deployment(), new Overriders { Plaintext = [new PlaintextOverrider { Operator = op, Path = path, Value = value is null ? null : JsonNode.Parse(value) }] });
        Assert.True(result.Succeeded);
        Assert.Equal(expected, result.Manifest["spec"]!["replicas"]?.ToJsonString());
    }

    [Fact]
    public void Plaintext_ReplaceMissing_ErrorWithIndex()
    {
        var result = Run(Deployment(), new Overriders
        {
            Plaintext = [
                new PlaintextOverrider { Operator = "add", Path = "/metadata/labels/x", Value = JsonValue.Create("1") },
                new PlaintextOverrider { Operator = "replace", Path = "/spec/paused", Value = JsonValue.Create(true) },
            ],
        });
        Assert.False(result.Succeeded);
        Assert.Equal(("plaintext", 1), (result.Error.Overrider, result.Error.OverriderIndex));
        Assert.Contains("/spec/paused", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overriders_FixedOrder_PlaintextSeesLabelsAdded()
    {
        // labelsOverrider runs before plaintext even though plaintext is listed first in the JSON.
        var result = Run(Deployment(), new Overriders
        {
            Plaintext = [new PlaintextOverrider { Operator = "replace", Path = "/metadata/labels/env", Value = JsonValue.Create("from-plaintext") }],
            LabelsOverrider = [new LabelAnnotationOverrider { Operator = "add", Value = new Dictionary<string, string> { ["env"] = "from-labels" } }],
        });
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal("from-plaintext", result.Manifest["metadata"]!["labels"]!["env"]!.GetValue<string>());
    }
}
