namespace Flotilla.Controllers.Tests.Overrides;

/// <summary>The s04-overrides-argo scenario manifests, verbatim.</summary>
internal static class S04Manifests
{
    public const string Apps = """
        # Three workloads shaped like the ones the seed's GitOps repository holds.
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: redis
          labels:
            app: redis
            for: for
            bar: bar
          annotations:
            bom: bom
            emma: emma
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: redis
          template:
            metadata:
              labels:
                app: redis
            spec:
              containers:
              - name: redis
                image: redis:7
                envFrom:
                - configMapRef:
                    name: redis-config
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: redis-config
        data:
          maxmemory: 64mb
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: nginx
          labels:
            app: nginx
            for: for
            bar: bar
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: nginx
          template:
            metadata:
              labels:
                app: nginx
            spec:
              containers:
              - name: nginx
                image: nginx
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: rabbitmq
          labels:
            app: rabbitmq
            for: for
            bar: bar
          annotations:
            bom: bom
            emma: emma
        spec:
          replicas: 3
          selector:
            matchLabels:
              app: rabbitmq
          template:
            metadata:
              labels:
                app: rabbitmq
            spec:
              containers:
              - name: rabbitmq
                image: rabbitmq:3
        """;

    public const string NginxOpAndPropagation = """
        apiVersion: policy.karmada.io/v1alpha1
        kind: OverridePolicy
        metadata:
          name: nginx-op
        spec:
          resourceSelectors:
          - apiVersion: apps/v1
            kind: Deployment
            name: nginx
          overrideRules:
          - targetCluster:
              clusterNames:
              - pegasus-2
            overriders:
              labelsOverrider:
              - operator: add
                value:
                  env: skoala-dev
              - operator: add
                value:
                  env-stat: skoala-stage
              - operator: remove
                value:
                  for: for
              - operator: replace
                value:
                  bar: test
        ---
        apiVersion: policy.karmada.io/v1alpha1
        kind: PropagationPolicy
        metadata:
          name: nginx-propagation
        spec:
          resourceSelectors:
          - apiVersion: apps/v1
            kind: Deployment
            name: nginx
          placement:
            clusterAffinity:
              clusterNames:
              - pegasus-2
            replicaScheduling:
              replicaDivisionPreference: Weighted
              replicaSchedulingType: Divided
              weightPreference:
                staticWeightList:
                - targetCluster:
                    clusterNames:
                    - pegasus-2
                  weight: 1
        """;

    public const string RabbitmqOp = """
        apiVersion: policy.karmada.io/v1alpha1
        kind: OverridePolicy
        metadata:
          name: rabbitmq-op
        spec:
          resourceSelectors:
          - apiVersion: apps/v1
            kind: Deployment
            name: rabbitmq
          overrideRules:
          - targetCluster:
              clusterNames:
              - pegasus-2
            overriders:
              labelsOverrider:
              - operator: add
                value:
                  env: skoala-dev
              - operator: add
                value:
                  env-stat: skoala-stage
              - operator: remove
                value:
                  for: for
              - operator: replace
                value:
                  bar: test
          - targetCluster:
              clusterNames:
              - pegasus
            overriders:
              annotationsOverrider:
              - operator: add
                value:
                  env: skoala-stage
              - operator: remove
                value:
                  bom: bom
              - operator: replace
                value:
                  emma: sophia
        """;

    public const string RabbitmqPropagation = """
        apiVersion: policy.karmada.io/v1alpha1
        kind: PropagationPolicy
        metadata:
          name: rabbitmq-propagation
        spec:
          resourceSelectors:
          - apiVersion: apps/v1
            kind: Deployment
            name: rabbitmq
          placement:
            clusterAffinity:
              clusterNames:
              - pegasus
              - pegasus-2
            replicaScheduling:
              replicaDivisionPreference: Weighted
              replicaSchedulingType: Divided
              weightPreference:
                staticWeightList:
                - targetCluster:
                    clusterNames:
                    - pegasus
                  weight: 2
                - targetCluster:
                    clusterNames:
                    - pegasus-2
                  weight: 1
        """;

    public const string RedisOp = """
        apiVersion: policy.karmada.io/v1alpha1
        kind: OverridePolicy
        metadata:
          name: redis-op
        spec:
          resourceSelectors:
          - apiVersion: apps/v1
            kind: Deployment
            name: redis
          overrideRules:
          - targetCluster:
              clusterNames:
              - pegasus-2
            overriders:
              labelsOverrider:
              - operator: add
                value:
                  env: skoala-dev
              - operator: add
                value:
                  env-stat: skoala-stage
              - operator: remove
                value:
                  for: for
              - operator: replace
                value:
                  bar: test
          - targetCluster:
              clusterNames:
              - pegasus
            overriders:
              annotationsOverrider:
              - operator: add
                value:
                  env: skoala-stage
              - operator: remove
                value:
                  bom: bom
              - operator: replace
                value:
                  emma: sophia
        """;

    public const string RedisPropagation = """
        apiVersion: policy.karmada.io/v1alpha1
        kind: PropagationPolicy
        metadata:
          name: redis-propagation
        spec:
          propagateDeps: true
          failover:
            application:
              decisionConditions:
                tolerationSeconds: 120
              purgeMode: Never
          resourceSelectors:
          - apiVersion: apps/v1
            kind: Deployment
            name: redis
          placement:
            clusterAffinity:
              clusterNames:
              - pegasus
              - pegasus-2
            spreadConstraints:
            - maxGroups: 1
              minGroups: 1
              spreadByField: cluster
        """;
}
