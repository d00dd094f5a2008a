namespace Flotilla.ApiServer.Schema;

/// <summary>Karmada's kinds (and the mcs-api kinds Karmada ships) in the schema dialect (see <see cref="SchemaDialect"/>).
/// Field names follow karmada-io/karmada pkg/apis/*; defaults are the CRDs' defaults. Flotilla's additions
/// (placement.clusterAntiAffinity, placement.schedulerStrategy) are marked as such in their descriptions.</summary>
internal static class SchemaTextKarmada
{
    public const string Text = """
package com.github.karmada-io.karmada.pkg.apis.cluster.v1alpha1
kind Cluster cluster.karmada.io/v1alpha1 clusters cluster # Cluster represents the desire state and status of a member cluster.
  spec! ClusterSpec # Spec represents the specification of the desired behavior of member cluster.
  status ClusterStatus # Status represents the status of member cluster.
type ClusterSpec # ClusterSpec defines the desired state of a member cluster.
  id string # ID is the unique identifier for the cluster. It is different from the object uid(.metadata.uid) and is typically collected automatically from each member cluster during the process of registration.
  syncMode string enum=Push|Pull # SyncMode describes how a cluster syncs resources from karmada control plane: Push or Pull.
  apiEndpoint string # The API endpoint of the member cluster. This can be a hostname, hostname:port, IP or IP:port.
  secretRef LocalSecretReference # SecretRef represents the secret that contains mandatory credentials to access the member cluster. The secret should hold credentials as follows: secret.data.token and secret.data.caBundle.
  impersonatorSecretRef LocalSecretReference # ImpersonatorSecretRef represents the secret that contains the token of impersonator. The secret should hold credentials as follows: secret.data.token.
  insecureSkipTLSVerification bool # InsecureSkipTLSVerification indicates that the karmada control plane should not confirm the validity of the serving certificate of the cluster it is connecting to.
  proxyURL string # ProxyURL is the proxy URL for the cluster. If not empty, the karmada control plane will use this proxy to talk to the cluster. Supported schemes: http, https, socks5.
  proxyHeader map<string> # ProxyHeader is the HTTP header required by proxy server. The key is the HTTP header key and the value is the HTTP header payload (multiple values comma separated).
  provider string # Provider represents the cloud provider name of the member cluster.
  region string # Region represents the region in which the member cluster is located.
  zone string # Zone represents the zone in which the member cluster is located. Deprecated: This field was never been used by Karmada, use zones instead.
  zones []string # Zones represents the failure zones(also called availability zones) of the member cluster.
  taints []Taint # Taints attached to the member cluster. Taints on the cluster have the "effect" on any resource that does not tolerate the Taint.
  resourceModels []ResourceModel # ResourceModels is the list of resource modeling in this cluster. Each modeling quota can be customized by the user.
type LocalSecretReference # LocalSecretReference is a reference to a secret within the enclosing namespace.
  namespace! string # Namespace is the namespace for the resource being referenced.
  name! string # Name is the name of resource being referenced.
type ResourceModel # ResourceModel describes the modeling that you want to statistics.
  grade! int32 # Grade is the index for the resource modeling.
  ranges! []ResourceModelRange # Ranges describes the resource quota ranges.
type ResourceModelRange # ResourceModelRange describes the detail of each modeling quota that ranges from min to max: [min, max).
  name! string # Name is the name for the resource that you want to categorize (cpu, memory, storage, ephemeral-storage).
  min! quantity # Min is the minimum amount of this resource represented by resource name.
  max! quantity # Max is the maximum amount of this resource represented by resource name.
type ClusterStatus # ClusterStatus contains information about the current status of a cluster updated periodically by cluster controller.
  kubernetesVersion string # KubernetesVersion represents version of the member cluster.
  apiEnablements []APIEnablement # APIEnablements represents the list of APIs installed on the member cluster.
  conditions []Condition # Conditions is an array of current cluster conditions.
  nodeSummary NodeSummary # NodeSummary represents the summary of nodes status in the member cluster.
  resourceSummary ResourceSummary # ResourceSummary represents the summary of resources in the member cluster.
  remedyActions []string # RemedyActions represents the remedy actions that needs to be performed on the cluster.
type APIEnablement # APIEnablement is a list of API resource, it is used to expose the name of the resources supported in a specific group and version.
  groupVersion! string # GroupVersion is the group and version this APIEnablement is for.
  resources []APIResource list=atomic # Resources is a list of APIResource.
type APIResource # APIResource specifies the name and kind names for the resource.
  name! string # Name is the plural name of the resource.
  kind! string # Kind is the kind for the resource (e.g. 'Deployment' is the kind for resource 'deployments')
type NodeSummary # NodeSummary represents the summary of nodes status in a specific cluster.
  totalNum int32 # TotalNum is the total number of nodes in the cluster.
  readyNum int32 # ReadyNum is the number of ready nodes in the cluster.
type ResourceSummary # ResourceSummary represents the summary of resources in the member cluster.
  allocatable map<quantity> # Allocatable represents the resources of a cluster that are available for scheduling. Total amount of allocatable resources on all nodes.
  allocating map<quantity> # Allocating represents the resources of a cluster that are pending for scheduling. Total amount of required resources of all Pods that are waiting for scheduling.
  allocated map<quantity> # Allocated represents the resources of a cluster that have been scheduled. Total amount of required resources of all Pods that have been scheduled to nodes.
  allocatableModelings []AllocatableModeling # AllocatableModelings represents the statistical resource modeling.
type AllocatableModeling # AllocatableModeling represents the number of nodes in which allocatable resources in a specific resource model grade.
  grade! int32 # Grade is the index of ResourceModel.
  count! int32 # Count is the number of nodes that own the resources delineated by this modeling.

package io.karmada.policy.v1alpha1
kind PropagationPolicy policy.karmada.io/v1alpha1 propagationpolicies ns # PropagationPolicy represents the policy that propagates a group of resources to one or more clusters.
  spec! PropagationSpec # Spec represents the desired behavior of PropagationPolicy.
kind ClusterPropagationPolicy policy.karmada.io/v1alpha1 clusterpropagationpolicies cluster # ClusterPropagationPolicy represents the cluster-wide policy that propagates a group of resources to one or more clusters. Different with PropagationPolicy that could only propagate resources in its own namespace, ClusterPropagationPolicy is able to propagate cluster level resources and resources in any namespace other than system reserved ones.
  spec! PropagationSpec # Spec represents the desired behavior of ClusterPropagationPolicy.
type PropagationSpec # PropagationSpec represents the desired behavior of PropagationPolicy.
  resourceSelectors! []ResourceSelector minitems=1 # ResourceSelectors used to select resources. Nil or empty selector is not allowed and doesn't mean match all kinds of resources for security concerns that sensitive resources(like Secret) might be accidentally propagated.
  association bool # Association tells if relevant resources should be selected automatically. Deprecated: in favor of PropagateDeps.
  propagateDeps bool # PropagateDeps tells if relevant resources should be propagated automatically. Take 'Deployment' which referencing 'ConfigMap' and 'Secret' as an example, when 'propagateDeps' is 'true', the referencing resources could be omitted(for saving config effort) from 'resourceSelectors' as they will be propagated along with the Deployment. Defaults to false.
  placement Placement # Placement represents the rule for select clusters to propagate resources.
  priority int32 default=0 # Priority indicates the importance of a policy(PropagationPolicy or ClusterPropagationPolicy). A policy will be applied for the matched resource templates if there is no other policies with higher priority at the point of the resource template be processed. Defaults to zero.
  preemption string default=Never enum=Always|Never # Preemption declares the behaviors for preempting. Valid options are "Always" and "Never". Defaults to "Never".
  dependentOverrides []string # DependentOverrides represents the list of overrides(OverridePolicy) which must present before the current PropagationPolicy takes effect.
  schedulerName string default=default-scheduler # SchedulerName represents which scheduler to proceed the scheduling. If specified, the policy will be dispatched by specified scheduler. If not specified, the policy will be dispatched by default scheduler.
  failover FailoverBehavior # Failover indicates how Karmada migrates applications in case of failures. If this value is nil, failover is disabled.
  conflictResolution string default=Abort enum=Abort|Overwrite # ConflictResolution declares how potential conflict should be handled when a resource that is being propagated already exists in the target cluster. Defaults to "Abort".
  activationPreference string enum=Lazy # ActivationPreference indicates how the referencing resource template will be propagated, in case of policy changes. If empty, the resource template will respond to policy changes immediately. If "Lazy", the policy changes will not take effect immediately but defer to the resource template changes.
  suspension Suspension # Suspension declares the policy for suspending different aspects of propagation. nil means no suspension. no default values.
  preserveResourcesOnDeletion bool # PreserveResourcesOnDeletion controls whether resources should be preserved on the member clusters when the resource template is deleted. If set to true, resources will be preserved on the member clusters. Default is false.
  schedulePriority SchedulePriority # SchedulePriority defines how Karmada should resolve the priority and preemption policy for workload scheduling.
type ResourceSelector # ResourceSelector the resources will be selected.
  apiVersion! string # APIVersion represents the API version of the target resources.
  kind! string # Kind represents the Kind of the target resources.
  namespace string # Namespace of the target resource. Default is empty, which means inherit from the parent object scope.
  name string # Name of the target resource. Default is empty, which means selecting all resources.
  labelSelector LabelSelector # A label query over a set of resources. If name is not empty, labelSelector will be ignored.
type FieldSelector # FieldSelector is a field filter.
  matchExpressions []NodeSelectorRequirement # A list of field selector requirements.
type Placement # Placement represents the rule for select clusters.
  clusterAffinity ClusterAffinity # ClusterAffinity represents scheduling restrictions to a certain set of clusters. Note: 1. ClusterAffinity can not co-exist with ClusterAffinities. 2. If both ClusterAffinity and ClusterAffinities are not set, any cluster can be scheduling candidates.
  clusterAffinities []ClusterAffinityTerm # ClusterAffinities represents scheduling restrictions to multiple cluster groups that indicated by ClusterAffinityTerm. The scheduler will evaluate these groups one by one in the order they appear in the spec, the group that does not satisfy scheduling restrictions will be ignored which means all clusters in this group will not be selected unless it also belongs to the next group.
  clusterTolerations []Toleration # ClusterTolerations represents the tolerations.
  spreadConstraints []SpreadConstraint # SpreadConstraints represents a list of the scheduling constraints.
  replicaScheduling ReplicaSchedulingStrategy # ReplicaScheduling represents the scheduling policy on dealing with the number of replicas when propagating resources that have replicas in spec (e.g. deployments, statefulsets) to member clusters.
  workloadAffinity WorkloadAffinity # WorkloadAffinity represents inter-workload affinity and anti-affinity scheduling policies.
  clusterAntiAffinity ClusterAntiAffinity # (Flotilla extension) ClusterAntiAffinity lists clusters the resources must never be placed on; same effect as clusterAffinity.exclude. With no clusterAffinity every other cluster is a candidate.
  schedulerStrategy SchedulerStrategy # (Flotilla extension) SchedulerStrategy selects how the placement's clusters are used over time: Failover (all replicas in the first healthy cluster of clusterAffinity.clusterNames) or RollingUpdate (template changes rolled out cluster by cluster).
type ClusterAffinity # ClusterAffinity represents the filter to select clusters.
  labelSelector LabelSelector # LabelSelector is a filter to select member clusters by labels. If non-nil and non-empty, only the clusters match this filter will be selected.
  fieldSelector FieldSelector # FieldSelector is a filter to select member clusters by fields. The key(field) of the match expression should be 'provider', 'region', or 'zone', and the operator of the match expression should be 'In' or 'NotIn'. If non-nil and non-empty, only the clusters match this filter will be selected.
  clusterNames []string # ClusterNames is the list of clusters to be selected.
  exclude []string # ExcludedClusters is the list of clusters to be ignored.
type ClusterAffinityTerm # ClusterAffinityTerm selects a set of cluster.
  affinityName! string minlen=1 maxlen=32 # AffinityName is the name of the cluster group.
  labelSelector LabelSelector # LabelSelector is a filter to select member clusters by labels.
  fieldSelector FieldSelector # FieldSelector is a filter to select member clusters by fields.
  clusterNames []string # ClusterNames is the list of clusters to be selected.
  exclude []string # ExcludedClusters is the list of clusters to be ignored.
  overflowAffinities []OverflowAffinityTerm # OverflowAffinities are tiers of clusters expanded in order when the primary clusters lack capacity.
type OverflowAffinityTerm # OverflowAffinityTerm is one overflow tier of a cluster affinity term.
  affinityName! string minlen=1 maxlen=32 # AffinityName is the name of the overflow tier.
  labelSelector LabelSelector # LabelSelector is a filter to select member clusters by labels.
  fieldSelector FieldSelector # FieldSelector is a filter to select member clusters by fields.
  clusterNames []string # ClusterNames is the list of clusters to be selected.
  exclude []string # ExcludedClusters is the list of clusters to be ignored.
type ClusterAntiAffinity # (Flotilla extension) ClusterAntiAffinity represents clusters that must not be selected.
  clusterNames []string # ClusterNames is the list of clusters that must not be selected.
  labelSelector LabelSelector # LabelSelector excludes member clusters whose labels match.
  fieldSelector FieldSelector # FieldSelector excludes member clusters whose fields (provider, region, zone) match.
type SchedulerStrategy # (Flotilla extension) SchedulerStrategy describes how the selected clusters are used over time.
  type! string enum=Failover|RollingUpdate # Type is Failover (run everything in the first healthy cluster of the list, move on failure, stay put on recovery) or RollingUpdate (roll template changes out cluster by cluster in list order).
  rollingUpdate SchedulerRollingUpdate # RollingUpdate configures the RollingUpdate strategy.
type SchedulerRollingUpdate # (Flotilla extension) Parameters of the RollingUpdate scheduler strategy.
  maxSurge intstr # MaxSurge is the number (or percentage) of clusters updated at the same time.
  maxUnavailable intstr # MaxUnavailable is the number (or percentage) of clusters that may be not ready during the rollout.
type WorkloadAffinity # WorkloadAffinity defines inter-workload affinity and anti-affinity rules.
  affinity WorkloadAffinityTerm # Affinity co-locates workloads that share the value of a label.
  antiAffinity WorkloadAffinityTerm # AntiAffinity separates workloads that share the value of a label.
type WorkloadAffinityTerm # WorkloadAffinityTerm groups workloads by a label key.
  groupByLabelKey! string # GroupByLabelKey is the label key whose value groups workloads.
type SpreadConstraint # SpreadConstraint represents the spread constraints on resources.
  spreadByField string enum=cluster|region|zone|provider # SpreadByField represents the fields on Karmada cluster API used for dynamically grouping member clusters into different groups. Resources will be spread among different cluster groups. Available fields for spreading are: cluster, region, zone, and provider. SpreadByField should not co-exist with SpreadByLabel. If both SpreadByField and SpreadByLabel are empty, SpreadByField will be set to "cluster" by system.
  spreadByLabel string # SpreadByLabel represents the label key used for grouping member clusters into different groups. Resources will be spread among different cluster groups. SpreadByLabel should not co-exist with SpreadByField.
  maxGroups integer # MaxGroups restricts the maximum number of cluster groups to be selected.
  minGroups integer # MinGroups restricts the minimum number of cluster groups to be selected. Defaults to 1.
type ReplicaSchedulingStrategy # ReplicaSchedulingStrategy represents the assignment strategy of replicas.
  replicaSchedulingType string default=Divided enum=Duplicated|Divided # ReplicaSchedulingType determines how the replicas is scheduled when karmada propagating a resource. Valid options are Duplicated and Divided. "Duplicated" duplicates the same replicas to each candidate member cluster from resource. "Divided" divides replicas into parts according to number of valid candidate member clusters, and exact replicas for each cluster are determined by ReplicaDivisionPreference.
  replicaDivisionPreference string enum=Aggregated|Weighted # ReplicaDivisionPreference determines how the replicas is divided when ReplicaSchedulingType is "Divided". Valid options are Aggregated and Weighted. "Aggregated" divides replicas into clusters as few as possible, while respecting clusters' resource availabilities during the division. "Weighted" divides replicas by weight according to WeightPreference.
  weightPreference ClusterPreferences # WeightPreference describes weight for each cluster or for each group of cluster. If ReplicaDivisionPreference is set to "Weighted", and WeightPreference is not set, scheduler will weight all clusters the same.
type ClusterPreferences # ClusterPreferences describes weight for each cluster or for each group of cluster.
  staticWeightList []StaticClusterWeight # StaticWeightList defines the static cluster weight.
  dynamicWeight string enum=AvailableReplicas # DynamicWeight specifies the factor to generates dynamic weight list. If specified, StaticWeightList will be ignored.
type StaticClusterWeight # StaticClusterWeight defines the static cluster weight.
  targetCluster! ClusterAffinity # TargetCluster describes the filter to select clusters.
  weight! int64 min=1 # Weight expressing the preference to the cluster(s) specified by 'TargetCluster'.
type FailoverBehavior # FailoverBehavior indicates failover behaviors in case of an application or cluster failure.
  application ApplicationFailoverBehavior # Application indicates failover behaviors in case of application failure. If this value is nil, failover is disabled. If set, the PropagateDeps should be true so that the dependencies could be migrated along with the application.
  cluster ClusterFailoverBehavior # Cluster indicates failover behaviors in case of cluster failure. If this value is nil, the failover behavior in case of cluster failure will be controlled by the controller's no-execute-taint-eviction-purge-mode parameter.
type ApplicationFailoverBehavior # ApplicationFailoverBehavior indicates application failover behaviors.
  decisionConditions DecisionConditions # DecisionConditions indicates the decision conditions of performing the failover process. Only when all conditions are met can the failover process be performed.
  purgeMode string default=Gracefully enum=Directly|Gracefully|Never|Immediately|Graciously # PurgeMode represents how to deal with the legacy applications on the cluster from which the application is migrated. Valid options are "Directly", "Gracefully" and "Never". Defaults to "Gracefully". (Immediately and Graciously are accepted as the deprecated spellings of Directly and Gracefully.)
  gracePeriodSeconds int32 # GracePeriodSeconds is the maximum waiting duration in seconds before application on the migrated cluster should be deleted. Required only when PurgeMode is "Gracefully" and defaults to 600s.
  statePreservation StatePreservation # StatePreservation defines the policy for preserving and restoring state data during failover events for stateful applications.
type ClusterFailoverBehavior # ClusterFailoverBehavior indicates cluster failover behaviors.
  purgeMode string default=Gracefully enum=Directly|Gracefully # PurgeMode represents how to deal with the legacy applications on the cluster from which the application is migrated. Valid options are "Directly", "Gracefully". Defaults to "Gracefully".
  statePreservation StatePreservation # StatePreservation defines the policy for preserving and restoring state data during failover events for stateful applications.
type DecisionConditions # DecisionConditions represents the decision conditions of performing the failover process.
  tolerationSeconds int32 default=300 # TolerationSeconds represents the period of time Karmada should wait after reaching the desired state before performing failover process. If not specified, Karmada will immediately perform failover process. Defaults to 300s.
type StatePreservation # StatePreservation defines the policy for preserving state during failover events.
  rules! []StatePreservationRule # Rules contains a list of StatePreservationRule configurations.
type StatePreservationRule # StatePreservationRule defines a single rule for state preservation.
  aliasLabelName! string # AliasLabelName is the name that will be used as a label on resources during the failover process.
  jsonPath! string # JSONPath is the JSONPath template used to identify the state data to be preserved from the original resource configuration. The JSONPath is evaluated against the resource's .status.
type Suspension # Suspension defines the policy for suspending different aspects of propagation.
  dispatching bool # Dispatching controls whether dispatching should be suspended. nil means not suspend, no default value, only accepts 'true'.
  dispatchingOnClusters SuspendClusters # DispatchingOnClusters declares a list of clusters to which the dispatching should be suspended.
type SuspendClusters # SuspendClusters represents a group of clusters that should be suspended from propagating.
  clusterNames []string # ClusterNames is the list of clusters to be selected.
type SchedulePriority # SchedulePriority defines how Karmada should resolve the priority and preemption policy for workload scheduling.
  priorityClassSource string enum=FederatedPriorityClass|KubePriorityClass|PodPriorityClass # PriorityClassSource specifies where Karmada should look for the PriorityClass definition.
  priorityClassName! string # PriorityClassName specifies which PriorityClass to use.
kind OverridePolicy policy.karmada.io/v1alpha1 overridepolicies ns # OverridePolicy represents the policy that overrides a group of resources to one or more clusters.
  spec! OverrideSpec # Spec represents the desired behavior of OverridePolicy.
kind ClusterOverridePolicy policy.karmada.io/v1alpha1 clusteroverridepolicies cluster # ClusterOverridePolicy represents the cluster-wide policy that overrides a group of resources to one or more clusters.
  spec! OverrideSpec # Spec represents the desired behavior of ClusterOverridePolicy.
type OverrideSpec # OverrideSpec defines the desired behavior of OverridePolicy.
  resourceSelectors []ResourceSelector # ResourceSelectors restricts resource types that this override policy applies to. nil means matching all resources.
  overrideRules []RuleWithCluster # OverrideRules defines a collection of override rules on target clusters.
  targetCluster ClusterAffinity # TargetCluster defines restrictions on this override policy that only applies to resources propagated to the matching clusters. nil means matching all clusters. Deprecated: This filed is deprecated in v1.0 and please use the OverrideRules instead.
  overriders Overriders # Overriders represents the override rules that would apply on resources. Deprecated: This filed is deprecated in v1.0 and please use the OverrideRules instead.
type RuleWithCluster # RuleWithCluster defines the override rules on clusters.
  targetCluster ClusterAffinity # TargetCluster defines restrictions on this override policy that only applies to resources propagated to the matching clusters. nil means matching all clusters.
  overriders! Overriders # Overriders represents the override rules that would apply on resources.
type Overriders # Overriders offers various alternatives to represent the override rules. If more than one alternative exists, they will be applied with following order: ImageOverrider, CommandOverrider, ArgsOverrider, LabelsOverrider, AnnotationsOverrider, FieldOverrider, Plaintext.
  plaintext []PlaintextOverrider # Plaintext represents override rules defined with plaintext overriders.
  imageOverrider []ImageOverrider # ImageOverrider represents the rules dedicated to handling image overrides.
  commandOverrider []CommandArgsOverrider # CommandOverrider represents the rules dedicated to handling container command.
  argsOverrider []CommandArgsOverrider # ArgsOverrider represents the rules dedicated to handling container args.
  labelsOverrider []LabelAnnotationOverrider # LabelsOverrider represents the rules dedicated to handling workload labels.
  annotationsOverrider []LabelAnnotationOverrider # AnnotationsOverrider represents the rules dedicated to handling workload annotations.
  fieldOverrider []FieldOverrider # FieldOverrider represents the rules dedicated to modifying a specific field in any Kubernetes resource, allowing changing parts of a field holding structured data (JSON or YAML).
type PlaintextOverrider # PlaintextOverrider is a simple overrider that overrides target fields according to path, operator and value.
  path! string # Path indicates the path of target field
  operator! string enum=add|remove|replace # Operator indicates the operation on target field. Available operators are: add, replace and remove.
  value any # Value to be applied to target field. Must be empty when operator is Remove.
type ImageOverrider # ImageOverrider represents the rules dedicated to handling image overrides.
  predicate ImagePredicate # Predicate filters images before applying the rule. Defaults to nil, in that case, the system will automatically detect image fields if the resource type is Pod, ReplicaSet, Deployment, StatefulSet, DaemonSet or Job.
  component! string enum=Registry|Repository|Tag # Component is part of image name. Basically we presume an image can be made of '[registry/]repository[:tag]'.
  operator! string enum=add|remove|replace # Operator represents the operator which will apply on the image.
  value string # Value to be applied to image. Must not be empty when operator is 'add' or 'replace'. Defaults to empty and ignored when operator is 'remove'.
type ImagePredicate # ImagePredicate describes images filter.
  path! string # Path indicates the path of target field
type CommandArgsOverrider # CommandArgsOverrider represents the rules dedicated to handling command/args overrides.
  containerName! string # The name of container
  operator! string enum=add|remove # Operator represents the operator which will apply on the command/args.
  value []string # Value to be applied to command/args. Items in Value which will be appended after command/args when Operator is 'add'. Items in Value which match in command/args will be deleted when Operator is 'remove'.
type LabelAnnotationOverrider # LabelAnnotationOverrider represents the rules dedicated to handling workload labels/annotations
  operator! string enum=add|remove|replace # Operator represents the operator which will apply on the workload.
  value map<string> # Value to be applied to annotations/labels of workload. Items in Value which will be appended in annotation/labels when Operator is 'add'. Items in Value which match in annotation/labels will be deleted when Operator is 'remove'. Items in Value which match in annotation/labels will be replaced when Operator is 'replace'.
type FieldOverrider # FieldOverrider represents the rules dedicated to modifying a specific field in any Kubernetes resource. Note: In any given instance, FieldOverrider processes either JSON or YAML fields, but not both simultaneously.
  fieldPath! string # FieldPath specifies the initial location in the instance document where the operation should take place. The path uses RFC 6901 for navigating into nested structures.
  json []JSONPatchOperation # JSON represents the operations performed on the JSON document specified by the FieldPath.
  yaml []YAMLPatchOperation # YAML represents the operations performed on the YAML document specified by the FieldPath.
type JSONPatchOperation # JSONPatchOperation represents a single field modification operation for JSON format.
  subPath! string # SubPath specifies the relative location within the initial FieldPath where the operation should take place. The path uses RFC 6901 for navigating into nested structures.
  operator! string enum=add|remove|replace # Operator indicates the operation on target field. Available operators are: "add", "remove", and "replace".
  value any # Value is the new value to set for the specified field if the operation is "add" or "replace". For "remove" operation, this field is ignored.
type YAMLPatchOperation # YAMLPatchOperation represents a single field modification operation for YAML format.
  subPath! string # SubPath specifies the relative location within the initial FieldPath where the operation should take place. The path uses RFC 6901 for navigating into nested structures.
  operator! string enum=add|remove|replace # Operator indicates the operation on target field. Available operators are: "add", "remove", and "replace".
  value any # Value is the new value to set for the specified field if the operation is "add" or "replace". For "remove" operation, this field is ignored.
kind FederatedResourceQuota policy.karmada.io/v1alpha1 federatedresourcequotas ns # FederatedResourceQuota sets aggregate quota restrictions enforced per namespace across all clusters.
  spec! FederatedResourceQuotaSpec # Spec defines the desired quota.
  status FederatedResourceQuotaStatus # Status defines the actual enforced quota and its current usage.
type FederatedResourceQuotaSpec # FederatedResourceQuotaSpec defines the desired hard limits to enforce for Quota.
  overall! map<quantity> # Overall is the set of desired hard limits for each named resource.
  staticAssignments []StaticClusterAssignment # StaticAssignments specifies ResourceQuota settings for specific clusters. If non-empty, Karmada will create ResourceQuotas in the corresponding clusters.
type StaticClusterAssignment # StaticClusterAssignment represents the set of desired hard limits for a specific cluster.
  clusterName! string # ClusterName is the name of the cluster the limits enforce to.
  hard! map<quantity> # Hard is the set of desired hard limits for each named resource.
type FederatedResourceQuotaStatus # FederatedResourceQuotaStatus defines the enforced hard limits and observed use.
  overall map<quantity> # Overall is the set of enforced hard limits for each named resource.
  overallUsed map<quantity> # OverallUsed is the set of observed total usage for each named resource.
  aggregatedStatus []ClusterQuotaStatus # AggregatedStatus is the observed quota usage of each cluster.
type ClusterQuotaStatus # ClusterQuotaStatus represents the set of desired limits and observed usage for a specific cluster.
  clusterName! string # ClusterName is the name of the cluster the limits enforce to.
  hard map<quantity> # Hard is the set of enforced hard limits for each named resource.
  used map<quantity> # Used is the current observed total usage of the resource in the namespace.
kind ClusterTaintPolicy policy.karmada.io/v1alpha1 clustertaintpolicies cluster # ClusterTaintPolicy automates taint management on Cluster objects based on declarative conditions.
  spec! ClusterTaintPolicySpec # Spec represents the desired behavior of ClusterTaintPolicy.
type ClusterTaintPolicySpec # ClusterTaintPolicySpec represents the desired behavior of ClusterTaintPolicy.
  targetClusters ClusterAffinity # TargetClusters specifies the clusters that ClusterTaintPolicy needs to pay attention to. For clusters that no longer match the TargetClusters, the taints will be kept unchanged. If targetClusters is not set, any cluster can be selected.
  addOnConditions []MatchCondition # AddOnConditions defines the conditions to match for triggering the controller to add taints on the cluster object. The match conditions are ANDed.
  removeOnConditions []MatchCondition # RemoveOnConditions defines the conditions to match for triggering the controller to remove taints from the cluster object. The match conditions are ANDed.
  taints! []PolicyTaint minitems=1 # Taints specifies the taints that need to be added or removed on the cluster object which match with TargetClusters.
type MatchCondition # MatchCondition represents the condition match detail of activating the failover relevant taints on target clusters.
  conditionType! string # ConditionType specifies the ClusterStatus condition type.
  operator! string enum=In|NotIn # Operator represents a conditionType's relationship to a set of values. Valid operators are In, NotIn.
  statusValues! []string # StatusValues is an array of metav1.ConditionStatus values. The item specifies the ClusterStatus condition status.
type PolicyTaint # Taint describes the taint that needs to be applied to the cluster.
  key! string # Key represents the taint key to be applied to a cluster.
  effect! string enum=NoSchedule|NoExecute # Effect represents the taint effect to be applied to a cluster.
  value string # Value represents the taint value corresponding to the taint key.

package io.karmada.work.v1alpha2
kind ResourceBinding work.karmada.io/v1alpha2 resourcebindings ns # ResourceBinding represents a binding of a kubernetes resource with a propagation policy.
  spec! ResourceBindingSpec # Spec represents the desired behavior.
  status ResourceBindingStatus # Status represents the most recently observed status of the ResourceBinding.
kind ClusterResourceBinding work.karmada.io/v1alpha2 clusterresourcebindings cluster # ClusterResourceBinding represents a binding of a kubernetes resource with a ClusterPropagationPolicy.
  spec! ResourceBindingSpec # Spec represents the desired behavior.
  status ResourceBindingStatus # Status represents the most recently observed status of the ResourceBinding.
type ResourceBindingSpec # ResourceBindingSpec represents the expectation of ResourceBinding.
  resource! ObjectReference # Resource represents the Kubernetes resource to be propagated.
  propagateDeps bool # PropagateDeps tells if relevant resources should be propagated automatically. It is inherited from PropagationPolicy or ClusterPropagationPolicy. default false.
  replicaRequirements ReplicaRequirements # ReplicaRequirements represents the requirements required by each replica.
  replicas int32 # Replicas represents the replica number of the referencing resource.
  components []Component # Components represents the requirements of multiple pod templates of the referencing resource.
  clusters []TargetCluster # Clusters represents target member clusters where the resource to be deployed.
  placement io.karmada.policy.v1alpha1.Placement # Placement represents the rule for select clusters to propagate resources.
  gracefulEvictionTasks []GracefulEvictionTask # GracefulEvictionTasks holds the eviction tasks that are expected to perform the eviction in a graceful way.
  requiredBy []BindingSnapshot # RequiredBy represents the list of Bindings that depend on the referencing resource.
  schedulerName string # SchedulerName represents which scheduler to proceed the scheduling. It inherits directly from the associated PropagationPolicy(or ClusterPropagationPolicy).
  failover io.karmada.policy.v1alpha1.FailoverBehavior # Failover indicates how Karmada migrates applications in case of failures. It inherits directly from the associated PropagationPolicy(or ClusterPropagationPolicy).
  conflictResolution string default=Abort enum=Abort|Overwrite # ConflictResolution declares how potential conflict should be handled when a resource that is being propagated already exists in the target cluster.
  rescheduleTriggeredAt time # RescheduleTriggeredAt is a timestamp representing when the referenced resource is triggered rescheduling. When this field is updated, it means a rescheduling is manually triggered by user, and the expected behavior of this action is to do a complete recalculation without referring to last scheduling results.
  suspension Suspension # Suspension declares the policy for suspending different aspects of propagation. nil means no suspension. no default values.
  preserveResourcesOnDeletion bool # PreserveResourcesOnDeletion controls whether resources should be preserved on the member clusters when the binding object is deleted.
  schedulePriority SchedulePriority # SchedulePriority represents the scheduling priority assigned to workloads.
  workloadAffinityGroups WorkloadAffinityGroups # WorkloadAffinityGroups records the affinity groups of the referencing resource.
type ObjectReference # ObjectReference contains enough information to locate the referenced object inside current cluster.
  apiVersion! string # APIVersion represents the API version of the referent.
  kind! string # Kind represents the Kind of the referent.
  namespace string # Namespace represents the namespace for the referent. For non-namespace scoped resources(e.g. 'ClusterRole')，do not need specify Namespace, and for namespace scoped resources, Namespace is required. If Namespace is not specified, means the resource is non-namespace scoped.
  name! string # Name represents the name of the referent.
  uid string # UID of the referent.
  resourceVersion string # ResourceVersion represents the internal version of the referenced object, that can be used by clients to determine when object has changed.
type ReplicaRequirements # ReplicaRequirements represents the requirements required by each replica.
  nodeClaim NodeClaim # NodeClaim represents the node claim HardNodeAffinity, NodeSelector and Tolerations required by each replica.
  resourceRequest map<quantity> # ResourceRequest represents the resources required by each replica.
  namespace string # Namespace represents the resources namespaces
  priorityClassName string # PriorityClassName represents the resources priorityClassName
type NodeClaim # NodeClaim represents the node claim HardNodeAffinity, NodeSelector and Tolerations required by each replica.
  hardNodeAffinity NodeSelector # A node selector represents the union of the results of one or more label queries over a set of nodes; that is, it represents the OR of the selectors represented by the node selector terms.
  nodeSelector map<string> # NodeSelector is a selector which must be true for the pod to fit on a node.
  tolerations []Toleration # If specified, the pod's tolerations.
type Component # Component represents the requirements for a specific component.
  name! string maxlen=32 # Name of this component. It is required when the resource contains multiple components to ensure proper identification, and must also be unique within the same resource.
  replicas! int32 # Replicas represents the replica number of the resource's component.
  replicaRequirements ComponentReplicaRequirements # ReplicaRequirements represents the requirements required by each replica for this component.
type ComponentReplicaRequirements # ComponentReplicaRequirements represents the requirements required by each replica.
  nodeClaim NodeClaim # NodeClaim represents the node claim HardNodeAffinity, NodeSelector and Tolerations required by each replica.
  resourceRequest map<quantity> # ResourceRequest represents the resources required by each replica.
  priorityClassName string # PriorityClassName represents the resources priorityClassName
type TargetCluster # TargetCluster represents the identifier of a member cluster.
  name! string # Name of target cluster.
  replicas int32 # Replicas in target cluster
  components []object # Components represents the replica assignment of each component in the target cluster.
type GracefulEvictionTask # GracefulEvictionTask represents a graceful eviction task.
  fromCluster! string # FromCluster which cluster the eviction perform from.
  purgeMode string enum=Directly|Gracefully|Never|Immediately|Graciously # PurgeMode represents how to deal with the legacy applications on the cluster from which the application is migrated.
  replicas int32 # Replicas indicates the number of replicas should be evicted. Should be ignored for resource type that doesn't have replica.
  reason! string # Reason contains a programmatic identifier indicating the reason for the eviction. Producers may define expected values and meanings for this field, and whether the values are considered a guaranteed API.
  message string # Message is a human-readable message indicating details about the eviction. This may be an empty string.
  producer! string # Producer indicates the controller who triggered the eviction.
  gracePeriodSeconds int32 # GracePeriodSeconds is the maximum waiting duration in seconds before the item should be deleted. If the application on the new cluster cannot reach a Healthy state, Karmada will delete the item after GracePeriodSeconds is reached.
  suppressDeletion bool # SuppressDeletion represents the grace period will be persistent until the tools or human intervention stops it.
  preservedLabelState map<string> # PreservedLabelState represents the application state information collected from the original cluster, and it will be injected into the new cluster in form of application labels.
  clustersBeforeFailover []string # ClustersBeforeFailover records the clusters where running the application before failover.
  creationTimestamp time # CreationTimestamp is a timestamp representing the server time when this object was created.
type BindingSnapshot # BindingSnapshot is a snapshot of a ResourceBinding or ClusterResourceBinding.
  namespace string # Namespace represents the namespace of the Binding. It is required for ResourceBinding. If Namespace is not specified, means the referencing is ClusterResourceBinding.
  name! string # Name represents the name of the Binding.
  clusters []TargetCluster # Clusters represents the scheduled result.
type Suspension # Suspension defines the policy for suspending dispatching and scheduling.
  dispatching bool # Dispatching controls whether dispatching should be suspended.
  dispatchingOnClusters io.karmada.policy.v1alpha1.SuspendClusters # DispatchingOnClusters declares a list of clusters to which the dispatching should be suspended.
  scheduling bool # Scheduling controls whether scheduling should be suspended, the scheduler will pause scheduling and not process resource binding when the value is true and resume scheduling when it's false or nil.
type SchedulePriority # SchedulePriority represents the scheduling priority assigned to workloads.
  priority int32 # Priority specifies the scheduling priority for the binding. Higher values indicate a higher priority.
type WorkloadAffinityGroups # WorkloadAffinityGroups records the affinity groups ("key=value") of the referencing resource.
  affinityGroup string # AffinityGroup is the affinity group of the workload.
  antiAffinityGroup string # AntiAffinityGroup is the anti-affinity group of the workload.
type ResourceBindingStatus # ResourceBindingStatus represents the overall status of the strategy as well as the referenced resources.
  schedulerObservedGeneration int64 # SchedulerObservedGeneration is the generation(.metadata.generation) observed by the scheduler. If SchedulerObservedGeneration is less than the generation in metadata means the scheduler hasn't confirmed the scheduling result or hasn't done the schedule yet.
  schedulerObservingAffinityName string # SchedulerObservedAffinityName is the name of affinity term that is the basis of current scheduling.
  lastScheduledTime time # LastScheduledTime representing the latest timestamp when scheduler successfully finished a scheduling. It is represented in RFC3339 form (like '2006-01-02T15:04:05Z') and is in UTC.
  conditions []Condition # Conditions contain the different condition statuses.
  aggregatedStatus []AggregatedStatusItem # AggregatedStatus represents status list of the resource running in each member cluster.
type AggregatedStatusItem # AggregatedStatusItem represents status of the resource running in a member cluster.
  clusterName! string # ClusterName represents the member cluster name which the resource deployed on.
  status object # Status reflects running status of current manifest.
  applied bool # Applied represents if the resource referencing by ResourceBinding or ClusterResourceBinding is successfully applied on the cluster.
  appliedMessage string # AppliedMessage is a human readable message indicating details about the applied status. This is usually holds the error message in case of apply failed.
  health string enum=Healthy|Unhealthy|Unknown # Health represents the healthy state of the current resource. There maybe different rules for different resources to achieve health status.

package io.karmada.work.v1alpha1
kind ResourceBinding work.karmada.io/v1alpha1 resourcebindings ns # ResourceBinding represents a binding of a kubernetes resource with a propagation policy.
  spec! ResourceBindingSpec # Spec represents the desired behavior.
  status ResourceBindingStatus # Status represents the most recently observed status of the ResourceBinding.
kind ClusterResourceBinding work.karmada.io/v1alpha1 clusterresourcebindings cluster # ClusterResourceBinding represents a binding of a kubernetes resource with a ClusterPropagationPolicy.
  spec! ResourceBindingSpec # Spec represents the desired behavior.
  status ResourceBindingStatus # Status represents the most recently observed status of the ResourceBinding.
type ResourceBindingSpec preserve # ResourceBindingSpec represents the expectation of ResourceBinding.
  resource! io.karmada.work.v1alpha2.ObjectReference # Resource represents the Kubernetes resource to be propagated.
  propagateDeps bool # PropagateDeps tells if relevant resources should be propagated automatically.
  replicaRequirements io.karmada.work.v1alpha2.ReplicaRequirements # ReplicaRequirements represents the requirements required by each replica.
  replicas int32 # Replicas represents the replica number of the referencing resource.
  clusters []io.karmada.work.v1alpha2.TargetCluster # Clusters represents target member clusters where the resource to be deployed.
type ResourceBindingStatus preserve # ResourceBindingStatus represents the overall status of the strategy as well as the referenced resources.
  conditions []Condition # Conditions contain the different condition statuses.
  aggregatedStatus []io.karmada.work.v1alpha2.AggregatedStatusItem # AggregatedStatus represents status list of the resource running in each member cluster.
kind Work work.karmada.io/v1alpha1 works ns # Work defines a list of resources to be deployed on the member cluster.
  spec! WorkSpec # Spec represents the desired behavior of Work.
  status WorkStatus # Status represents the status of PropagationStatus.
type WorkSpec # WorkSpec defines the desired state of Work.
  workload WorkloadTemplate # Workload represents the manifest workload to be deployed on managed cluster.
  suspendDispatching bool # SuspendDispatching controls whether dispatching should be suspended, nil means not suspend. Note: true means stop propagating to the corresponding member cluster, and does not prevent status collection.
  preserveResourcesOnDeletion bool # PreserveResourcesOnDeletion controls whether resources should be preserved on the member cluster when the Work object is deleted. If set to true, resources will be preserved on the member cluster. Default is false, which means resources will be deleted along with the Work object.
type WorkloadTemplate # WorkloadTemplate represents the manifest workload to be deployed on managed cluster.
  manifests []raw # Manifests represents a list of Kubernetes resources to be deployed on the managed cluster.
type WorkStatus # WorkStatus defines the observed state of Work.
  conditions []Condition # Conditions contain the different condition statuses for this work. Valid condition types are: 1. Applied represents workload in Work is applied successfully on a managed cluster. 2. Progressing represents workload in Work is transitioning from one state to another. 3. Available represents workload in Work exists on the managed cluster. 4. Degraded represents the current state of workload does not match the desired state for a certain period.
  manifestStatuses []ManifestStatus # ManifestStatuses contains running status of manifests in spec.
type ManifestStatus # ManifestStatus contains running status of a specific manifest in spec.
  identifier! ResourceIdentifier # Identifier represents the identity of a resource linking to manifests in spec.
  status object # Status reflects running status of current manifest.
  health string enum=Healthy|Unhealthy|Unknown # Health represents the healthy state of the current resource.
type ResourceIdentifier # ResourceIdentifier provides the identifiers needed to interact with any arbitrary object.
  ordinal! integer # Ordinal represents an index in manifests list, so the condition can still be linked to a manifest even though manifest cannot be parsed successfully.
  group string # Group is the group of the resource.
  version! string # Version is the version of the resource.
  kind! string # Kind is the kind of the resource.
  resource! string # Resource is the resource type of the resource
  namespace string # Namespace is the namespace of the resource, the resource should be cluster scoped if the value is empty
  name! string # Name is the name of the resource

package io.karmada.config.v1alpha1
kind ResourceInterpreterCustomization config.karmada.io/v1alpha1 resourceinterpretercustomizations cluster # ResourceInterpreterCustomization describes the configuration of a specific resource for Karmada to get the structure. It has higher precedence than the default interpreter and the interpreter webhook.
  spec! ResourceInterpreterCustomizationSpec # Spec describes the configuration in detail.
type ResourceInterpreterCustomizationSpec # ResourceInterpreterCustomizationSpec describes the configuration in detail.
  target! CustomizationTarget # CustomizationTarget represents the resource type that the customization applies to.
  customizations! CustomizationRules # Customizations describe the interpretation rules.
type CustomizationTarget # CustomizationTarget represents the resource type that the customization applies to.
  apiVersion! string # APIVersion represents the API version of the target resource.
  kind! string # Kind represents the Kind of target resources.
type CustomizationRules # CustomizationRules describes the interpretation rules.
  retention LuaScript # Retention describes the desired behavior that Karmada should react on the changes made by member cluster components.
  replicaResource LuaScript # ReplicaResource describes the rules for Karmada to discover the resource's replica as well as resource requirements.
  componentResource LuaScript # ComponentResource describes the rules for Karmada to discover the resource requirements for multiple components from the given object.
  replicaRevision LuaScript # ReplicaRevision describes the rules for Karmada to revise the resource's replica.
  statusReflection LuaScript # StatusReflection describes the rules for Karmada to pick the resource's status.
  statusAggregation LuaScript # StatusAggregation describes the rules for Karmada to aggregate status collected from member clusters to resource template.
  healthInterpretation LuaScript # HealthInterpretation describes the health assessment rules by which Karmada can assess the health state of the resource type.
  dependencyInterpretation LuaScript # DependencyInterpretation describes the rules for Karmada to analyze the dependent resources.
type LuaScript # LuaScript holds the Lua script that is used to interpret the resource.
  luaScript! string # LuaScript holds the Lua script that is used to interpret the resource.
kind ResourceInterpreterWebhookConfiguration config.karmada.io/v1alpha1 resourceinterpreterwebhookconfigurations cluster # ResourceInterpreterWebhookConfiguration describes the configuration of webhooks which take the responsibility to tell karmada the details of the resource object, especially for custom resources.
  webhooks! []ResourceInterpreterWebhook # Webhooks is a list of webhooks and the affected resources and operations.
type ResourceInterpreterWebhook # ResourceInterpreterWebhook describes the webhook as well as the resources and operations it applies to.
  name! string # Name is the full-qualified name of the webhook.
  clientConfig! WebhookClientConfig # ClientConfig defines how to communicate with the hook.
  rules []RuleWithOperations # Rules describes what operations on what resources the webhook cares about.
  timeoutSeconds int32 # TimeoutSeconds specifies the timeout for this webhook. Default to 10 seconds.
  interpreterContextVersions! []string # InterpreterContextVersions is an ordered list of preferred `ResourceInterpreterContext` versions the Webhook expects.
type WebhookClientConfig # WebhookClientConfig contains the information to make a TLS connection with the webhook
  url string # `url` gives the location of the webhook, in standard URL form (`scheme://host:port/path`).
  service ServiceReference # `service` is a reference to the service for this webhook.
  caBundle bytes # `caBundle` is a PEM encoded CA bundle which will be used to validate the webhook's server certificate.
type ServiceReference # ServiceReference holds a reference to Service.legacy.k8s.io
  namespace! string # `namespace` is the namespace of the service.
  name! string # `name` is the name of the service.
  path string # `path` is an optional URL path which will be sent in any request to this service.
  port int32 # If specified, the port on the service that hosting webhook. Default to 443 for backward compatibility.
type RuleWithOperations # RuleWithOperations is a tuple of Operations and Resources.
  operations! []string # Operations is the operations the hook cares about. If '*' is present, the length of the slice must be one.
  apiGroups! []string # APIGroups is the API groups the resources belong to. '*' is all groups.
  apiVersions! []string # APIVersions is the API versions the resources belong to. '*' is all versions.
  kinds! []string # Kinds is a list of resources this rule applies to. '*' means all kinds.

package io.karmada.networking.v1alpha1
kind MultiClusterService networking.karmada.io/v1alpha1 multiclusterservices ns # MultiClusterService is a named abstraction of multi-cluster software service.
  spec! MultiClusterServiceSpec # Spec is the desired state of the MultiClusterService.
  status io.k8s.api.core.v1.ServiceStatus # Status is the current state of the MultiClusterService.
type MultiClusterServiceSpec # MultiClusterServiceSpec is the desired state of the MultiClusterService.
  types! []string enum=CrossCluster|LoadBalancer # Types specifies how to expose the service referencing by this MultiClusterService.
  ports []ExposurePort # Ports is the list of ports that are exposed by this MultiClusterService.
  range ExposureRange # Range specifies the ranges where the referencing service should be exposed. Deprecated.
  serviceProvisionClusters []string # ServiceProvisionClusters specifies the clusters which will provision the service backend. Deprecated.
  serviceConsumptionClusters []string # ServiceConsumptionClusters specifies the clusters where the service will be exposed, for clients. Deprecated.
  providerClusters []ClusterSelector # ProviderClusters specifies the clusters which will provide the service backend. If leave it empty, we will collect the backend endpoints from all clusters and sync them to the ConsumerClusters.
  consumerClusters []ClusterSelector # ConsumerClusters specifies the clusters where the service will be exposed, for clients. If leave it empty, the service will be exposed to all clusters.
type ExposurePort # ExposurePort describes which port will be exposed.
  name string # Name is the name of the port that needs to be exposed within the service. The port name must be the same as that defined in the service.
  port! int32 # Port specifies the exposed service port.
type ExposureRange # ExposureRange describes a list of clusters where the service is exposed.
  clusterNames []string # ClusterNames is the list of clusters to be selected.
type ClusterSelector # ClusterSelector specifies the cluster to be selected.
  name! string # Name is the name of the cluster to be selected.
kind MultiClusterIngress networking.karmada.io/v1alpha1 multiclusteringresses ns # MultiClusterIngress is a collection of rules that allow inbound connections to reach the endpoints defined by a backend. The structure of MultiClusterIngress is same as Ingress, indicates the Ingress in multi-clusters.
  spec IngressSpec # Spec is the desired state of the MultiClusterIngress.
  status MultiClusterIngressStatus # Status is the current state of the MultiClusterIngress.
type MultiClusterIngressStatus # MultiClusterIngressStatus is the current state of the MultiClusterIngress.
  loadBalancer IngressLoadBalancerStatus # loadBalancer contains the current status of the load-balancer.
  trafficBlockClusters []string # TrafficBlockClusters records the cluster name list that needs to perform traffic block.
  serviceLocations []object # ServiceLocations records the locations of MulticlusterIngress's backend Service resources.

package io.karmada.autoscaling.v1alpha1
kind FederatedHPA autoscaling.karmada.io/v1alpha1 federatedhpas ns # FederatedHPA is centralized HPA that can aggregate the metrics in multiple clusters.
  spec! FederatedHPASpec # Spec is the specification of the FederatedHPA.
  status HorizontalPodAutoscalerStatus # Status is the current status of the FederatedHPA.
type FederatedHPASpec # FederatedHPASpec describes the desired functionality of the FederatedHPA.
  scaleTargetRef! CrossVersionObjectReference # ScaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count.
  minReplicas int32 # MinReplicas is the lower limit for the number of replicas to which the autoscaler can scale down. It defaults to 1 pod.
  maxReplicas! int32 # MaxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up. It cannot be less that minReplicas.
  metrics []MetricSpec # Metrics contains the specifications for which to use to calculate the desired replica count.
  behavior object # Behavior configures the scaling behavior of the target in both Up and Down directions (scaleUp and scaleDown fields respectively).
kind CronFederatedHPA autoscaling.karmada.io/v1alpha1 cronfederatedhpas ns # CronFederatedHPA represents a collection of repeating schedule to scale replica number of a specific workload. It can scale any resource implementing the scale subresource as well as FederatedHPA.
  spec! CronFederatedHPASpec # Spec is the specification of the CronFederatedHPA.
  status CronFederatedHPAStatus # Status is the current status of the CronFederatedHPA.
type CronFederatedHPASpec # CronFederatedHPASpec is the specification of the CronFederatedHPA.
  scaleTargetRef! CrossVersionObjectReference # ScaleTargetRef points to the target resource to scale. Target resource could be any resource that implementing the scale subresource like Deployment, or FederatedHPA.
  rules! []CronFederatedHPARule # Rules contains a collection of schedules that declares when and how the referencing target resource should be scaled.
type CronFederatedHPARule # CronFederatedHPARule declares a schedule as well as scale actions.
  name! string # Name of the rule. Each rule in a CronFederatedHPA must have a unique name.
  schedule! string # Schedule is the cron expression that represents a periodical time.
  targetReplicas int32 # TargetReplicas is the target replicas to be scaled for resources referencing by ScaleTargetRef of this CronFederatedHPA. Only needed when referencing resource is not FederatedHPA.
  targetMinReplicas int32 # TargetMinReplicas is the target MinReplicas to be set for FederatedHPA. Only needed when referencing resource is FederatedHPA.
  targetMaxReplicas int32 # TargetMaxReplicas is the target MaxReplicas to be set for FederatedHPA. Only needed when referencing resource is FederatedHPA.
  suspend bool default=false # Suspend tells the controller to suspend subsequent executions. Defaults to false.
  timeZone string # TimeZone for the giving schedule. If not specified, this will default to the time zone of the karmada-controller-manager process.
  successfulHistoryLimit int32 default=3 min=0 max=32 # SuccessfulHistoryLimit represents the count of successful execution items for each rule. The value must be a positive integer. It defaults to 3.
  failedHistoryLimit int32 default=3 min=0 max=32 # FailedHistoryLimit represents the count of failed execution items for each rule. The value must be a positive integer. It defaults to 3.
type CronFederatedHPAStatus # CronFederatedHPAStatus represents the current status of a CronFederatedHPA.
  executionHistories []object # ExecutionHistories record the execution histories of CronFederatedHPARule.

package io.karmada.apps.v1alpha1
kind WorkloadRebalancer apps.karmada.io/v1alpha1 workloadrebalancers cluster # WorkloadRebalancer represents the desired behavior and status of a job which can enforces a resource rebalance.
  spec! WorkloadRebalancerSpec # Spec represents the specification of the desired behavior of WorkloadRebalancer.
  status WorkloadRebalancerStatus # Status represents the status of WorkloadRebalancer.
type WorkloadRebalancerSpec # WorkloadRebalancerSpec represents the specification of the desired behavior of Reschedule.
  workloads! []ObjectReference minitems=1 # Workloads used to specify the list of expected resource. Nil or empty list is not allowed.
  ttlSecondsAfterFinished int32 # TTLSecondsAfterFinished limits the lifetime of a WorkloadRebalancer that has finished execution (means each target workload is finished with result of Successful or Failed).
type ObjectReference # ObjectReference the expected resource.
  apiVersion! string # APIVersion represents the API version of the target resource.
  kind! string # Kind represents the Kind of the target resource.
  name! string # Name of the target resource.
  namespace string # Namespace of the target resource. Default is empty, which means it is a non-namespacescoped resource.
type WorkloadRebalancerStatus # WorkloadRebalancerStatus contains information about the current status of a WorkloadRebalancer updated periodically by schedule trigger controller.
  observedWorkloads []ObservedWorkload # ObservedWorkloads contains information about the execution states and messages of target resources.
  observedGeneration int64 # ObservedGeneration is the generation(.metadata.generation) observed by the controller.
  finishTime time # FinishTime represents the finish time of rebalancer.
type ObservedWorkload # ObservedWorkload the observed resource.
  workload! ObjectReference # Workload the observed resource.
  result string enum=Successful|Failed # Result the observed rebalance result of resource.
  reason string # Reason represents a machine-readable description of why this resource rebalanced failed.

package io.karmada.remedy.v1alpha1
kind Remedy remedy.karmada.io/v1alpha1 remedies cluster # Remedy represents the cluster-level management strategies based on cluster conditions.
  spec! RemedySpec # Spec represents the desired behavior of Remedy.
type RemedySpec # RemedySpec represents the desired behavior of Remedy.
  clusterAffinity RemedyClusterAffinity # ClusterAffinity specifies the clusters that Remedy needs to pay attention to. For clusters that meet the DecisionConditions, Actions will be preformed. If empty, all clusters will be selected.
  decisionMatches []DecisionMatch # DecisionMatches indicates the decision matches of triggering the remedy system to perform the actions. As long as any one DecisionMatch matches, the Actions will be preformed. If empty, the Actions will be performed immediately.
  actions []string enum=TrafficControl # Actions specifies the actions that remedy system needs to perform. If empty, no action will be performed.
type RemedyClusterAffinity # ClusterAffinity represents the filter to select clusters.
  clusterNames []string # ClusterNames is the list of clusters to be selected.
type DecisionMatch # DecisionMatch represents the decision match detail of activating the remedy system.
  clusterConditionMatch ClusterConditionRequirement # ClusterConditionMatch describes the cluster condition requirement.
type ClusterConditionRequirement # ClusterConditionRequirement describes the Cluster condition requirement details.
  conditionType! string enum=ServiceDomainNameResolutionReady # ConditionType specifies the ClusterStatus condition type.
  operator! string enum=Equal|NotEqual # Operator represents a conditionType's relationship to a conditionStatus. Valid operators are Equal, NotEqual.
  conditionStatus! string # ConditionStatus specifies the ClusterStatue condition status.

package io.x-k8s.multicluster.v1alpha1
kind ServiceExport multicluster.x-k8s.io/v1alpha1 serviceexports ns # ServiceExport declares that the Service with the same name and namespace as this export should be consumable from other clusters.
  status ServiceExportStatus # status describes the current state of an exported service. Service configuration comes from the Service that had the same name and namespace as this ServiceExport. Populated by the multi-cluster service implementation's controller.
type ServiceExportStatus # ServiceExportStatus contains the current status of an export.
  conditions []Condition merge=type patch=merge list=map keys=type # Conditions of the export.
kind ServiceImport multicluster.x-k8s.io/v1alpha1 serviceimports ns # ServiceImport describes a service imported from clusters in a ClusterSet.
  spec ServiceImportSpec # spec defines the behavior of a ServiceImport.
  status ServiceImportStatus # status contains information about the exported services that form the multi-cluster service referenced by this ServiceImport.
type ServiceImportSpec # ServiceImportSpec describes an imported service and the information necessary to consume it.
  ports! []ServicePort list=atomic # Ports of the imported service.
  ips []string maxitems=1 # ip will be used as the VIP for this service when type is ClusterSetIP.
  type! string enum=ClusterSetIP|Headless # type defines the type of this service. Must be ClusterSetIP or Headless.
  sessionAffinity string # Supports "ClientIP" and "None". Used to maintain session affinity.
  sessionAffinityConfig object # sessionAffinityConfig contains session affinity configuration.
type ServicePort # ServicePort represents the port on which the service is exposed
  name string # The name of this port within the service.
  protocol string # The IP protocol for this port. Supports "TCP", "UDP", and "SCTP". Default is TCP.
  appProtocol string # The application protocol for this port.
  port! int32 # The port that will be exposed by this service.
type ServiceImportStatus # ServiceImportStatus describes derived state of an imported service.
  clusters []ClusterStatus list=map keys=cluster # clusters is the list of exporting clusters from which this service was derived.
type ClusterStatus # ClusterStatus contains service configuration mapped to a specific source cluster
  cluster! string # cluster is the name of the exporting cluster. Must be a valid RFC-1123 DNS label.
""";
}
