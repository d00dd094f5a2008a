namespace Flotilla.ApiServer.Schema;

/// <summary>apps/v1, batch/v1, autoscaling/v2, policy/v1 in the schema dialect (see <see cref="SchemaDialect"/>).</summary>
internal static class SchemaTextApps
{
    public const string Text = """
package io.k8s.api.apps.v1
kind Deployment apps/v1 deployments ns # Deployment enables declarative updates for Pods and ReplicaSets.
  spec DeploymentSpec # Specification of the desired behavior of the Deployment.
  status DeploymentStatus # Most recently observed status of the Deployment.
type DeploymentSpec # DeploymentSpec is the specification of the desired behavior of the Deployment.
  minReadySeconds int32 # Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0.
  paused bool # Indicates that the deployment is paused.
  progressDeadlineSeconds int32 # The maximum time in seconds for a deployment to make progress before it is considered to be failed. Defaults to 600s.
  replicas int32 # Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.
  revisionHistoryLimit int32 # The number of old ReplicaSets to retain to allow rollback. Defaults to 10.
  selector! LabelSelector # Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels.
  strategy DeploymentStrategy patch=retainKeys # The deployment strategy to use to replace existing pods with new ones.
  template! PodTemplateSpec # Template describes the pods that will be created. The only allowed template.spec.restartPolicy value is "Always".
type DeploymentStrategy # DeploymentStrategy describes how to replace existing pods with new ones.
  rollingUpdate RollingUpdateDeployment # Rolling update config params. Present only if DeploymentStrategyType = RollingUpdate.
  type string enum=Recreate|RollingUpdate # Type of deployment. Can be "Recreate" or "RollingUpdate". Default is RollingUpdate.
type RollingUpdateDeployment # Spec to control the desired behavior of rolling update.
  maxSurge intstr # The maximum number of pods that can be scheduled above the desired number of pods. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). Defaults to 25%.
  maxUnavailable intstr # The maximum number of pods that can be unavailable during the update. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). Defaults to 25%.
type DeploymentStatus # DeploymentStatus is the most recently observed status of the Deployment.
  availableReplicas int32 # Total number of available non-terminating pods (ready for at least minReadySeconds) targeted by this deployment.
  collisionCount int32 # Count of hash collisions for the Deployment.
  conditions []DeploymentCondition merge=type patch=merge list=map keys=type # Represents the latest available observations of a deployment's current state.
  observedGeneration int64 # The generation observed by the deployment controller.
  readyReplicas int32 # Total number of non-terminating pods targeted by this Deployment with a Ready Condition.
  replicas int32 # Total number of non-terminating pods targeted by this deployment (their labels match the selector).
  terminatingReplicas int32 # Total number of terminating pods targeted by this deployment.
  unavailableReplicas int32 # Total number of unavailable pods targeted by this deployment.
  updatedReplicas int32 # Total number of non-terminating pods targeted by this deployment that have the desired template spec.
type DeploymentCondition # DeploymentCondition describes the state of a deployment at a certain point.
  lastTransitionTime time # Last time the condition transitioned from one status to another.
  lastUpdateTime time # The last time this condition was updated.
  message string # A human readable message indicating details about the transition.
  reason string # The reason for the condition's last transition.
  status! string # Status of the condition, one of True, False, Unknown.
  type! string # Type of deployment condition.
kind ReplicaSet apps/v1 replicasets ns # ReplicaSet ensures that a specified number of pod replicas are running at any given time.
  spec ReplicaSetSpec # Spec defines the specification of the desired behavior of the ReplicaSet.
  status ReplicaSetStatus # Status is the most recently observed status of the ReplicaSet.
type ReplicaSetSpec # ReplicaSetSpec is the specification of a ReplicaSet.
  minReadySeconds int32 # Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available.
  replicas int32 # Replicas is the number of desired pods. Defaults to 1.
  selector! LabelSelector # Selector is a label query over pods that should match the replica count. Label keys and values that must match in order to be controlled by this replica set.
  template PodTemplateSpec # Template is the object that describes the pod that will be created if insufficient replicas are detected.
type ReplicaSetStatus # ReplicaSetStatus represents the current status of a ReplicaSet.
  availableReplicas int32 # The number of available non-terminating pods (ready for at least minReadySeconds) for this replica set.
  conditions []object merge=type patch=merge list=map keys=type # Represents the latest available observations of a replica set's current state.
  fullyLabeledReplicas int32 # The number of non-terminating pods that have labels matching the labels of the pod template of the replicaset.
  observedGeneration int64 # ObservedGeneration reflects the generation of the most recently observed ReplicaSet.
  readyReplicas int32 # The number of non-terminating pods targeted by this ReplicaSet with a Ready Condition.
  replicas! int32 # Replicas is the most recently observed number of non-terminating pods.
  terminatingReplicas int32 # The number of terminating pods for this replica set.
kind StatefulSet apps/v1 statefulsets ns # StatefulSet represents a set of pods with consistent identities.
  spec StatefulSetSpec # Spec defines the desired identities of pods in this set.
  status StatefulSetStatus # Status is the current status of Pods in this StatefulSet.
type StatefulSetSpec # A StatefulSetSpec is the specification of a StatefulSet.
  minReadySeconds int32 # Minimum number of seconds for which a newly created pod should be ready without any of its container crashing for it to be considered available.
  ordinals object # ordinals controls the numbering of replica indices in a StatefulSet.
  persistentVolumeClaimRetentionPolicy object # persistentVolumeClaimRetentionPolicy describes the lifecycle of persistent volume claims created from volumeClaimTemplates.
  podManagementPolicy string enum=OrderedReady|Parallel # podManagementPolicy controls how pods are created during initial scale up, when replacing pods on nodes, or when scaling down.
  replicas int32 # replicas is the desired number of replicas of the given Template. Defaults to 1.
  revisionHistoryLimit int32 # revisionHistoryLimit is the maximum number of revisions that will be maintained in the StatefulSet's revision history. Defaults to 10.
  selector! LabelSelector # selector is a label query over pods that should match the replica count. It must match the pod template's labels.
  serviceName string # serviceName is the name of the service that governs this StatefulSet.
  template! PodTemplateSpec # template is the object that describes the pod that will be created if insufficient replicas are detected.
  updateStrategy StatefulSetUpdateStrategy # updateStrategy indicates the StatefulSetUpdateStrategy that will be employed to update Pods in the StatefulSet when a revision is made to Template.
  volumeClaimTemplates []object list=atomic # volumeClaimTemplates is a list of claims that pods are allowed to reference.
type StatefulSetUpdateStrategy # StatefulSetUpdateStrategy indicates the strategy that the StatefulSet controller will use to perform updates.
  rollingUpdate object # RollingUpdate is used to communicate parameters when Type is RollingUpdateStatefulSetStrategyType.
  type string enum=OnDelete|RollingUpdate # Type indicates the type of the StatefulSetUpdateStrategy. Default is RollingUpdate.
type StatefulSetStatus # StatefulSetStatus represents the current state of a StatefulSet.
  availableReplicas int32 # Total number of available pods (ready for at least minReadySeconds) targeted by this statefulset.
  collisionCount int32 # collisionCount is the count of hash collisions for the StatefulSet.
  conditions []object merge=type patch=merge list=map keys=type # Represents the latest available observations of a statefulset's current state.
  currentReplicas int32 # currentReplicas is the number of Pods created by the StatefulSet controller from the StatefulSet version indicated by currentRevision.
  currentRevision string # currentRevision, if not empty, indicates the version of the StatefulSet used to generate Pods in the sequence [0,currentReplicas).
  observedGeneration int64 # observedGeneration is the most recent generation observed for this StatefulSet.
  readyReplicas int32 # readyReplicas is the number of pods created for this StatefulSet with a Ready Condition.
  replicas! int32 # replicas is the number of Pods created by the StatefulSet controller.
  updateRevision string # updateRevision, if not empty, indicates the version of the StatefulSet used to generate Pods in the sequence [replicas-updatedReplicas,replicas)
  updatedReplicas int32 # updatedReplicas is the number of Pods created by the StatefulSet controller from the StatefulSet version indicated by updateRevision.
kind DaemonSet apps/v1 daemonsets ns # DaemonSet represents the configuration of a daemon set.
  spec DaemonSetSpec # The desired behavior of this daemon set.
  status DaemonSetStatus # The current status of this daemon set.
type DaemonSetSpec # DaemonSetSpec is the specification of a daemon set.
  minReadySeconds int32 # The minimum number of seconds for which a newly created DaemonSet pod should be ready without any of its container crashing, for it to be considered available.
  revisionHistoryLimit int32 # The number of old history to retain to allow rollback. Defaults to 10.
  selector! LabelSelector # A label query over pods that are managed by the daemon set. It must match the pod template's labels.
  template! PodTemplateSpec # An object that describes the pod that will be created.
  updateStrategy DaemonSetUpdateStrategy # An update strategy to replace existing DaemonSet pods with new pods.
type DaemonSetUpdateStrategy # DaemonSetUpdateStrategy is a struct used to control the update strategy for a DaemonSet.
  rollingUpdate object # Rolling update config params. Present only if type = "RollingUpdate".
  type string enum=OnDelete|RollingUpdate # Type of daemon set update. Can be "RollingUpdate" or "OnDelete". Default is RollingUpdate.
type DaemonSetStatus # DaemonSetStatus represents the current status of a daemon set.
  collisionCount int32 # Count of hash collisions for the DaemonSet.
  conditions []object merge=type patch=merge list=map keys=type # Represents the latest available observations of a DaemonSet's current state.
  currentNumberScheduled! int32 # The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.
  desiredNumberScheduled! int32 # The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod).
  numberAvailable int32 # The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.
  numberMisscheduled! int32 # The number of nodes that are running the daemon pod, but are not supposed to run the daemon pod.
  numberReady! int32 # numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.
  numberUnavailable int32 # The number of nodes that should be running the daemon pod and have none of the daemon pod running and available.
  observedGeneration int64 # The most recent generation observed by the daemon set controller.
  updatedNumberScheduled int32 # The total number of nodes that are running updated daemon pod
kind ControllerRevision apps/v1 controllerrevisions ns # ControllerRevision implements an immutable snapshot of state data.
  data raw # Data is the serialized representation of the state.
  revision! int64 # Revision indicates the revision of the state represented by Data.

package io.k8s.api.batch.v1
kind Job batch/v1 jobs ns # Job represents the configuration of a single job.
  spec JobSpec # Specification of the desired behavior of a job.
  status JobStatus # Current status of a job.
type JobSpec # JobSpec describes how the job execution will look like.
  activeDeadlineSeconds int64 # Specifies the duration in seconds relative to the startTime that the job may be continuously active before the system tries to terminate it.
  backoffLimit int32 # Specifies the number of retries before marking this job failed. Defaults to 6.
  backoffLimitPerIndex int32 # Specifies the limit for the number of retries within an index before marking this index as failed.
  completionMode string enum=NonIndexed|Indexed # completionMode specifies how Pod completions are tracked. It can be `NonIndexed` (default) or `Indexed`.
  completions int32 # Specifies the desired number of successfully finished pods the job should be run with.
  managedBy string # ManagedBy field indicates the controller that manages a Job.
  manualSelector bool # manualSelector controls generation of pod labels and pod selectors.
  maxFailedIndexes int32 # Specifies the maximal number of failed indexes before marking the Job as failed, when backoffLimitPerIndex is set.
  parallelism int32 # Specifies the maximum desired number of pods the job should run at any given time.
  podFailurePolicy object # Specifies the policy of handling failed pods.
  podReplacementPolicy string enum=TerminatingOrFailed|Failed # podReplacementPolicy specifies when to create replacement Pods.
  selector LabelSelector # A label query over pods that should match the pod count. Normally, the system sets this field for you.
  successPolicy object # successPolicy specifies the policy when the Job can be declared as succeeded.
  suspend bool # suspend specifies whether the Job controller should create Pods or not.
  template! PodTemplateSpec # Describes the pod that will be created when executing a job. The only allowed template.spec.restartPolicy values are "Never" or "OnFailure".
  ttlSecondsAfterFinished int32 # ttlSecondsAfterFinished limits the lifetime of a Job that has finished execution (either Complete or Failed).
type JobStatus # JobStatus represents the current state of a Job.
  active int32 # The number of pending and running pods which are not terminating.
  completedIndexes string # completedIndexes holds the completed indexes when .spec.completionMode = "Indexed" in a text format.
  completionTime time # Represents time when the job was completed.
  conditions []JobCondition list=atomic # The latest available observations of an object's current state.
  failed int32 # The number of pods which reached phase Failed.
  failedIndexes string # FailedIndexes holds the failed indexes when spec.backoffLimitPerIndex is set.
  ready int32 # The number of active pods which have a Ready condition and are not terminating.
  startTime time # Represents time when the job controller started processing a job.
  succeeded int32 # The number of pods which reached phase Succeeded.
  terminating int32 # The number of pods which are terminating.
  uncountedTerminatedPods object # uncountedTerminatedPods holds the UIDs of Pods that have terminated but the job controller hasn't yet accounted for in the status counters.
type JobCondition # JobCondition describes current state of a job.
  lastProbeTime time # Last time the condition was checked.
  lastTransitionTime time # Last time the condition transit from one status to another.
  message string # Human readable message indicating details about last transition.
  reason string # (brief) reason for the condition's last transition.
  status! string # Status of the condition, one of True, False, Unknown.
  type! string # Type of job condition, Complete or Failed.
kind CronJob batch/v1 cronjobs ns # CronJob represents the configuration of a single cron job.
  spec CronJobSpec # Specification of the desired behavior of a cron job, including the schedule.
  status CronJobStatus # Current status of a cron job.
type CronJobSpec # CronJobSpec describes how the job execution will look like and when it will actually run.
  concurrencyPolicy string enum=Allow|Forbid|Replace # Specifies how to treat concurrent executions of a Job. Defaults to Allow.
  failedJobsHistoryLimit int32 # The number of failed finished jobs to retain. Defaults to 1.
  jobTemplate! JobTemplateSpec # Specifies the job that will be created when executing a CronJob.
  schedule! string # The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.
  startingDeadlineSeconds int64 # Optional deadline in seconds for starting the job if it misses scheduled time for any reason.
  successfulJobsHistoryLimit int32 # The number of successful finished jobs to retain. Defaults to 3.
  suspend bool # This flag tells the controller to suspend subsequent executions, it does not apply to already started executions. Defaults to false.
  timeZone string # The time zone name for the given schedule.
type JobTemplateSpec # JobTemplateSpec describes the data a Job should have when created from a template
  metadata ObjectMeta # Standard object's metadata of the jobs created from this template.
  spec JobSpec # Specification of the desired behavior of the job.
type CronJobStatus # CronJobStatus represents the current state of a cron job.
  active []io.k8s.api.core.v1.ObjectReference list=atomic # A list of pointers to currently running jobs.
  lastScheduleTime time # Information when was the last time the job was successfully scheduled.
  lastSuccessfulTime time # Information when was the last time the job successfully completed.

package io.k8s.api.autoscaling.v2
kind HorizontalPodAutoscaler autoscaling/v2 horizontalpodautoscalers ns # HorizontalPodAutoscaler is the configuration for a horizontal pod autoscaler, which automatically manages the replica count of any resource implementing the scale subresource based on the metrics specified.
  spec HorizontalPodAutoscalerSpec # spec is the specification for the behaviour of the autoscaler.
  status HorizontalPodAutoscalerStatus # status is the current information about the autoscaler.
type HorizontalPodAutoscalerSpec # HorizontalPodAutoscalerSpec describes the desired functionality of the HorizontalPodAutoscaler.
  behavior object # behavior configures the scaling behavior of the target in both Up and Down directions.
  maxReplicas! int32 # maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up.
  metrics []MetricSpec list=atomic # metrics contains the specifications for which to use to calculate the desired replica count.
  minReplicas int32 # minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down. It defaults to 1 pod.
  scaleTargetRef! CrossVersionObjectReference # scaleTargetRef points to the target resource to scale.
type CrossVersionObjectReference # CrossVersionObjectReference contains enough information to let you identify the referred resource.
  apiVersion string # apiVersion is the API version of the referent
  kind! string # kind is the kind of the referent
  name! string # name is the name of the referent
type MetricSpec preserve # MetricSpec specifies how to scale based on a single metric.
  type! string # type is the type of metric source. It should be one of "ContainerResource", "External", "Object", "Pods" or "Resource".
  resource object # resource refers to a resource metric (such as those specified in requests and limits) known to Kubernetes describing each pod in the current scale target.
  pods object # pods refers to a metric describing each pod in the current scale target.
  object object # object refers to a metric describing a single kubernetes object.
  external object # external refers to a global metric that is not associated with any Kubernetes object.
  containerResource object # containerResource refers to a resource metric known to Kubernetes describing a single container in each pod of the current scale target.
type HorizontalPodAutoscalerStatus # HorizontalPodAutoscalerStatus describes the current status of a horizontal pod autoscaler.
  conditions []object merge=type patch=merge list=map keys=type # conditions is the set of conditions required for this autoscaler to scale its target.
  currentMetrics []object list=atomic # currentMetrics is the last read state of the metrics used by this autoscaler.
  currentReplicas int32 # currentReplicas is current number of replicas of pods managed by this autoscaler.
  desiredReplicas! int32 # desiredReplicas is the desired number of replicas of pods managed by this autoscaler.
  lastScaleTime time # lastScaleTime is the last time the HorizontalPodAutoscaler scaled the number of pods.
  observedGeneration int64 # observedGeneration is the most recent generation observed by this autoscaler.

package io.k8s.api.policy.v1
kind PodDisruptionBudget policy/v1 poddisruptionbudgets ns # PodDisruptionBudget is an object to define the max disruption that can be caused to a collection of pods
  spec PodDisruptionBudgetSpec # Specification of the desired behavior of the PodDisruptionBudget.
  status PodDisruptionBudgetStatus # Most recently observed status of the PodDisruptionBudget.
type PodDisruptionBudgetSpec # PodDisruptionBudgetSpec is a description of a PodDisruptionBudget.
  maxUnavailable intstr # An eviction is allowed if at most "maxUnavailable" pods selected by "selector" are unavailable after the eviction.
  minAvailable intstr # An eviction is allowed if at least "minAvailable" pods selected by "selector" will still be available after the eviction.
  selector LabelSelector patch=replace # Label query over pods whose evictions are managed by the disruption budget.
  unhealthyPodEvictionPolicy string enum=IfHealthyBudget|AlwaysAllow # UnhealthyPodEvictionPolicy defines the criteria for when unhealthy pods should be considered for eviction.
type PodDisruptionBudgetStatus # PodDisruptionBudgetStatus represents information about the status of a PodDisruptionBudget.
  conditions []object merge=type patch=merge list=map keys=type # Conditions contain conditions for PDB.
  currentHealthy! int32 # current number of healthy pods
  desiredHealthy! int32 # minimum desired number of healthy pods
  disruptedPods map<time> # DisruptedPods contains information about pods whose eviction was processed by the API server eviction subresource handler but has not yet been observed by the PodDisruptionBudget controller.
  disruptionsAllowed! int32 # Number of pod disruptions that are currently allowed.
  expectedPods! int32 # total number of pods counted by this disruption budget
  observedGeneration int64 # Most recent generation observed when updating this PDB status.
""";
}
