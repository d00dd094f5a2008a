using System.Text.Json.Nodes;
using Flotilla.Core.Karmada;

namespace Flotilla.Core.Tests.Karmada;

/// <summary>Typed records must round-trip Karmada manifests without losing or adding anything.</summary>
public class KarmadaRecordRoundTripTests
{
    /// <summary>Every PropagationPolicy / ClusterPropagationPolicy / Cluster of the user scenarios, verbatim (as JSON).</summary>
    public static TheoryData<string, string> ScenarioManifests => new()
    {
        { "s01-nginx-duplicated_nginx-policy_nginx-policy", """{"apiVersion":"policy.karmada.io/v1alpha1","kind":"PropagationPolicy","metadata":{"name":"nginx-policy"},"spec":{"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment","name":"nginx-deployment"}],"placement":{"clusterAffinity":{"clusterNames":["aks-cluster-1","aks-cluster-2"]}}}}""" },
        { "s02-pipy-weighted_curl-propagation_curl-propagation", """{"apiVersion":"policy.karmada.io/v1alpha1","kind":"PropagationPolicy","metadata":{"name":"curl-propagation"},"spec":{"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment","name":"curl"}],"placement":{"clusterAffinity":{"clusterNames":["k3d-cluster-3"]},"replicaScheduling":{"replicaDivisionPreference":"Weighted","replicaSchedulingType":"Divided","weightPreference":{"staticWeightList":[{"targetCluster":{"clusterNames":["k3d-cluster-3"]},"weight":1}]}}}}}""" },
        { "s02-pipy-weighted_pipy-propagation_pipy-propagation", """{"apiVersion":"policy.karmada.io/v1alpha1","kind":"PropagationPolicy","metadata":{"name":"pipy-propagation"},"spec":{"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment","name":"pipy"},{"apiVersion":"v1","kind":"Service","name":"pipy"}],"placement":{"clusterAffinity":{"clusterNames":["k3d-cluster-1","k3d-cluster-2","k3d-cluster-3"]},"replicaScheduling":{"replicaDivisionPreference":"Weighted","replicaSchedulingType":"Divided","weightPreference":{"staticWeightList":[{"targetCluster":{"clusterNames":["k3d-cluster-1"]},"weight":10},{"targetCluster":{"clusterNames":["k3d-cluster-2"]},"weight":10},{"targetCluster":{"clusterNames":["k3d-cluster-3"]},"weight":10}]}}}}}""" },
        { "s03-nginx-two-clouds_propagation-duplicated_nginx-propagation", """{"apiVersion":"policy.karmada.io/v1alpha1","kind":"PropagationPolicy","metadata":{"name":"nginx-propagation"},"spec":{"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment","name":"nginx"}],"placement":{"replicaScheduling":{"replicaSchedulingType":"Duplicated"}}}}""" },
        { "s03-nginx-two-clouds_propagation-weighted_nginx-propagation", """{"apiVersion":"policy.karmada.io/v1alpha1","kind":"PropagationPolicy","metadata":{"name":"nginx-propagation"},"spec":{"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment","name":"nginx"},{"apiVersion":"v1","kind":"Service","name":"nginx"}],"placement":{"clusterAffinity":{"clusterNames":["ubuntub","ubuntuc"]},"replicaScheduling":{"replicaDivisionPreference":"Weighted","replicaSchedulingType":"Divided","weightPreference":{"staticWeightList":[{"targetCluster":{"clusterNames":["ubuntub"]},"weight":1},{"targetCluster":{"clusterNames":["ubuntuc"]},"weight":1}]}}}}}""" },
        { "s04-overrides-argo_nginx-op-and-propagation_nginx-propagation", """{"apiVersion":"policy.karmada.io/v1alpha1","kind":"PropagationPolicy","metadata":{"name":"nginx-propagation"},"spec":{"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment","name":"nginx"}],"placement":{"clusterAffinity":{"clusterNames":["pegasus-2"]},"replicaScheduling":{"replicaDivisionPreference":"Weighted","replicaSchedulingType":"Divided","weightPreference":{"staticWeightList":[{"targetCluster":{"clusterNames":["pegasus-2"]},"weight":1}]}}}}}""" },
        { "s04-overrides-argo_rabbitmq-propagation_rabbitmq-propagation", """{"apiVersion":"policy.karmada.io/v1alpha1","kind":"PropagationPolicy","metadata":{"name":"rabbitmq-propagation"},"spec":{"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment","name":"rabbitmq"}],"placement":{"clusterAffinity":{"clusterNames":["pegasus","pegasus-2"]},"replicaScheduling":{"replicaDivisionPreference":"Weighted","replicaSchedulingType":"Divided","weightPreference":{"staticWeightList":[{"targetCluster":{"clusterNames":["pegasus"]},"weight":2},{"targetCluster":{"clusterNames":["pegasus-2"]},"weight":1}]}}}}}""" },
        { "s04-overrides-argo_redis-propagation_redis-propagation", """{"apiVersion":"policy.karmada.io/v1alpha1","kind":"PropagationPolicy","metadata":{"name":"redis-propagation"},"spec":{"propagateDeps":true,"failover":{"application":{"decisionConditions":{"tolerationSeconds":120},"purgeMode":"Never"}},"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment","name":"redis"}],"placement":{"clusterAffinity":{"clusterNames":["pegasus","pegasus-2"]},"spreadConstraints":[{"maxGroups":1,"minGroups":1,"spreadByField":"cluster"}]}}}""" },
        { "s05-cluster-failover_foo-any-cluster_foo-propagation", """{"apiVersion":"policy.karmada.io/v1alpha1","kind":"PropagationPolicy","metadata":{"name":"foo-propagation"},"spec":{"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment","name":"foo"}],"placement":{"replicaScheduling":{"replicaDivisionPreference":"Weighted","replicaSchedulingType":"Divided","weightPreference":{"dynamicWeight":"AvailableReplicas"}}}}}""" },
        { "s05-cluster-failover_foo_foo-propagation", """{"apiVersion":"policy.karmada.io/v1alpha1","kind":"PropagationPolicy","metadata":{"name":"foo-propagation"},"spec":{"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment","name":"foo"}],"placement":{"clusterAffinity":{"clusterNames":["member1","member2"]},"replicaScheduling":{"replicaDivisionPreference":"Weighted","replicaSchedulingType":"Divided","weightPreference":{"staticWeightList":[{"targetCluster":{"clusterNames":["member1"]},"weight":1},{"targetCluster":{"clusterNames":["member2"]},"weight":1}]}}}}}""" },
        { "s06-declarative-cluster_aks-cluster_aks-cluster", """{"apiVersion":"cluster.karmada.io/v1alpha1","kind":"Cluster","metadata":{"name":"aks-cluster"},"spec":{"apiEndpoint":"https://<your-aks-cluster-api-server>","secretRef":{"name":"aks-kubeconfig"},"insecureSkipTLSVerification":true}}""" },
        { "s07-crd-propagation_flux-propagation-policy_flux-propagation-policy", """{"apiVersion":"policy.karmada.io/v1alpha1","kind":"PropagationPolicy","metadata":{"name":"flux-propagation-policy","namespace":"flux-system"},"spec":{"resourceSelectors":[{"apiVersion":"source.toolkit.fluxcd.io/v1beta1","kind":"GitRepository","name":"flux-repo"}],"placement":{"clusterAffinity":{"clusterNames":["aks-cluster-1","aks-cluster-2"]}}}}""" },
        { "s07-crd-propagation_gitrepository-crd_flux-crds", """{"apiVersion":"policy.karmada.io/v1alpha1","kind":"ClusterPropagationPolicy","metadata":{"name":"flux-crds"},"spec":{"resourceSelectors":[{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","name":"gitrepositories.source.toolkit.fluxcd.io"}],"placement":{"clusterAffinity":{"clusterNames":["aks-cluster-1","aks-cluster-2"]}}}}""" },
        { "s08-quota-and-affinity_background-service_background-policy", """{"apiVersion":"policy.karmada.io/v1alpha1","kind":"PropagationPolicy","metadata":{"name":"background-policy"},"spec":{"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment","name":"background-service"}],"placement":{"replicaScheduling":{"replicaSchedulingType":"Divided","replicaDivisionPreference":"Aggregated"}}}}""" },
        { "s08-quota-and-affinity_default-quota_resource-quota-policy", """{"apiVersion":"policy.karmada.io/v1alpha1","kind":"PropagationPolicy","metadata":{"name":"resource-quota-policy"},"spec":{"resourceSelectors":[{"apiVersion":"v1","kind":"ResourceQuota","name":"default-quota"}],"placement":{"clusterAffinity":{"clusterNames":["aks-cluster-1","aks-cluster-2"]}}}}""" },
        { "s08-quota-and-affinity_gpu-workload_gpu-affinity-policy", """{"apiVersion":"policy.karmada.io/v1alpha1","kind":"PropagationPolicy","metadata":{"name":"gpu-affinity-policy"},"spec":{"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment","name":"gpu-workload"}],"placement":{"clusterAffinity":{"clusterNames":["gpu-cluster"]}}}}""" },
        { "s09-multicluster-service_foo-app_foo-to-member1", """{"apiVersion":"policy.karmada.io/v1alpha1","kind":"PropagationPolicy","metadata":{"name":"foo-to-member1"},"spec":{"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment","name":"foo"},{"apiVersion":"v1","kind":"Service","name":"svc-foo"},{"apiVersion":"multicluster.x-k8s.io/v1alpha1","kind":"ServiceExport","name":"svc-foo"}],"placement":{"clusterAffinity":{"clusterNames":["member1"]}}}}""" },
        { "s09-multicluster-service_import_svc-foo-import", """{"apiVersion":"policy.karmada.io/v1alpha1","kind":"PropagationPolicy","metadata":{"name":"svc-foo-import"},"spec":{"resourceSelectors":[{"apiVersion":"multicluster.x-k8s.io/v1alpha1","kind":"ServiceImport","name":"svc-foo"}],"placement":{"clusterAffinity":{"clusterNames":["member2"]}}}}""" },
        { "s10-seed-extensions_canary-deployment-policy_canary-deployment-policy", """{"apiVersion":"policy.karmada.io/v1alpha1","kind":"PropagationPolicy","metadata":{"name":"canary-deployment-policy"},"spec":{"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment","name":"my-app"}],"placement":{"clusterAffinity":{"clusterNames":["aks-cluster-1"]},"schedulerStrategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":0,"maxSurge":1}}}}}""" },
        { "s10-seed-extensions_failover-policy_failover-policy", """{"apiVersion":"policy.karmada.io/v1alpha1","kind":"ClusterPropagationPolicy","metadata":{"name":"failover-policy"},"spec":{"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web-app"}],"placement":{"clusterAffinity":{"clusterNames":["primary-cluster","secondary-cluster"]},"schedulerStrategy":{"type":"Failover"}}}}""" },
        { "s10-seed-extensions_no-prod-deployment-policy_no-prod-deployment-policy", """{"apiVersion":"policy.karmada.io/v1alpha1","kind":"PropagationPolicy","metadata":{"name":"no-prod-deployment-policy"},"spec":{"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment","name":"dev-only-workload"}],"placement":{"clusterAntiAffinity":{"clusterNames":["prod-cluster"]}}}}""" },
    };

