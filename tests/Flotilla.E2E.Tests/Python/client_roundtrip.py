"""Drives Flotilla with Debian's python3-kubernetes: list, create, patch, watch.

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
            if ev["type"] == "MODIFIED":
                w.stop()

    t = threading.Thread(target=watcher, daemon=True)
    t.start()

    cm = client.V1ConfigMap(metadata=client.V1ObjectMeta(name="py", labels={"from": "python"}), data={"a": "1"})
    core.create_namespaced_config_map(namespace, cm)
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

    t.join(25)
    assert ("ADDED", "py") in seen and ("MODIFIED", "py") in seen, seen
    print("OK")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
