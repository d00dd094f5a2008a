using Flotilla.ApiServer.Patch;

namespace Flotilla.ApiServer.Tests.Patch;

public class MergePatchTests
{
    // RFC 7386 appendix A, plus Kubernetes-shaped cases.
    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "A replace member", "{'a':'b'}", "{'a':'c'}", "{'a':'c'}" },
        { "A add member", "{'a':'b'}", "{'b':'c'}", "{'a':'b','b':'c'}" },
        { "A null deletes", "{'a':'b'}", "{'a':null}", "{}" },
        { "A null deletes one", "{'a':'b','b':'c'}", "{'a':null}", "{'b':'c'}" },
        { "A array replaced by string", "{'a':['b']}", "{'a':'c'}", "{'a':'c'}" },
        { "A string replaced by array", "{'a':'c'}", "{'a':['b']}", "{'a':['b']}" },
        { "A nested merge", "{'a':{'b':'c'}}", "{'a':{'b':'d','c':null}}", "{'a':{'b':'d'}}" },
        { "A arrays replace", "{'a':[{'b':'c'}]}", "{'a':[1]}", "{'a':[1]}" },
        { "A top array replaced", "['a','b']", "['c','d']", "['c','d']" },
        { "A object replaced by array", "{'a':'b'}", "['c']", "['c']" },
        { "A null patch", "{'a':'foo'}", "null", "null" },
        { "A string patch", "{'a':'foo'}", "'bar'", "'bar'" },
        { "A existing null kept", "{'e':null}", "{'a':1}", "{'e':null,'a':1}" },
        { "A array target, object patch", "[1,2]", "{'a':'b','c':null}", "{'a':'b'}" },
        { "A nested null in new member", "{}", "{'a':{'bb':{'ccc':null}}}", "{'a':{'bb':{}}}" },
        { "k8s scale", "{'spec':{'replicas':1,'template':{'spec':{'containers':[{'name':'a'}]}}}}", "{'spec':{'replicas':5}}",
            "{'spec':{'replicas':5,'template':{'spec':{'containers':[{'name':'a'}]}}}}" },
        { "k8s remove label", "{'metadata':{'labels':{'a':'1','b':'2'}}}", "{'metadata':{'labels':{'a':null}}}", "{'metadata':{'labels':{'b':'2'}}}" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Apply_Rfc7386Cases(string name, string target, string patch, string expected)
    {
        var t = Json.Parse(target);
        var before = t?.ToJsonString();
        Json.Equal(expected, MergePatch.Apply(t, Json.Parse(patch)));
        Assert.Equal(before, t?.ToJsonString());
        Assert.NotNull(name);
    }

    public static TheoryData<string, string, string, string> Diffs => new()
    {
        { "equal", "{'a':1,'b':{'c':[1]}}", "{'a':1,'b':{'c':[1]}}", "{}" },
        { "changed scalar", "{'a':1}", "{'a':2}", "{'a':2}" },
        { "removed key", "{'a':1,'b':2}", "{'a':1}", "{'b':null}" },
        { "added nested", "{'a':{'x':1}}", "{'a':{'x':1,'y':2}}", "{'a':{'y':2}}" },
        { "array changed whole", "{'a':[1,2]}", "{'a':[1,3]}", "{'a':[1,3]}" },
        { "object to scalar", "{'a':{'x':1}}", "{'a':5}", "{'a':5}" },
    };

    [Theory]
    [MemberData(nameof(Diffs))]
    public void Create_ProducesPatchThatRoundTrips(string name, string original, string modified, string expected)
    {
        var o = Json.Parse(original);
        var m = Json.Parse(modified);
        var patch = MergePatch.Create(o, m);
        Json.Equal(expected, patch);
        Json.Equal(modified, MergePatch.Apply(o, patch));
        Assert.NotNull(name);
    }
}