    [Theory]
    [MemberData(nameof(ScenarioManifests))]
    public void Scenario_manifests_round_trip(string name, string json)
    {
        var kind = JsonNode.Parse(json)!["kind"]!.GetValue<string>();
        string again = kind switch
        {
            "PropagationPolicy" => KarmadaJson.Serialize(KarmadaJson.Deserialize<PropagationPolicy>(json)),
            "ClusterPropagationPolicy" => KarmadaJson.Serialize(KarmadaJson.Deserialize<ClusterPropagationPolicy>(json)),
            "Cluster" => KarmadaJson.Serialize(KarmadaJson.Deserialize<Cluster>(json)),
            _ => throw new InvalidOperationException(name),
        };
        JsonAssert.Equivalent(json, again);
    }

    public const string FullCluster = """
        {"apiVersion":"cluster.karmada.io/v1alpha1","kind":"Cluster",
         "metadata":{"name":"member1","uid":"0b4e","resourceVersion":"42","generation":3,"creationTimestamp":"2024-05-01T10:00:00Z",
                     "labels":{"env":"prod"},"finalizers":["karmada.io/cluster-controller"],"managedFields":[{"manager":"kubectl"}]},
         "spec":{"id":"abc","syncMode":"Push","apiEndpoint":"https://127.0.0.1:6443","secretRef":{"namespace":"karmada-cluster","name":"member1"},
                 "impersonatorSecretRef":{"namespace":"karmada-cluster","name":"member1-impersonator"},
                 "insecureSkipTLSVerification":true,"proxyURL":"http://proxy:3128","proxyHeader":{"X-A":"1,2"},
                 "provider":"aws","region":"us-east-1","zone":"a","zones":["us-east-1a","us-east-1b"],
                 "taints":[{"key":"cluster.karmada.io/not-ready","effect":"NoSchedule"},{"key":"k","value":"v","effect":"NoExecute","timeAdded":"2024-05-01T10:00:05Z"}],
                 "resourceModels":[{"grade":0,"ranges":[{"name":"cpu","min":"0","max":"1"},{"name":"memory","min":"0","max":"4Gi"}]},
                                   {"grade":1,"ranges":[{"name":"cpu","min":"1","max":"2"},{"name":"memory","min":"4Gi","max":"16Gi"}]}]},
         "status":{"kubernetesVersion":"v1.31.0",
                   "apiEnablements":[{"groupVersion":"apps/v1","resources":[{"name":"deployments","kind":"Deployment"}]}],
                   "conditions":[{"type":"Ready","status":"True","lastTransitionTime":"2024-05-01T10:00:00Z","reason":"ClusterReady","message":"cluster is healthy and ready to accept workloads"},
                                 {"type":"CompleteAPIEnablements","status":"True","observedGeneration":3,"lastTransitionTime":"2024-05-01T10:00:00Z","reason":"Complete","message":""}],
                   "nodeSummary":{"totalNum":3,"readyNum":3},
                   "resourceSummary":{"allocatable":{"cpu":"12","memory":"48Gi","pods":"330"},"allocating":{"cpu":"100m","pods":"1"},
                                      "allocated":{"cpu":"2500m","memory":"3Gi","pods":"20"},
                                      "allocatableModelings":[{"grade":0,"count":0},{"grade":1,"count":3}]},
                   "remedyActions":["TrafficControl"]}}
        """;

