namespace Flotilla.ApiServer.Schema;

/// <summary>networking, coordination, discovery, rbac, events, storage, scheduling and apiextensions in the schema
/// dialect (see <see cref="SchemaDialect"/>).</summary>
internal static class SchemaTextOther
{
    public const string Text = """
package io.k8s.api.networking.v1
kind Ingress networking.k8s.io/v1 ingresses ns # Ingress is a collection of rules that allow inbound connections to reach the endpoints defined by a backend.
  spec IngressSpec # spec is the desired state of the Ingress.
  status IngressStatus # status is the current state of the Ingress.
type IngressSpec # IngressSpec describes the Ingress the user wishes to exist.
  defaultBackend IngressBackend # defaultBackend is the backend that should handle requests that don't match any rule.
  ingressClassName string # ingressClassName is the name of an IngressClass cluster resource.
  rules []IngressRule list=atomic # rules is a list of host rules used to configure the Ingress.
  tls []IngressTLS list=atomic # tls represents the TLS configuration.
type IngressBackend # IngressBackend describes all endpoints for a given service and port.
  resource TypedLocalObjectReference # resource is an ObjectRef to another Kubernetes resource in the namespace of the Ingress object.
  service IngressServiceBackend # service references a service as a backend.
type IngressServiceBackend # IngressServiceBackend references a Kubernetes Service as a Backend.
  name! string # name is the referenced service. The service must exist in the same namespace as the Ingress object.
  port ServiceBackendPort # port of the referenced service.
type ServiceBackendPort # ServiceBackendPort is the service port being referenced.
  name string # name is the name of the port on the Service.
  number int32 # number is the numerical port number (e.g. 80) on the Service.
type IngressRule # IngressRule represents the rules mapping the paths under a specified host to the related backend services.
  host string # host is the fully qualified domain name of a network host, as defined by RFC 3986.
  http HTTPIngressRuleValue # http contains the list of HTTP paths.
type HTTPIngressRuleValue # HTTPIngressRuleValue is a list of http selectors pointing to backends.
  paths! []HTTPIngressPath list=atomic # paths is a collection of paths that map requests to backends.
type HTTPIngressPath # HTTPIngressPath associates a path with a backend.
  backend! IngressBackend # backend defines the referenced service endpoint to which the traffic will be forwarded to.
  path string # path is matched against the path of an incoming request.
  pathType! string enum=Exact|ImplementationSpecific|Prefix # pathType determines the interpretation of the path matching.
type IngressTLS # IngressTLS describes the transport layer security associated with an ingress.
  hosts []string list=atomic # hosts is a list of hosts included in the TLS certificate.
  secretName string # secretName is the name of the secret used to terminate TLS traffic on port 443.
type IngressStatus # IngressStatus describe the current state of the Ingress.
  loadBalancer IngressLoadBalancerStatus # loadBalancer contains the current status of the load-balancer.
type IngressLoadBalancerStatus # IngressLoadBalancerStatus represents the status of a load-balancer.
  ingress []IngressLoadBalancerIngress list=atomic # ingress is a list containing ingress points for the load-balancer.
type IngressLoadBalancerIngress # IngressLoadBalancerIngress represents the status of a load-balancer ingress point.
  hostname string # hostname is set for load-balancer ingress points that are DNS based.
  ip string # ip is set for load-balancer ingress points that are IP based.
  ports []object list=atomic # ports provides information about the ports exposed by this LoadBalancer.
kind IngressClass networking.k8s.io/v1 ingressclasses cluster # IngressClass represents the class of the Ingress, referenced by the Ingress Spec.
  spec object # spec is the desired state of the IngressClass.
kind NetworkPolicy networking.k8s.io/v1 networkpolicies ns # NetworkPolicy describes what network traffic is allowed for a set of Pods
  spec object # spec represents the specification of the desired behavior for this NetworkPolicy.

package io.k8s.api.coordination.v1
kind Lease coordination.k8s.io/v1 leases ns # Lease defines a lease concept.
  spec LeaseSpec # spec contains the specification of the Lease.
type LeaseSpec # LeaseSpec is a specification of a Lease.
  acquireTime microtime # acquireTime is a time when the current lease was acquired.
  holderIdentity string # holderIdentity contains the identity of the holder of a current lease.
  leaseDurationSeconds int32 # leaseDurationSeconds is a duration that candidates for a lease need to wait to force acquire it.
  leaseTransitions int32 # leaseTransitions is the number of transitions of a lease between holders.
  preferredHolder string # PreferredHolder signals to a lease holder that the lease has a more optimal holder and should be given up.
  renewTime microtime # renewTime is a time when the current holder of a lease has last updated the lease.
  strategy string # Strategy indicates the strategy for picking the leader for coordinated leader election.

package io.k8s.api.discovery.v1
kind EndpointSlice discovery.k8s.io/v1 endpointslices ns # EndpointSlice represents a set of service endpoints.
  addressType! string enum=IPv4|IPv6|FQDN # addressType specifies the type of address carried by this EndpointSlice.
  endpoints! []Endpoint list=atomic # endpoints is a list of unique endpoints in this slice.
  ports []EndpointPort list=atomic # ports specifies the list of network ports exposed by each endpoint in this slice.
type Endpoint # Endpoint represents a single logical "backend" implementing a service.
  addresses! []string list=set # addresses of this endpoint.
  conditions EndpointConditions # conditions contains information about the current status of the endpoint.
  deprecatedTopology map<string> # deprecatedTopology contains topology information part of the v1beta1 API.
  hints object # hints contains information associated with how an endpoint should be consumed.
  hostname string # hostname of this endpoint.
  nodeName string # nodeName represents the name of the Node hosting this endpoint.
  targetRef io.k8s.api.core.v1.ObjectReference # targetRef is a reference to a Kubernetes object that represents this endpoint.
  zone string # zone is the name of the Zone this endpoint exists in.
type EndpointConditions # EndpointConditions represents the current condition of an endpoint.
  ready bool # ready indicates that this endpoint is ready to receive traffic.
  serving bool # serving indicates that this endpoint is able to receive traffic.
  terminating bool # terminating indicates that this endpoint is terminating.
type EndpointPort atomic # EndpointPort represents a Port used by an EndpointSlice
  appProtocol string # The application protocol for this port.
  name string # name represents the name of this port.
  port int32 # port represents the port number of the endpoint.
  protocol string # protocol represents the IP protocol for this port. Must be UDP, TCP, or SCTP. Default is TCP.

package io.k8s.api.rbac.v1
kind Role rbac.authorization.k8s.io/v1 roles ns # Role is a namespaced, logical grouping of PolicyRules that can be referenced as a unit by a RoleBinding.
  rules []PolicyRule list=atomic # Rules holds all the PolicyRules for this Role
kind ClusterRole rbac.authorization.k8s.io/v1 clusterroles cluster # ClusterRole is a cluster level, logical grouping of PolicyRules that can be referenced as a unit by a RoleBinding or ClusterRoleBinding.
  aggregationRule AggregationRule # AggregationRule is an optional field that describes how to build the Rules for this ClusterRole.
  rules []PolicyRule list=atomic # Rules holds all the PolicyRules for this ClusterRole
type AggregationRule # AggregationRule describes how to locate ClusterRoles to aggregate into the ClusterRole
  clusterRoleSelectors []io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector list=atomic # ClusterRoleSelectors holds a list of selectors which will be used to find ClusterRoles and create the rules.
type PolicyRule # PolicyRule holds information that describes a policy rule, but does not contain information about who the rule applies to or which namespace the rule applies to.
  apiGroups []string list=atomic # APIGroups is the name of the APIGroup that contains the resources.
  nonResourceURLs []string list=atomic # NonResourceURLs is a set of partial urls that a user should have access to.
  resourceNames []string list=atomic # ResourceNames is an optional white list of names that the rule applies to.
  resources []string list=atomic # Resources is a list of resources this rule applies to. '*' represents all resources.
  verbs! []string list=atomic # Verbs is a list of Verbs that apply to ALL the ResourceKinds contained in this rule. '*' represents all verbs.
kind RoleBinding rbac.authorization.k8s.io/v1 rolebindings ns # RoleBinding references a role, but does not contain it.
  roleRef! RoleRef # RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace.
  subjects []Subject list=atomic # Subjects holds references to the objects the role applies to.
kind ClusterRoleBinding rbac.authorization.k8s.io/v1 clusterrolebindings cluster # ClusterRoleBinding references a ClusterRole, but not contain it.
  roleRef! RoleRef # RoleRef can only reference a ClusterRole in the global namespace.
  subjects []Subject list=atomic # Subjects holds references to the objects the role applies to.
type RoleRef atomic # RoleRef contains information that points to the role being used
  apiGroup! string # APIGroup is the group for the resource being referenced
  kind! string # Kind is the type of resource being referenced
  name! string # Name is the name of resource being referenced
type Subject atomic # Subject contains a reference to the object or user identities a role binding applies to.
  apiGroup string # APIGroup holds the API group of the referenced subject.
  kind! string # Kind of object being referenced. Values defined by this API group are "User", "Group", and "ServiceAccount".
  name! string # Name of the object being referenced.
  namespace string # Namespace of the referenced object.

package io.k8s.api.events.v1
kind Event events.k8s.io/v1 events ns # Event is a report of an event somewhere in the cluster.
  action string # action is what action was taken/failed regarding to the regarding object.
  deprecatedCount int32 # deprecatedCount is the deprecated field assuring backward compatibility with core.v1 Event type.
  deprecatedFirstTimestamp time # deprecatedFirstTimestamp is the deprecated field assuring backward compatibility with core.v1 Event type.
  deprecatedLastTimestamp time # deprecatedLastTimestamp is the deprecated field assuring backward compatibility with core.v1 Event type.
  deprecatedSource object # deprecatedSource is the deprecated field assuring backward compatibility with core.v1 Event type.
  eventTime! microtime # eventTime is the time when this Event was first observed.
  note string # note is a human-readable description of the status of this operation.
  reason string # reason is why the action was taken.
  regarding io.k8s.api.core.v1.ObjectReference # regarding contains the object this Event is about.
  related io.k8s.api.core.v1.ObjectReference # related is the optional secondary object for more complex actions.
  reportingController string # reportingController is the name of the controller that emitted this Event.
  reportingInstance string # reportingInstance is the ID of the controller instance.
  series object # series is data about the Event series this event represents or nil if it's a singleton Event.
  type string # type is the type of this event (Normal, Warning), new types could be added in the future.

package io.k8s.api.storage.v1
kind StorageClass storage.k8s.io/v1 storageclasses cluster # StorageClass describes the parameters for a class of storage for which PersistentVolumes can be dynamically provisioned.
  allowVolumeExpansion bool # allowVolumeExpansion shows whether the storage class allow volume expand.
  allowedTopologies []object list=atomic # allowedTopologies restrict the node topologies where volumes can be dynamically provisioned.
  mountOptions []string list=atomic # mountOptions controls the mountOptions for dynamically provisioned PersistentVolumes of this storage class.
  parameters map<string> # parameters holds the parameters for the provisioner that should create volumes of this storage class.
  provisioner! string # provisioner indicates the type of the provisioner.
  reclaimPolicy string # reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete.
  volumeBindingMode string # volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.
kind CSIDriver storage.k8s.io/v1 csidrivers cluster # CSIDriver captures information about a Container Storage Interface (CSI) volume driver deployed on the cluster.
  spec! object # spec represents the specification of the CSI Driver.
kind VolumeAttachment storage.k8s.io/v1 volumeattachments cluster # VolumeAttachment captures the intent to attach or detach the specified volume to/from the specified node.
  spec! object # spec represents specification of the desired attach/detach volume behavior.
  status object # status represents status of the VolumeAttachment request.

package io.k8s.api.scheduling.v1
kind PriorityClass scheduling.k8s.io/v1 priorityclasses cluster # PriorityClass defines mapping from a priority class name to the priority integer value.
  description string # description is an arbitrary string that usually provides guidelines on when this priority class should be used.
  globalDefault bool # globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class.
  preemptionPolicy string enum=Never|PreemptLowerPriority # preemptionPolicy is the Policy for preempting pods with lower priority. Defaults to PreemptLowerPriority if unset.
  value! int32 # value represents the integer value of this priority class.

package io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1
kind CustomResourceDefinition apiextensions.k8s.io/v1 customresourcedefinitions cluster # CustomResourceDefinition represents a resource that should be exposed on the API server. Its name MUST be in the format <.spec.name>.<.spec.group>.
  spec! CustomResourceDefinitionSpec # spec describes how the user wants the resources to appear
  status CustomResourceDefinitionStatus # status indicates the actual state of the CustomResourceDefinition
type CustomResourceDefinitionSpec # CustomResourceDefinitionSpec describes how a user wants their resource to appear
  conversion object # conversion defines conversion settings for the CRD.
  group! string # group is the API group of the defined custom resource.
  names! CustomResourceDefinitionNames # names specify the resource and kind names for the custom resource.
  preserveUnknownFields bool # preserveUnknownFields indicates that object fields which are not specified in the OpenAPI schema should be preserved when persisting to storage.
  scope! string enum=Cluster|Namespaced # scope indicates whether the defined custom resource is cluster- or namespace-scoped. Allowed values are `Cluster` and `Namespaced`.
  versions! []CustomResourceDefinitionVersion list=atomic # versions is the list of all API versions of the defined custom resource.
type CustomResourceDefinitionNames # CustomResourceDefinitionNames indicates the names to serve this CustomResourceDefinition
  categories []string list=atomic # categories is a list of grouped resources this custom resource belongs to (e.g. 'all').
  kind! string # kind is the serialized kind of the resource. It is normally CamelCase and singular.
  listKind string # listKind is the serialized kind of the list for this resource. Defaults to "`kind`List".
  plural! string # plural is the plural name of the resource to serve.
  shortNames []string list=atomic # shortNames are short names for the resource, exposed in API discovery documents.
  singular string # singular is the singular name of the resource. It must be all lowercase. Defaults to lowercased `kind`.
type CustomResourceDefinitionVersion # CustomResourceDefinitionVersion describes a version for CRD.
  additionalPrinterColumns []CustomResourceColumnDefinition list=atomic # additionalPrinterColumns specifies additional columns returned in Table output.
  deprecated bool # deprecated indicates this version of the custom resource API is deprecated.
  deprecationWarning string # deprecationWarning overrides the default warning returned to API clients.
  name! string # name is the version name, e.g. "v1", "v2beta1", etc.
  schema CustomResourceValidation # schema describes the schema used for validation, pruning, and defaulting of this version of the custom resource.
  selectableFields []object list=atomic # selectableFields specifies paths to fields that may be used as field selectors.
  served! bool # served is a flag enabling/disabling this version from being served via REST APIs
  storage! bool # storage indicates this version should be used when persisting custom resources to storage.
  subresources CustomResourceSubresources # subresources specify what subresources this version of the defined custom resource have.
type CustomResourceColumnDefinition # CustomResourceColumnDefinition specifies a column for server side printing.
  description string # description is a human readable description of this column.
  format string # format is an optional OpenAPI type definition for this column.
  jsonPath! string # jsonPath is a simple JSON path (i.e. with array notation) which is evaluated against each custom resource to produce the value for this column.
  name! string # name is a human readable name for the column.
  priority int32 # priority is an integer defining the relative importance of this column compared to others.
  type! string # type is an OpenAPI type definition for this column.
type CustomResourceValidation # CustomResourceValidation is a list of validation methods for CustomResources.
  openAPIV3Schema any # openAPIV3Schema is the OpenAPI v3 schema to use for validation and pruning.
type CustomResourceSubresources # CustomResourceSubresources defines the status and scale subresources for CustomResources.
  scale object # scale indicates the custom resource should serve a `/scale` subresource that returns an `autoscaling/v1` Scale object.
  status object # status indicates the custom resource should serve a `/status` subresource.
type CustomResourceDefinitionStatus # CustomResourceDefinitionStatus indicates the state of the CustomResourceDefinition
  acceptedNames CustomResourceDefinitionNames # acceptedNames are the names that are actually being used to serve discovery.
  conditions []object list=map keys=type # conditions indicate state for particular aspects of a CustomResourceDefinition
  storedVersions []string list=atomic # storedVersions lists all versions of CustomResources that were ever persisted.
""";
}
