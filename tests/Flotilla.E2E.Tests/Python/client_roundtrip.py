"""Drives Flotilla with Debian's python3-kubernetes: list, create, patch, watch (built-in and Karmada kinds).

Usage: client_roundtrip.py KUBECONFIG NAMESPACE
Loads the kubeconfig (server CA and bearer token), prints OK on success, exits non-zero on any failure.
"""
import sys
import threading

from kubernetes import client, config, watch


def main(kubeconfig, namespace):
    config.load_kube_config(config_file=kubeconfig)
    core = client.CoreV1Api()
    names = [n.metadata.name for n in core.list_namespace().items]
    assert "default" in names, names

    core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=namespace)))
    seen = []
    ready = threading.Event()

    def watcher():
        w = watch.Watch()
        for ev in w.stream(core.list_namespaced_config_map, namespace=namespace, timeout_seconds=20):
            seen.append((ev["type"], ev["object"].metadata.name))
            ready.set()
            if ev["type"] == "DELETED":
                w.stop()

    t = threading.Thread(target=watcher, daemon=True)
    t.start()

    cm = client.V1ConfigMap(metadata=client.V1ObjectMeta(name="py", labels={"from": "python"}), data={"a": "1"})
    core.create_namespaced_config_map(namespace, cm)
    # the watch delivers the ConfigMap (as an event or as its initial state) before it is changed
    assert ready.wait(20), "the watch delivered nothing"
    core.patch_namespaced_config_map("py", namespace, {"data": {"b": "2"}})
    got = core.read_namespaced_config_map("py", namespace)
    assert got.data == {"a": "1", "b": "2"}, got.data
    listed = core.list_namespaced_config_map(namespace, label_selector="from=python")
    assert [i.metadata.name for i in listed.items] == ["py"], listed.items

    apps = client.AppsV1Api()
    dep = {
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": "pyweb"},
        "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "pyweb"}},
                 "template": {"metadata": {"labels": {"app": "pyweb"}},
                              "spec": {"containers": [{"name": "web", "image": "nginx"}]}}},
    }
    apps.create_namespaced_deployment(namespace, dep)
    apps.patch_namespaced_deployment_scale("pyweb", namespace, {"spec": {"replicas": 3}})
    assert apps.read_namespaced_deployment("pyweb", namespace).spec.replicas == 3

    custom = client.CustomObjectsApi()
    clusters = custom.list_cluster_custom_object("cluster.karmada.io", "v1alpha1", "clusters")
    assert "items" in clusters, clusters

    # A Karmada kind through the custom-objects API: create, merge-patch, read back with the webhook's defaults.
    group, version, plural = "policy.karmada.io", "v1alpha1", "propagationpolicies"
    policy = {
        "apiVersion": group + "/" + version, "kind": "PropagationPolicy",
        "metadata": {"name": "pyweb", "labels": {"from": "python"}},
        "spec": {"resourceSelectors": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "pyweb"}],
                 "placement": {"clusterAffinity": {"clusterNames": ["m1"]}}},
    }
    custom.create_namespaced_custom_object(group, version, namespace, plural, policy)
    custom.patch_namespaced_custom_object(group, version, namespace, plural, "pyweb", {"spec": {"priority": 3}})
    got_policy = custom.get_namespaced_custom_object(group, version, namespace, plural, "pyweb")
    assert got_policy["spec"]["priority"] == 3, got_policy
    assert got_policy["spec"]["resourceSelectors"][0]["namespace"] == namespace, got_policy
    assert got_policy["metadata"]["generation"] == 2, got_policy["metadata"]
    listed_policies = custom.list_namespaced_custom_object(group, version, namespace, plural, label_selector="from=python")
    assert [i["metadata"]["name"] for i in listed_policies["items"]] == ["pyweb"], listed_policies

    # A bad write is a Kubernetes Status the client raises as ApiException.
    try:
        custom.patch_namespaced_custom_object(group, version, namespace, plural, "pyweb",
                                              {"spec": {"placement": {"replicaScheduling": {"replicaSchedulingType": "Sideways"}}}})
        raise AssertionError("an invalid enum value was accepted")
    except client.exceptions.ApiException as e:
        assert e.status == 422, (e.status, e.body)
        assert "Sideways" in e.body, e.body

    core.delete_namespaced_config_map("py", namespace)
    t.join(25)
    assert [e for e in seen if e[1] == "py"] == [("ADDED", "py"), ("MODIFIED", "py"), ("DELETED", "py")], seen
    print("OK")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