    public const string FullBinding = """
        {"apiVersion":"work.karmada.io/v1alpha2","kind":"ResourceBinding",
         "metadata":{"name":"nginx-deployment","namespace":"default","labels":{"resourcebinding.karmada.io/permanent-id":"p1"},
                     "annotations":{"policy.karmada.io/applied-placement":"{}"},
                     "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"nginx","uid":"u1","controller":true,"blockOwnerDeletion":true}]},
         "spec":{"resource":{"apiVersion":"apps/v1","kind":"Deployment","namespace":"default","name":"nginx","uid":"u1","resourceVersion":"7"},
                 "propagateDeps":true,
                 "replicaRequirements":{"nodeClaim":{"hardNodeAffinity":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"k","operator":"In","values":["a"]}]}]},
                                                     "nodeSelector":{"disk":"ssd"},"tolerations":[{"key":"t","operator":"Exists","effect":"NoSchedule","tolerationSeconds":30}]},
                                        "resourceRequest":{"cpu":"100m","memory":"128Mi"},"namespace":"default","priorityClassName":"high"},
                 "replicas":3,
                 "components":[{"name":"master","replicas":1,"replicaRequirements":{"resourceRequest":{"cpu":"1"}}}],
                 "clusters":[{"name":"member1","replicas":2},{"name":"member2","replicas":1}],
                 "placement":{"clusterAffinity":{"labelSelector":{"matchLabels":{"env":"prod"},"matchExpressions":[{"key":"tier","operator":"NotIn","values":["x"]}]},
                                                  "fieldSelector":{"matchExpressions":[{"key":"region","operator":"In","values":["us-east-1"]}]},
                                                  "clusterNames":["member1","member2"],"exclude":["member3"]},
                              "clusterTolerations":[{"key":"cluster.karmada.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}],
                              "spreadConstraints":[{"spreadByField":"cluster","maxGroups":2,"minGroups":1},{"spreadByLabel":"team","minGroups":1}],
                              "replicaScheduling":{"replicaSchedulingType":"Divided","replicaDivisionPreference":"Weighted",
                                                   "weightPreference":{"staticWeightList":[{"targetCluster":{"clusterNames":["member1"]},"weight":2}],"dynamicWeight":"AvailableReplicas"}},
                              "workloadAffinity":{"affinity":{"groupByLabelKey":"app"},"antiAffinity":{"groupByLabelKey":"shard"}}},
                 "gracefulEvictionTasks":[{"fromCluster":"member3","purgeMode":"Gracefully","replicas":1,"reason":"TaintUntolerated","message":"m",
                                           "producer":"TaintManager","gracePeriodSeconds":600,"suppressDeletion":false,"preservedLabelState":{"a":"b"},
                                           "clustersBeforeFailover":["member3"],"creationTimestamp":"2024-05-01T10:00:00Z"}],
                 "requiredBy":[{"namespace":"default","name":"other-deployment","clusters":[{"name":"member1","replicas":1}]}],
                 "schedulerName":"default-scheduler",
                 "failover":{"application":{"decisionConditions":{"tolerationSeconds":120},"purgeMode":"Never","gracePeriodSeconds":60,
                                            "statePreservation":{"rules":[{"aliasLabelName":"a","jsonPath":"{.x}"}]}},
                             "cluster":{"purgeMode":"Directly"}},
                 "conflictResolution":"Overwrite","rescheduleTriggeredAt":"2024-05-02T00:00:00Z",
                 "suspension":{"dispatching":true,"dispatchingOnClusters":{"clusterNames":["member2"]},"scheduling":false},
                 "preserveResourcesOnDeletion":true,"schedulePriority":{"priority":1000},
                 "workloadAffinityGroups":{"affinityGroup":"app=web","antiAffinityGroup":"shard=1"}},
         "status":{"schedulerObservedGeneration":2,"schedulerObservingAffinityName":"primary","lastScheduledTime":"2024-05-01T10:00:01Z",
                   "conditions":[{"type":"Scheduled","status":"True","lastTransitionTime":"2024-05-01T10:00:01Z","reason":"Success","message":"Binding has been scheduled successfully."}],
                   "aggregatedStatus":[{"clusterName":"member1","status":{"replicas":2,"readyReplicas":2},"applied":true,"health":"Healthy"},
                                       {"clusterName":"member2","appliedMessage":"boom","health":"Unknown"}]}}
        """;

