namespace Flotilla.ApiServer.Schema;

/// <summary>core/v1 in the schema dialect (see <see cref="SchemaDialect"/>).</summary>
internal static class SchemaTextCore
{
    public const string Text = """
package io.k8s.api.core.v1
kind Pod v1 pods ns # Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.
  spec PodSpec # Specification of the desired behavior of the pod.
  status PodStatus # Most recently observed status of the pod. This data may not be up to date. Populated by the system. Read-only.
kind PodTemplate v1 podtemplates ns # PodTemplate describes a template for creating copies of a predefined pod.
  template PodTemplateSpec # Template defines the pods that will be created from this pod template.
type PodTemplateSpec # PodTemplateSpec describes the data a pod should have when created from a template
  metadata ObjectMeta # Standard object's metadata.
  spec PodSpec # Specification of the desired behavior of the pod.
type PodSpec # PodSpec is a description of a pod.
  activeDeadlineSeconds int64 # Optional duration in seconds the pod may be active on the node relative to StartTime before the system will actively try to mark it failed and kill associated containers.
  affinity Affinity # If specified, the pod's scheduling constraints
  automountServiceAccountToken bool # AutomountServiceAccountToken indicates whether a service account token should be automatically mounted.
  containers! []Container merge=name patch=merge list=map keys=name # List of containers belonging to the pod. Containers cannot currently be added or removed. There must be at least one container in a Pod. Cannot be updated.
  dnsConfig PodDNSConfig # Specifies the DNS parameters of a pod.
  dnsPolicy string enum=ClusterFirst|ClusterFirstWithHostNet|Default|None # Set DNS policy for the pod. Defaults to "ClusterFirst".
  enableServiceLinks bool # EnableServiceLinks indicates whether information about services should be injected into pod's environment variables. Optional: Defaults to true.
  ephemeralContainers []object merge=name patch=merge list=map keys=name # List of ephemeral containers run in this pod.
  hostAliases []HostAlias merge=ip patch=merge list=map keys=ip # HostAliases is an optional list of hosts and IPs that will be injected into the pod's hosts file if specified.
  hostIPC bool # Use the host's ipc namespace. Optional: Default to false.
  hostNetwork bool # Host networking requested for this pod. Default to false.
  hostPID bool # Use the host's pid namespace. Optional: Default to false.
  hostUsers bool # Use the host's user namespace. Optional: Default to true.
  hostname string # Specifies the hostname of the Pod. If not specified, the pod's hostname will be set to a system-defined value.
  imagePullSecrets []LocalObjectReference merge=name patch=merge list=map keys=name # ImagePullSecrets is an optional list of references to secrets in the same namespace to use for pulling any of the images used by this PodSpec.
  initContainers []Container merge=name patch=merge list=map keys=name # List of initialization containers belonging to the pod.
  nodeName string # NodeName indicates in which node this pod is scheduled.
  nodeSelector map<string> maptype=atomic # NodeSelector is a selector which must be true for the pod to fit on a node.
  os object # Specifies the OS of the containers in the pod.
  overhead map<quantity> # Overhead represents the resource overhead associated with running a pod for a given RuntimeClass.
  preemptionPolicy string enum=Never|PreemptLowerPriority # PreemptionPolicy is the Policy for preempting pods with lower priority.
  priority int32 # The priority value. Various system components use this field to find the priority of the pod.
  priorityClassName string # If specified, indicates the pod's priority.
  readinessGates []object list=atomic # If specified, all readiness gates will be evaluated for pod readiness.
  resourceClaims []object merge=name patch=merge,retainKeys list=map keys=name # ResourceClaims defines which ResourceClaims must be allocated and reserved before the Pod is allowed to start.
  resources ResourceRequirements # Resources is the total amount of CPU and Memory resources required by all containers in the pod.
  restartPolicy string enum=Always|OnFailure|Never # Restart policy for all containers within the pod. One of Always, OnFailure, Never. Default to Always.
  runtimeClassName string # RuntimeClassName refers to a RuntimeClass object in the node.k8s.io group, which should be used to run this pod.
  schedulerName string # If specified, the pod will be dispatched by specified scheduler. If not specified, the pod will be dispatched by default scheduler.
  schedulingGates []object merge=name patch=merge list=map keys=name # SchedulingGates is an opaque list of values that if specified will block scheduling the pod.
  securityContext PodSecurityContext # SecurityContext holds pod-level security attributes and common container settings.
  serviceAccount string # DeprecatedServiceAccount is a deprecated alias for ServiceAccountName. Deprecated: Use serviceAccountName instead.
  serviceAccountName string # ServiceAccountName is the name of the ServiceAccount to use to run this pod.
  setHostnameAsFQDN bool # If true the pod's hostname will be configured as the pod's FQDN, rather than the leaf name (the default).
  shareProcessNamespace bool # Share a single process namespace between all of the containers in a pod.
  subdomain string # If specified, the fully qualified Pod hostname will be "<hostname>.<subdomain>.<pod namespace>.svc.<cluster domain>".
  terminationGracePeriodSeconds int64 # Optional duration in seconds the pod needs to terminate gracefully. Defaults to 30 seconds.
  tolerations []Toleration list=atomic # If specified, the pod's tolerations.
  topologySpreadConstraints []TopologySpreadConstraint merge=topologyKey patch=merge list=map keys=topologyKey,whenUnsatisfiable # TopologySpreadConstraints describes how a group of pods ought to spread across topology domains.
  volumes []Volume merge=name patch=merge,retainKeys list=map keys=name # List of volumes that can be mounted by containers belonging to the pod.
type Container # A single application container that you want to run within a pod.
  args []string list=atomic # Arguments to the entrypoint. The container image's CMD is used if this is not provided.
  command []string list=atomic # Entrypoint array. Not executed within a shell. The container image's ENTRYPOINT is used if this is not provided.
  env []EnvVar merge=name patch=merge list=map keys=name # List of environment variables to set in the container. Cannot be updated.
  envFrom []EnvFromSource list=atomic # List of sources to populate environment variables in the container.
  image string # Container image name.
  imagePullPolicy string enum=Always|Never|IfNotPresent # Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise. Cannot be updated.
  lifecycle Lifecycle # Actions that the management system should take in response to container lifecycle events. Cannot be updated.
  livenessProbe Probe # Periodic probe of container liveness. Container will be restarted if the probe fails. Cannot be updated.
  name! string # Name of the container specified as a DNS_LABEL. Each container in a pod must have a unique name (DNS_LABEL). Cannot be updated.
  ports []ContainerPort merge=containerPort patch=merge list=map keys=containerPort,protocol # List of ports to expose from the container.
  readinessProbe Probe # Periodic probe of container service readiness. Container will be removed from service endpoints if the probe fails. Cannot be updated.
  resizePolicy []object list=atomic # Resources resize policy for the container.
  resources ResourceRequirements # Compute Resources required by this container. Cannot be updated.
  restartPolicy string # RestartPolicy defines the restart behavior of individual containers in a pod.
  securityContext SecurityContext # SecurityContext defines the security options the container should be run with.
  startupProbe Probe # StartupProbe indicates that the Pod has successfully initialized.
  stdin bool # Whether this container should allocate a buffer for stdin in the container runtime. Default is false.
  stdinOnce bool # Whether the container runtime should close the stdin channel after it has been opened by a single attach. Default is false
  terminationMessagePath string # Optional: Path at which the file to which the container's termination message will be written is mounted into the container's filesystem. Defaults to /dev/termination-log.
  terminationMessagePolicy string enum=FallbackToLogsOnError|File # Indicate how the termination message should be populated. Defaults to File.
  tty bool # Whether this container should allocate a TTY for itself, also requires 'stdin' to be true. Default is false.
  volumeDevices []object merge=devicePath patch=merge list=map keys=devicePath # volumeDevices is the list of block devices to be used by the container.
  volumeMounts []VolumeMount merge=mountPath patch=merge list=map keys=mountPath # Pod volumes to mount into the container's filesystem. Cannot be updated.
  workingDir string # Container's working directory.
type ContainerPort # ContainerPort represents a network port in a single container.
  containerPort! int32 # Number of port to expose on the pod's IP address. This must be a valid port number, 0 < x < 65536.
  hostIP string # What host IP to bind the external port to.
  hostPort int32 # Number of port to expose on the host.
  name string # If specified, this must be an IANA_SVC_NAME and unique within the pod. Each named port in a pod must have a unique name.
  protocol string default=TCP enum=TCP|UDP|SCTP # Protocol for port. Must be UDP, TCP, or SCTP. Defaults to "TCP".
type EnvVar # EnvVar represents an environment variable present in a Container.
  name! string # Name of the environment variable. Must be a C_IDENTIFIER.
  value string # Variable references $(VAR_NAME) are expanded using the previously defined environment variables in the container and any service environment variables.
  valueFrom EnvVarSource # Source for the environment variable's value. Cannot be used if value is not empty.
type EnvVarSource # EnvVarSource represents a source for the value of an EnvVar.
  configMapKeyRef ConfigMapKeySelector # Selects a key of a ConfigMap.
  fieldRef ObjectFieldSelector # Selects a field of the pod.
  resourceFieldRef ResourceFieldSelector # Selects a resource of the container.
  secretKeyRef SecretKeySelector # Selects a key of a secret in the pod's namespace
type ConfigMapKeySelector atomic # Selects a key from a ConfigMap.
  key! string # The key to select.
  name string # Name of the referent.
  optional bool # Specify whether the ConfigMap or its key must be defined
type SecretKeySelector atomic # SecretKeySelector selects a key of a Secret.
  key! string # The key of the secret to select from. Must be a valid secret key.
  name string # Name of the referent.
  optional bool # Specify whether the Secret or its key must be defined
type ObjectFieldSelector atomic # ObjectFieldSelector selects an APIVersioned field of an object.
  apiVersion string # Version of the schema the FieldPath is written in terms of, defaults to "v1".
  fieldPath! string # Path of the field to select in the specified API version.
type ResourceFieldSelector atomic # ResourceFieldSelector represents container resources (cpu, memory) and their output format
  containerName string # Container name: required for volumes, optional for env vars
  divisor quantity # Specifies the output format of the exposed resources, defaults to "1"
  resource! string # Required: resource to select
type EnvFromSource # EnvFromSource represents the source of a set of ConfigMaps or Secrets
  configMapRef ConfigMapEnvSource # The ConfigMap to select from
  prefix string # Optional text to prepend to the name of each environment variable.
  secretRef SecretEnvSource # The Secret to select from
type ConfigMapEnvSource # ConfigMapEnvSource selects a ConfigMap to populate the environment variables with.
  name string # Name of the referent.
  optional bool # Specify whether the ConfigMap must be defined
type SecretEnvSource # SecretEnvSource selects a Secret to populate the environment variables with.
  name string # Name of the referent.
  optional bool # Specify whether the Secret must be defined
type ResourceRequirements # ResourceRequirements describes the compute resource requirements.
  claims []object list=map keys=name # Claims lists the names of resources, defined in spec.resourceClaims, that are used by this container.
  limits map<quantity> # Limits describes the maximum amount of compute resources allowed.
  requests map<quantity> # Requests describes the minimum amount of compute resources required.
type VolumeMount # VolumeMount describes a mounting of a Volume within a container.
  mountPath! string # Path within the container at which the volume should be mounted. Must not contain ':'.
  mountPropagation string # mountPropagation determines how mounts are propagated from the host to container and the other way around.
  name! string # This must match the Name of a Volume.
  readOnly bool # Mounted read-only if true, read-write otherwise (false or unspecified). Defaults to false.
  recursiveReadOnly string # RecursiveReadOnly specifies whether read-only mounts should be handled recursively.
  subPath string # Path within the volume from which the container's volume should be mounted. Defaults to "" (volume's root).
  subPathExpr string # Expanded path within the volume from which the container's volume should be mounted.
type Probe # Probe describes a health check to be performed against a container to determine whether it is alive or ready to receive traffic.
  exec ExecAction # Exec specifies a command to execute in the container.
  failureThreshold int32 # Minimum consecutive failures for the probe to be considered failed after having succeeded. Defaults to 3. Minimum value is 1.
  grpc object # GRPC specifies a GRPC HealthCheckRequest.
  httpGet HTTPGetAction # HTTPGet specifies an HTTP GET request to perform.
  initialDelaySeconds int32 # Number of seconds after the container has started before liveness probes are initiated.
  periodSeconds int32 # How often (in seconds) to perform the probe. Default to 10 seconds. Minimum value is 1.
  successThreshold int32 # Minimum consecutive successes for the probe to be considered successful after having failed. Defaults to 1.
  tcpSocket TCPSocketAction # TCPSocket specifies a connection to a TCP port.
  terminationGracePeriodSeconds int64 # Optional duration in seconds the pod needs to terminate gracefully upon probe failure.
  timeoutSeconds int32 # Number of seconds after which the probe times out. Defaults to 1 second. Minimum value is 1.
type ExecAction # ExecAction describes a "run in container" action.
  command []string list=atomic # Command is the command line to execute inside the container.
type HTTPGetAction # HTTPGetAction describes an action based on HTTP Get requests.
  host string # Host name to connect to, defaults to the pod IP.
  httpHeaders []object list=atomic # Custom headers to set in the request. HTTP allows repeated headers.
  path string # Path to access on the HTTP server.
  port! intstr # Name or number of the port to access on the container. Number must be in the range 1 to 65535.
  scheme string # Scheme to use for connecting to the host. Defaults to HTTP.
type TCPSocketAction # TCPSocketAction describes an action based on opening a socket
  host string # Optional: Host name to connect to, defaults to the pod IP.
  port! intstr # Number or name of the port to access on the container.
type Lifecycle # Lifecycle describes actions that the management system should take in response to container lifecycle events.
  postStart LifecycleHandler # PostStart is called immediately after a container is created.
  preStop LifecycleHandler # PreStop is called immediately before a container is terminated.
  stopSignal string # StopSignal defines which signal will be sent to a container when it is being stopped.
type LifecycleHandler # LifecycleHandler defines a specific action that should be taken in a lifecycle hook.
  exec ExecAction # Exec specifies a command to execute in the container.
  httpGet HTTPGetAction # HTTPGet specifies an HTTP GET request to perform.
  sleep object # Sleep represents a duration that the container should sleep.
  tcpSocket TCPSocketAction # Deprecated. TCPSocket is NOT supported as a LifecycleHandler.
type SecurityContext # SecurityContext holds security configuration that will be applied to a container.
  allowPrivilegeEscalation bool # AllowPrivilegeEscalation controls whether a process can gain more privileges than its parent process.
  appArmorProfile object # appArmorProfile is the AppArmor options to use by this container.
  capabilities Capabilities # The capabilities to add/drop when running containers.
  privileged bool # Run container in privileged mode. Defaults to false.
  procMount string # procMount denotes the type of proc mount to use for the containers.
  readOnlyRootFilesystem bool # Whether this container has a read-only root filesystem. Default is false.
  runAsGroup int64 # The GID to run the entrypoint of the container process.
  runAsNonRoot bool # Indicates that the container must run as a non-root user.
  runAsUser int64 # The UID to run the entrypoint of the container process.
  seLinuxOptions object # The SELinux context to be applied to the container.
  seccompProfile object # The seccomp options to use by this container.
  windowsOptions object # The Windows specific settings applied to all containers.
type Capabilities # Adds and removes POSIX capabilities from running containers.
  add []string list=atomic # Added capabilities
  drop []string list=atomic # Removed capabilities
type PodSecurityContext # PodSecurityContext holds pod-level security attributes and common container settings.
  appArmorProfile object # appArmorProfile is the AppArmor options to use by the containers in this pod.
  fsGroup int64 # A special supplemental group that applies to all containers in a pod.
  fsGroupChangePolicy string # fsGroupChangePolicy defines behavior of changing ownership and permission of the volume before being exposed inside Pod.
  runAsGroup int64 # The GID to run the entrypoint of the container process.
  runAsNonRoot bool # Indicates that the container must run as a non-root user.
  runAsUser int64 # The UID to run the entrypoint of the container process.
  seLinuxChangePolicy string # seLinuxChangePolicy defines how the container's SELinux label is applied to all volumes used by the Pod.
  seLinuxOptions object # The SELinux context to be applied to all containers.
  seccompProfile object # The seccomp options to use by the containers in this pod.
  supplementalGroups []int64 list=atomic # A list of groups applied to the first process run in each container.
  supplementalGroupsPolicy string # Defines how supplemental groups of the first container processes are calculated.
  sysctls []object list=atomic # Sysctls hold a list of namespaced sysctls used for the pod.
  windowsOptions object # The Windows specific settings applied to all containers.
type Toleration # The pod this Toleration is attached to tolerates any taint that matches the triple <key,value,effect> using the matching operator <operator>.
  effect string enum=NoSchedule|PreferNoSchedule|NoExecute # Effect indicates the taint effect to match. Empty means match all taint effects.
  key string # Key is the taint key that the toleration applies to. Empty means match all taint keys.
  operator string enum=Exists|Equal # Operator represents a key's relationship to the value. Valid operators are Exists and Equal. Defaults to Equal.
  tolerationSeconds int64 # TolerationSeconds represents the period of time the toleration (which must be of effect NoExecute, otherwise this field is ignored) tolerates the taint.
  value string # Value is the taint value the toleration matches to.
type Taint # The node this Taint is attached to has the "effect" on any pod that does not tolerate the Taint.
  effect! string enum=NoSchedule|PreferNoSchedule|NoExecute # Required. The effect of the taint on pods that do not tolerate the taint. Valid effects are NoSchedule, PreferNoSchedule and NoExecute.
  key! string # Required. The taint key to be applied to a node.
  timeAdded time # TimeAdded represents the time at which the taint was added.
  value string # The taint value corresponding to the taint key.
type TopologySpreadConstraint # TopologySpreadConstraint specifies how to spread matching pods among the given topology.
  labelSelector LabelSelector # LabelSelector is used to find matching pods.
  matchLabelKeys []string list=atomic # MatchLabelKeys is a set of pod label keys to select the pods over which spreading will be calculated.
  maxSkew! int32 # MaxSkew describes the degree to which pods may be unevenly distributed.
  minDomains int32 # MinDomains indicates a minimum number of eligible domains.
  nodeAffinityPolicy string # NodeAffinityPolicy indicates how we will treat Pod's nodeAffinity/nodeSelector when calculating pod topology spread skew.
  nodeTaintsPolicy string # NodeTaintsPolicy indicates how we will treat node taints when calculating pod topology spread skew.
  topologyKey! string # TopologyKey is the key of node labels.
  whenUnsatisfiable! string enum=DoNotSchedule|ScheduleAnyway # WhenUnsatisfiable indicates how to deal with a pod if it doesn't satisfy the spread constraint.
type Affinity # Affinity is a group of affinity scheduling rules.
  nodeAffinity NodeAffinity # Describes node affinity scheduling rules for the pod.
  podAffinity PodAffinity # Describes pod affinity scheduling rules (e.g. co-locate this pod in the same node, zone, etc. as some other pod(s)).
  podAntiAffinity PodAffinity # Describes pod anti-affinity scheduling rules (e.g. avoid putting this pod in the same node, zone, etc. as some other pod(s)).
type NodeAffinity # Node affinity is a group of node affinity scheduling rules.
  preferredDuringSchedulingIgnoredDuringExecution []object list=atomic # The scheduler will prefer to schedule pods to nodes that satisfy the affinity expressions specified by this field.
  requiredDuringSchedulingIgnoredDuringExecution NodeSelector # If the affinity requirements specified by this field are not met at scheduling time, the pod will not be scheduled onto the node.
type NodeSelector atomic # A node selector represents the union of the results of one or more label queries over a set of nodes.
  nodeSelectorTerms! []NodeSelectorTerm list=atomic # Required. A list of node selector terms. The terms are ORed.
type NodeSelectorTerm atomic # A null or empty node selector term matches no objects.
  matchExpressions []NodeSelectorRequirement list=atomic # A list of node selector requirements by node's labels.
  matchFields []NodeSelectorRequirement list=atomic # A list of node selector requirements by node's fields.
type NodeSelectorRequirement # A node selector requirement is a selector that contains values, a key, and an operator that relates the key and values.
  key! string # The label key that the selector applies to.
  operator! string enum=DoesNotExist|Exists|Gt|In|Lt|NotIn # Represents a key's relationship to a set of values.
  values []string list=atomic # An array of string values.
type PodAffinity # Pod affinity is a group of inter pod affinity scheduling rules.
  preferredDuringSchedulingIgnoredDuringExecution []object list=atomic # The scheduler will prefer to schedule pods to nodes that satisfy the affinity expressions specified by this field.
  requiredDuringSchedulingIgnoredDuringExecution []object list=atomic # If the affinity requirements specified by this field are not met at scheduling time, the pod will not be scheduled onto the node.
type PodDNSConfig # PodDNSConfig defines the DNS parameters of a pod in addition to those generated from DNSPolicy.
  nameservers []string list=atomic # A list of DNS name server IP addresses.
  options []object list=atomic # A list of DNS resolver options.
  searches []string list=atomic # A list of DNS search domains for host-name lookup.
type HostAlias # HostAlias holds the mapping between IP and hostnames that will be injected as an entry in the pod's hosts file.
  hostnames []string list=atomic # Hostnames for the above IP address.
  ip! string # IP address of the host file entry.
type LocalObjectReference atomic # LocalObjectReference contains enough information to let you locate the referenced object inside the same namespace.
  name string # Name of the referent.
type ObjectReference atomic # ObjectReference contains enough information to let you inspect or modify the referred object.
  apiVersion string # API version of the referent.
  fieldPath string # If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement.
  kind string # Kind of the referent.
  name string # Name of the referent.
  namespace string # Namespace of the referent.
  resourceVersion string # Specific resourceVersion to which this reference is made, if any.
  uid string # UID of the referent.
type Volume # Volume represents a named volume in a pod that may be accessed by any container in the pod.
  awsElasticBlockStore object # Deprecated.
  azureDisk object # Deprecated.
  azureFile object # Deprecated.
  cephfs object # Deprecated.
  cinder object # Deprecated.
  configMap ConfigMapVolumeSource # configMap represents a configMap that should populate this volume
  csi object # csi (Container Storage Interface) represents ephemeral storage that is handled by certain external CSI drivers.
  downwardAPI object # downwardAPI represents downward API about the pod that should populate this volume
  emptyDir EmptyDirVolumeSource # emptyDir represents a temporary directory that shares a pod's lifetime.
  ephemeral object # ephemeral represents a volume that is handled by a cluster storage driver.
  fc object # fc represents a Fibre Channel resource.
  flexVolume object # Deprecated.
  flocker object # Deprecated.
  gcePersistentDisk object # Deprecated.
  gitRepo object # Deprecated.
  glusterfs object # Deprecated.
  hostPath HostPathVolumeSource # hostPath represents a pre-existing file or directory on the host machine that is directly exposed to the container.
  image object # image represents an OCI object (a container image or artifact) pulled and mounted on the kubelet's host machine.
  iscsi object # iscsi represents an ISCSI Disk resource that is attached to a kubelet's host machine and then exposed to the pod.
  name! string # name of the volume. Must be a DNS_LABEL and unique within the pod.
  nfs object # nfs represents an NFS mount on the host that shares a pod's lifetime.
  persistentVolumeClaim PersistentVolumeClaimVolumeSource # persistentVolumeClaimVolumeSource represents a reference to a PersistentVolumeClaim in the same namespace.
  photonPersistentDisk object # Deprecated.
  portworxVolume object # Deprecated.
  projected object # projected items for all in one resources secrets, configmaps, and downward API
  quobyte object # Deprecated.
  rbd object # Deprecated.
  scaleIO object # Deprecated.
  secret SecretVolumeSource # secret represents a secret that should populate this volume.
  storageos object # Deprecated.
  vsphereVolume object # Deprecated.
type ConfigMapVolumeSource # Adapts a ConfigMap into a volume.
  defaultMode int32 # defaultMode is optional: mode bits used to set permissions on created files by default.
  items []KeyToPath list=atomic # items if unspecified, each key-value pair in the Data field of the referenced ConfigMap will be projected into the volume as a file whose name is the key and content is the value.
  name string # Name of the referent.
  optional bool # optional specify whether the ConfigMap or its keys must be defined
type SecretVolumeSource # Adapts a Secret into a volume.
  defaultMode int32 # defaultMode is Optional: mode bits used to set permissions on created files by default.
  items []KeyToPath list=atomic # items If unspecified, each key-value pair in the Data field of the referenced Secret will be projected into the volume as a file whose name is the key and content is the value.
  optional bool # optional field specify whether the Secret or its keys must be defined
  secretName string # secretName is the name of the secret in the pod's namespace to use.
type KeyToPath # Maps a string key to a path within a volume.
  key! string # key is the key to project.
  mode int32 # mode is Optional: mode bits used to set permissions on this file.
  path! string # path is the relative path of the file to map the key to.
type EmptyDirVolumeSource # Represents an empty directory for a pod.
  medium string # medium represents what type of storage medium should back this directory.
  sizeLimit quantity # sizeLimit is the total amount of local storage required for this EmptyDir volume.
type HostPathVolumeSource # Represents a host path mapped into a pod.
  path! string # path of the directory on the host.
  type string # type for HostPath Volume. Defaults to "".
type PersistentVolumeClaimVolumeSource # PersistentVolumeClaimVolumeSource references the user's PVC in the same namespace.
  claimName! string # claimName is the name of a PersistentVolumeClaim in the same namespace as the pod using this volume.
  readOnly bool # readOnly Will force the ReadOnly setting in VolumeMounts. Default false.
type PodStatus # PodStatus represents information about the status of a pod.
  conditions []PodCondition merge=type patch=merge list=map keys=type # Current service state of pod.
  containerStatuses []ContainerStatus list=atomic # Statuses of containers in this pod.
  ephemeralContainerStatuses []ContainerStatus list=atomic # Statuses for any ephemeral containers that have run in this pod.
  hostIP string # hostIP holds the IP address of the host to which the pod is assigned.
  hostIPs []object merge=ip patch=merge list=atomic # hostIPs holds the IP addresses allocated to the host.
  initContainerStatuses []ContainerStatus list=atomic # Statuses of init containers in this pod.
  message string # A human readable message indicating details about why the pod is in this condition.
  nominatedNodeName string # nominatedNodeName is set only when this pod preempts other pods on the node.
  observedGeneration int64 # If set, this represents the .metadata.generation that the pod status was set based upon.
  phase string enum=Pending|Running|Succeeded|Failed|Unknown # The phase of a Pod is a simple, high-level summary of where the Pod is in its lifecycle.
  podIP string # podIP address allocated to the pod.
  podIPs []object merge=ip patch=merge list=map keys=ip # podIPs holds the IP addresses allocated to the pod.
  qosClass string # The Quality of Service (QOS) classification assigned to the pod based on resource requirements.
  reason string # A brief CamelCase message indicating details about why the pod is in this state.
  resize string # Status of resources resize desired for pod's containers.
  resourceClaimStatuses []object merge=name patch=merge,retainKeys list=map keys=name # Status of resource claims.
  startTime time # RFC 3339 date and time at which the object was acknowledged by the Kubelet.
type PodCondition # PodCondition contains details for the current condition of this pod.
  lastProbeTime time # Last time we probed the condition.
  lastTransitionTime time # Last time the condition transitioned from one status to another.
  message string # Human-readable message indicating details about last transition.
  observedGeneration int64 # If set, this represents the .metadata.generation that the pod condition was set based upon.
  reason string # Unique, one-word, CamelCase reason for the condition's last transition.
  status! string # Status is the status of the condition. Can be True, False, Unknown.
  type! string # Type is the type of the condition.
type ContainerStatus # ContainerStatus contains details for the current status of this container.
  allocatedResources map<quantity> # AllocatedResources represents the compute resources allocated for this container by the node.
  containerID string # ContainerID is the ID of the container in the format '<type>://<container_id>'.
  image! string # Image is the name of container image that the container is running.
  imageID! string # ImageID is the image ID of the container's image.
  lastState object # LastTerminationState holds the last termination state of the container.
  name! string # Name is a DNS_LABEL representing the unique name of the container.
  ready! bool # Ready specifies whether the container is currently passing its readiness check.
  resources object # Resources represents the compute resource requests and limits that have been successfully enacted on the running container.
  restartCount! int32 # RestartCount holds the number of times the container has been restarted.
  started bool # Started indicates whether the container has finished its postStart lifecycle hook and passed its startup probe.
  state object # State holds details about the container's current condition.
  stopSignal string # StopSignal reports the effective stop signal for this container
  user object # User represents user identity information initially attached to the first process of the container
  volumeMounts []object merge=mountPath patch=merge list=map keys=mountPath # Status of volume mounts.
kind Service v1 services ns # Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.
  spec ServiceSpec # Spec defines the behavior of a service.
  status ServiceStatus # Most recently observed status of the service. Populated by the system. Read-only.
type ServiceSpec # ServiceSpec describes the attributes that a user creates on a service.
  allocateLoadBalancerNodePorts bool # allocateLoadBalancerNodePorts defines if NodePorts will be automatically allocated for services with type LoadBalancer. Default is "true".
  clusterIP string # clusterIP is the IP address of the service and is usually assigned randomly.
  clusterIPs []string list=atomic # ClusterIPs is a list of IP addresses assigned to this service.
  externalIPs []string list=atomic # externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.
  externalName string # externalName is the external reference that discovery mechanisms will return as an alias for this service (e.g. a DNS CNAME record).
  externalTrafficPolicy string enum=Cluster|Local # externalTrafficPolicy describes how nodes distribute service traffic they receive on one of the Service's "externally-facing" addresses.
  healthCheckNodePort int32 # healthCheckNodePort specifies the healthcheck nodePort for the service.
  internalTrafficPolicy string enum=Cluster|Local # InternalTrafficPolicy describes how nodes distribute service traffic they receive on the ClusterIP.
  ipFamilies []string list=atomic # IPFamilies is a list of IP families (e.g. IPv4, IPv6) assigned to this service.
  ipFamilyPolicy string enum=SingleStack|PreferDualStack|RequireDualStack # IPFamilyPolicy represents the dual-stack-ness requested or required by this Service.
  loadBalancerClass string # loadBalancerClass is the class of the load balancer implementation this Service belongs to.
  loadBalancerIP string # Only applies to Service Type: LoadBalancer. Deprecated.
  loadBalancerSourceRanges []string list=atomic # If specified and supported by the platform, this will restrict traffic through the cloud-provider load-balancer will be restricted to the specified client IPs.
  ports []ServicePort merge=port patch=merge list=map keys=port,protocol # The list of ports that are exposed by this service.
  publishNotReadyAddresses bool # publishNotReadyAddresses indicates that any agent which deals with endpoints for this Service should disregard any indications of ready/not-ready.
  selector map<string> maptype=atomic # Route service traffic to pods with label keys and values matching this selector.
  sessionAffinity string enum=ClientIP|None # Supports "ClientIP" and "None". Used to maintain session affinity. Defaults to None.
  sessionAffinityConfig object # sessionAffinityConfig contains the configurations of session affinity.
  trafficDistribution string # TrafficDistribution offers a way to express preferences for how traffic is distributed to Service endpoints.
  type string enum=ClusterIP|ExternalName|LoadBalancer|NodePort # type determines how the Service is exposed. Defaults to ClusterIP.
type ServicePort # ServicePort contains information on service's port.
  appProtocol string # The application protocol for this port.
  name string # The name of this port within the service. This must be a DNS_LABEL. All ports within a ServiceSpec must have unique names.
  nodePort int32 # The port on each node on which this service is exposed when type is NodePort or LoadBalancer.
  port! int32 # The port that will be exposed by this service.
  protocol string default=TCP enum=SCTP|TCP|UDP # The IP protocol for this port. Supports "TCP", "UDP", and "SCTP". Default is TCP.
  targetPort intstr # Number or name of the port to access on the pods targeted by the service.
type ServiceStatus # ServiceStatus represents the current status of a service.
  conditions []Condition merge=type patch=merge list=map keys=type # Current service state
  loadBalancer LoadBalancerStatus # LoadBalancer contains the current status of the load-balancer, if one is present.
type LoadBalancerStatus # LoadBalancerStatus represents the status of a load-balancer.
  ingress []LoadBalancerIngress list=atomic # Ingress is a list containing ingress points for the load-balancer.
type LoadBalancerIngress # LoadBalancerIngress represents the status of a load-balancer ingress point.
  hostname string # Hostname is set for load-balancer ingress points that are DNS based.
  ip string # IP is set for load-balancer ingress points that are IP based.
  ipMode string # IPMode specifies how the load-balancer IP behaves.
  ports []object list=atomic # Ports is a list of records of service ports.
kind ConfigMap v1 configmaps ns # ConfigMap holds configuration data for pods to consume.
  binaryData map<bytes> # BinaryData contains the binary data. Each key must consist of alphanumeric characters, '-', '_' or '.'.
  data map<string> # Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'.
  immutable bool # Immutable, if set to true, ensures that data stored in the ConfigMap cannot be updated (only object metadata can be modified).
kind Secret v1 secrets ns # Secret holds secret data of a certain type. The total bytes of the values in the Data field must be less than MaxSecretSize bytes.
  data map<bytes> # Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string.
  immutable bool # Immutable, if set to true, ensures that data stored in the Secret cannot be updated (only object metadata can be modified).
  stringData map<string> # stringData allows specifying non-binary secret data in string form. It is provided as a write-only input field for convenience.
  type string # Used to facilitate programmatic handling of secret data.
kind Namespace v1 namespaces cluster # Namespace provides a scope for Names. Use of multiple namespaces is optional.
  spec NamespaceSpec # Spec defines the behavior of the Namespace.
  status NamespaceStatus # Status describes the current status of a Namespace.
type NamespaceSpec # NamespaceSpec describes the attributes on a Namespace.
  finalizers []string list=atomic # Finalizers is an opaque list of values that must be empty to permanently remove object from storage.
type NamespaceStatus # NamespaceStatus is information about the current status of a Namespace.
  conditions []object merge=type patch=merge list=map keys=type # Represents the latest available observations of a namespace's current state.
  phase string enum=Active|Terminating # Phase is the current lifecycle phase of the namespace.
kind Node v1 nodes cluster # Node is a worker node in Kubernetes. Each node will have a unique identifier in the cache (i.e. in etcd).
  spec NodeSpec # Spec defines the behavior of a node.
  status NodeStatus # Most recently observed status of the node. Populated by the system. Read-only.
type NodeSpec # NodeSpec describes the attributes that a node is created with.
  configSource object # Deprecated: Previously used to specify the source of the node's configuration for the DynamicKubeletConfig feature.
  externalID string # Deprecated. Not all kubelets will set this field.
  podCIDR string # PodCIDR represents the pod IP range assigned to the node.
  podCIDRs []string patch=merge list=set # podCIDRs represents the IP ranges assigned to the node for usage by Pods on that node.
  providerID string # ID of the node assigned by the cloud provider in the format: <ProviderName>://<ProviderSpecificNodeID>
  taints []Taint list=atomic # If specified, the node's taints.
  unschedulable bool # Unschedulable controls node schedulability of new pods. By default, node is schedulable.
type NodeStatus # NodeStatus is information about the current status of a node.
  addresses []NodeAddress merge=type patch=merge list=map keys=type # List of addresses reachable to the node.
  allocatable map<quantity> # Allocatable represents the resources of a node that are available for scheduling. Defaults to Capacity.
  capacity map<quantity> # Capacity represents the total resources of a node.
  conditions []NodeCondition merge=type patch=merge list=map keys=type # Conditions is an array of current observed node conditions.
  config object # Status of the config assigned to the node via the dynamic Kubelet config feature.
  daemonEndpoints object # Endpoints of daemons running on the Node.
  features object # Features describes the set of features implemented by the CRI implementation.
  images []object list=atomic # List of container images on this node
  nodeInfo NodeSystemInfo # Set of ids/uuids to uniquely identify the node.
  phase string # NodePhase is the recently observed lifecycle phase of the node.
  runtimeHandlers []object list=atomic # The available runtime handlers.
  volumesAttached []object list=atomic # List of volumes that are attached to the node.
  volumesInUse []string list=atomic # List of attachable volumes in use (mounted) by the node.
type NodeAddress # NodeAddress contains information for the node's address.
  address! string # The node address.
  type! string # Node address type, one of Hostname, ExternalIP or InternalIP.
type NodeCondition # NodeCondition contains condition information for a node.
  lastHeartbeatTime time # Last time we got an update on a given condition.
  lastTransitionTime time # Last time the condition transit from one status to another.
  message string # Human readable message indicating details about last transition.
  reason string # (brief) reason for the condition's last transition.
  status! string # Status of the condition, one of True, False, Unknown.
  type! string # Type of node condition.
type NodeSystemInfo # NodeSystemInfo is a set of ids/uuids to uniquely identify the node.
  architecture string # The Architecture reported by the node
  bootID string # Boot ID reported by the node.
  containerRuntimeVersion string # ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).
  kernelVersion string # Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).
  kubeProxyVersion string # Deprecated: KubeProxy Version reported by the node.
  kubeletVersion string # Kubelet Version reported by the node.
  machineID string # MachineID reported by the node.
  operatingSystem string # The Operating System reported by the node
  osImage string # OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).
  swap object # Swap Info reported by the node.
  systemUUID string # SystemUUID reported by the node.
kind ServiceAccount v1 serviceaccounts ns # ServiceAccount binds together: a name, understood by users, and perhaps by peripheral systems, for an identity; a principal that can be authenticated and authorized; a set of secrets.
  automountServiceAccountToken bool # AutomountServiceAccountToken indicates whether pods running as this service account should have an API token automatically mounted.
  imagePullSecrets []LocalObjectReference list=atomic # ImagePullSecrets is a list of references to secrets in the same namespace to use for pulling any images in pods that reference this ServiceAccount.
  secrets []ObjectReference merge=name patch=merge list=map keys=name # Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.
kind Endpoints v1 endpoints ns # Endpoints is a collection of endpoints that implement the actual service.
  subsets []EndpointSubset list=atomic # The set of all endpoints is the union of all subsets.
type EndpointSubset # EndpointSubset is a group of addresses with a common set of ports.
  addresses []EndpointAddress list=atomic # IP addresses which offer the related ports that are marked as ready.
  notReadyAddresses []EndpointAddress list=atomic # IP addresses which offer the related ports but are not currently marked as ready.
  ports []EndpointPort list=atomic # Port numbers available on the related IP addresses.
type EndpointAddress atomic # EndpointAddress is a tuple that describes single IP address.
  hostname string # The Hostname of this endpoint
  ip! string # The IP of this endpoint.
  nodeName string # Optional: Node hosting this endpoint.
  targetRef ObjectReference # Reference to object providing the endpoint.
type EndpointPort atomic # EndpointPort is a tuple that describes a single port.
  appProtocol string # The application protocol for this port.
  name string # The name of this port.
  port! int32 # The port number of the endpoint.
  protocol string # The IP protocol for this port. Must be UDP, TCP, or SCTP. Default is TCP.
kind Event v1 events ns # Event is a report of an event somewhere in the cluster.
  action string # What action was taken/failed regarding to the Regarding object.
  count int32 # The number of times this event has occurred.
  eventTime microtime # Time when this Event was first observed.
  firstTimestamp time # The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)
  involvedObject! ObjectReference # The object that this event is about.
  lastTimestamp time # The time at which the most recent occurrence of this event was recorded.
  message string # A human-readable description of the status of this operation.
  reason string # This should be a short, machine understandable string that gives the reason for the transition into the object's current status.
  related ObjectReference # Optional secondary object for more complex actions.
  reportingComponent string # Name of the controller that emitted this Event, e.g. `kubernetes.io/kubelet`.
  reportingInstance string # ID of the controller instance, e.g. `kubelet-xyzf`.
  series object # Data about the Event series this event represents or nil if it's a singleton Event.
  source object # The component reporting this event. Should be a short machine understandable string.
  type string # Type of this event (Normal, Warning), new types could be added in the future
kind PersistentVolumeClaim v1 persistentvolumeclaims ns # PersistentVolumeClaim is a user's request for and claim to a persistent volume
  spec PersistentVolumeClaimSpec # spec defines the desired characteristics of a volume requested by a pod author.
  status object # status represents the current information/status of a persistent volume claim. Read-only.
type PersistentVolumeClaimSpec # PersistentVolumeClaimSpec describes the common attributes of storage devices and allows a Source for provider-specific attributes
  accessModes []string list=atomic # accessModes contains the desired access modes the volume should have.
  dataSource TypedLocalObjectReference # dataSource field can be used to specify either an existing VolumeSnapshot object or an existing PVC.
  dataSourceRef object # dataSourceRef specifies the object from which to populate the volume with data, if a non-empty volume is desired.
  resources object # resources represents the minimum resources the volume should have.
  selector LabelSelector # selector is a label query over volumes to consider for binding.
  storageClassName string # storageClassName is the name of the StorageClass required by the claim.
  volumeAttributesClassName string # volumeAttributesClassName may be used to set the VolumeAttributesClass used by this claim.
  volumeMode string # volumeMode defines what type of volume is required by the claim.
  volumeName string # volumeName is the binding reference to the PersistentVolume backing this claim.
type TypedLocalObjectReference atomic # TypedLocalObjectReference contains enough information to let you locate the typed referenced object inside the same namespace.
  apiGroup string # APIGroup is the group for the resource being referenced.
  kind! string # Kind is the type of resource being referenced
  name! string # Name is the name of resource being referenced
kind PersistentVolume v1 persistentvolumes cluster # PersistentVolume (PV) is a storage resource provisioned by an administrator. It is analogous to a node.
  spec object # spec defines a specification of a persistent volume owned by the cluster. Provisioned by an administrator.
  status object # status represents the current information/status for the persistent volume. Populated by the system. Read-only.
kind ResourceQuota v1 resourcequotas ns # ResourceQuota sets aggregate quota restrictions enforced per namespace
  spec ResourceQuotaSpec # Spec defines the desired quota.
  status ResourceQuotaStatus # Status defines the actual enforced quota and its current usage.
type ResourceQuotaSpec # ResourceQuotaSpec defines the desired hard limits to enforce for Quota.
  hard map<quantity> # hard is the set of desired hard limits for each named resource.
  scopeSelector object # scopeSelector is also a collection of filters like scopes that must match each object tracked by a quota but expressed using ScopeSelectorOperator in combination with possible values.
  scopes []string list=atomic # A collection of filters that must match each object tracked by a quota.
type ResourceQuotaStatus # ResourceQuotaStatus defines the enforced hard limits and observed use.
  hard map<quantity> # Hard is the set of enforced hard limits for each named resource.
  used map<quantity> # Used is the current observed total usage of the resource in the namespace.
kind LimitRange v1 limitranges ns # LimitRange sets resource usage limits for each kind of resource in a Namespace.
  spec object # Spec defines the limits enforced.
kind ReplicationController v1 replicationcontrollers ns # ReplicationController represents the configuration of a replication controller.
  spec object # Spec defines the specification of the desired behavior of the replication controller.
  status object # Status is the most recently observed status of the replication controller.
kind ComponentStatus v1 componentstatuses cluster # ComponentStatus (and ComponentStatusList) holds the cluster validation info. Deprecated: This API is deprecated in v1.19+
  conditions []object merge=type patch=merge list=map keys=type # List of component conditions observed
kind Binding v1 bindings ns # Binding ties one object to another; for example, a pod is bound to a node by a scheduler.
  target! ObjectReference # The target object that you want to bind to the standard object.
""";
}
