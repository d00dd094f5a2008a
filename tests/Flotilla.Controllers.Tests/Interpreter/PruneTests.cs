using Flotilla.Controllers.Interpreter;

namespace Flotilla.Controllers.Tests.Interpreter;

public class PruneTests
{
    private static readonly ResourceInterpreter Interpreter = new();

    public static TheoryData<string, string, string> Cases => new()
    {
        // name, input, expected
        {
            "server metadata and status",
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"d","uid":"u","resourceVersion":"1","generation":2,"creationTimestamp":"t","managedFields":[],"ownerReferences":[],"finalizers":["f"],"selfLink":"/x","deletionTimestamp":"t","deletionGracePeriodSeconds":30,"labels":{"a":"b"},"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"}},"data":{"k":"v"},"status":{"x":1}}""",
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"d","labels":{"a":"b"},"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"}},"data":{"k":"v"}}"""
        },
        {
            "deployment revision annotations",
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","annotations":{"deployment.kubernetes.io/revision":"3","deployment.kubernetes.io/revision-history":"1,2","keep":"me"}},"spec":{"replicas":1}}""",
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","annotations":{"keep":"me"}},"spec":{"replicas":1}}"""
        },
        {
            "service clusterIPs removed",
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"clusterIP":"10.0.0.1","clusterIPs":["10.0.0.1"],"ports":[{"port":80}]}}""",
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"ports":[{"port":80}]}}"""
        },
        {
            "headless service keeps None",
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"clusterIP":"None","clusterIPs":["None"]}}""",
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"clusterIP":"None","clusterIPs":["None"]}}"""
        },
        {
            "job generated selector labels and ttl",
            """{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"j"},"spec":{"ttlSecondsAfterFinished":100,"selector":{"matchLabels":{"controller-uid":"u","batch.kubernetes.io/controller-uid":"u"}},"template":{"metadata":{"labels":{"app":"j","controller-uid":"u","job-name":"j","batch.kubernetes.io/controller-uid":"u","batch.kubernetes.io/job-name":"j"}}}}}""",
            """{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"j"},"spec":{"selector":{"matchLabels":{}},"template":{"metadata":{"labels":{"app":"j"}}}}}"""
        },
        {
            "job with manual selector keeps labels but loses ttl",
            """{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"j"},"spec":{"manualSelector":true,"ttlSecondsAfterFinished":5,"selector":{"matchLabels":{"controller-uid":"u"}}}}""",
            """{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"j"},"spec":{"manualSelector":true,"selector":{"matchLabels":{"controller-uid":"u"}}}}"""
        },
        {
            "service account token secrets",
            """{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"sa"},"secrets":[{"name":"sa-token-abc"},{"name":"mine"},{"name":"sa-token-def"}]}""",
            """{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"sa"},"secrets":[{"name":"mine"}]}"""
        },
        {
            "service-account token secret data and uid",
            """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"t","annotations":{"kubernetes.io/service-account.uid":"1","kubernetes.io/service-account.name":"sa"}},"type":"kubernetes.io/service-account-token","data":{"token":"x"}}""",
            """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"t","annotations":{"kubernetes.io/service-account.name":"sa"}},"type":"kubernetes.io/service-account-token"}"""
        },
        {
            "opaque secret untouched",
            """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"t"},"type":"Opaque","data":{"token":"x"}}""",
            """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"t"},"type":"Opaque","data":{"token":"x"}}"""
        },
        {
            "pvc selected-node annotation",
            """{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"p","annotations":{"volume.kubernetes.io/selected-node":"n1"}},"spec":{}}""",
            """{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"p","annotations":{}},"spec":{}}"""
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Prune_PerKind(string because, string input, string expected)
    {
        var obj = J.O(input);
        var pruned = Interpreter.Prune(obj);
        Assert.True(expected == pruned.ToJsonString(), because + ": " + pruned.ToJsonString());
        Assert.Equal(J.O(input).ToJsonString(), obj.ToJsonString());
    }
}