    public const string FullPolicy = """
        {"apiVersion":"policy.karmada.io/v1alpha1","kind":"PropagationPolicy","metadata":{"name":"p","namespace":"default"},
         "spec":{"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment","namespace":"default","labelSelector":{"matchLabels":{"app":"x"}}}],
                 "association":true,"propagateDeps":true,
                 "placement":{"clusterAffinities":[{"affinityName":"primary","clusterNames":["a"]},
                                                   {"affinityName":"backup","labelSelector":{"matchLabels":{"tier":"b"}},
                                                    "overflowAffinities":[{"affinityName":"burst","clusterNames":["c"]}]}],
                              "replicaScheduling":{"replicaSchedulingType":"Duplicated"},
                              "clusterAntiAffinity":{"clusterNames":["prod-cluster"]},
                              "schedulerStrategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1,"maxUnavailable":"25%"}}},
                 "priority":0,"preemption":"Always","dependentOverrides":["op"],"schedulerName":"default-scheduler",
                 "conflictResolution":"Abort","activationPreference":"Lazy","preserveResourcesOnDeletion":false,
                 "schedulePriority":{"priorityClassSource":"KubePriorityClass","priorityClassName":"high"}}}
        """;

    [Fact]
    public void Full_cluster_round_trips() =>
        JsonAssert.Equivalent(FullCluster, KarmadaJson.Serialize(KarmadaJson.Deserialize<Cluster>(FullCluster)));

