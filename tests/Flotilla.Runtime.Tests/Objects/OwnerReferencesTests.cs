using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Runtime.Controllers;
using Flotilla.Runtime.Objects;
using Flotilla.TestKit.Fakes;

namespace Flotilla.Runtime.Tests.Objects;

public sealed class OwnerReferencesTests
{
    private static JsonObject Owner(string uid)
    {
        var d = TestObjects.Deployment("ns", "web");
        d.Metadata()["uid"] = uid;
        return d;
    }

    [Fact]
    public void SetController_AddsOnce_AndRejectsSecondController()
    {
        var cm = TestObjects.ConfigMap("ns", "c");
        Assert.True(OwnerReferences.SetController(cm, Owner("u1")));
        Assert.False(OwnerReferences.SetController(cm, Owner("u1")));
        var r = OwnerReferences.GetController(cm)!;
        Assert.Equal(("apps/v1", "Deployment", "web", "u1"), (r.GetString("apiVersion"), r.GetString("kind"), r.GetString("name"), r.GetString("uid")));
        Assert.Throws<InvalidOperationException>(() => OwnerReferences.SetController(cm, Owner("u2")));
    }

    [Fact]
    public void Owns_MapsOwnedObjectToItsController()
    {
        var w = new ControllerWatches<ObjectKey>().For(FakeResources.Deployments.Gvr).Owns(FakeResources.ConfigMaps.Gvr, "apps/v1", "Deployment");
        var owns = w.Registrations[1];
        var cm = TestObjects.ConfigMap("ns", "c");
        Assert.Empty(owns.Map(cm));
        OwnerReferences.SetController(cm, Owner("u1"));
        Assert.Equal([new ObjectKey("ns", "web")], owns.Map(cm));
    }
}