    [Fact]
    public void Full_binding_round_trips() =>
        JsonAssert.Equivalent(FullBinding, KarmadaJson.Serialize(KarmadaJson.Deserialize<ResourceBinding>(FullBinding)));

    [Fact]
    public void Full_policy_round_trips() =>
        JsonAssert.Equivalent(FullPolicy, KarmadaJson.Serialize(KarmadaJson.Deserialize<PropagationPolicy>(FullPolicy)));

    [Fact]
    public void Typed_values_are_read()
    {
        var c = KarmadaJson.Deserialize<Cluster>(FullCluster);
        Assert.Equal("member1", c.Name);
        Assert.Equal(12000, c.Status!.ResourceSummary!.Allocatable!["cpu"].MilliValue);
        Assert.Equal(48L << 30, c.Status.ResourceSummary.Allocatable["memory"].Value);
        Assert.True(c.Spec.InsecureSkipTlsVerification);
        Assert.Equal("http://proxy:3128", c.Spec.ProxyUrl);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero), c.Metadata.CreationTimestamp);
        Assert.True(Condition.IsTrue(c.Status.Conditions, ClusterConditions.CompleteApiEnablements));

        var rb = KarmadaJson.Deserialize<ResourceBinding>(FullBinding);
        Assert.Equal(3, rb.Spec.Replicas);
        Assert.Equal(["member3"], rb.Spec.Placement!.ClusterAffinity!.ExcludeClusters!);
        Assert.True(rb.Spec.TargetContains("member2"));
        Assert.True(rb.Spec.ClusterInGracefulEvictionTasks("member3"));
        Assert.Equal(ReplicaSchedulingTypes.Divided, rb.Spec.Placement.ReplicaSchedulingType());

        var p = KarmadaJson.Deserialize<PropagationPolicy>(FullPolicy);
        Assert.Equal(1, p.Spec.Placement!.SchedulerStrategy!.RollingUpdate!.MaxSurge!.Value.IntValue);
        Assert.Equal(1, p.Spec.Placement.SchedulerStrategy.RollingUpdate.MaxUnavailable!.Value.Scaled(4, roundUp: false));
        Assert.Equal("backup", p.Spec.Placement.ClusterAffinities![1].AffinityName);
        Assert.Equal(0, p.Spec.Priority);
    }

    [Fact]
    public void Placement_replica_scheduling_type_defaults()
    {
        Assert.Equal(ReplicaSchedulingTypes.Duplicated, new Placement().ReplicaSchedulingType());
        Assert.Equal(ReplicaSchedulingTypes.Divided, new Placement { ReplicaScheduling = new() }.ReplicaSchedulingType());
    }
}

/// <summary>Compares JSON documents structurally (object member order ignored, array order kept).</summary>
internal static class JsonAssert
{
    public static void Equivalent(string expected, string actual)
    {
        var e = JsonNode.Parse(expected);
        var a = JsonNode.Parse(actual);
        Assert.True(JsonNode.DeepEquals(Normalize(e), Normalize(a)), $"expected:\n{Normalize(e)?.ToJsonString()}\nactual:\n{Normalize(a)?.ToJsonString()}");
    }

    private static JsonNode? Normalize(JsonNode? n) => n switch
    {
        JsonObject o => new JsonObject(o.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => KeyValuePair.Create(kv.Key, Normalize(kv.Value)))),
        JsonArray arr => new JsonArray(arr.Select(Normalize).ToArray()),
        null => null,
        _ => JsonNode.Parse(n.ToJsonString()),
    };
}
