using Flotilla.Scheduler.Framework;

namespace Flotilla.Scheduler.Tests.Framework;

public class PluginRegistryTests
{
    [Fact]
    public void In_tree_registry_has_karmadas_plugin_names_in_order()
    {
        Assert.Equal(
            ["APIEnablement", "TaintToleration", "ClusterAffinity", "SpreadConstraint", "ClusterLocality", "ClusterEviction"],
            PluginRegistry.CreateInTree().Names);
    }

    [Fact]
    public void Registering_a_duplicate_throws()
    {
        var r = PluginRegistry.CreateInTree();
        Assert.Throws<ArgumentException>(() => r.Register("TaintToleration", () => new Flotilla.Scheduler.Framework.Plugins.TaintToleration.TaintTolerationPlugin()));
    }

    public static TheoryData<string?, string[], string[]> Flags => new()
    {
        { null, ["APIEnablement", "TaintToleration", "ClusterAffinity", "SpreadConstraint", "ClusterEviction"], ["ClusterAffinity", "ClusterLocality"] },
        { "*", ["APIEnablement", "TaintToleration", "ClusterAffinity", "SpreadConstraint", "ClusterEviction"], ["ClusterAffinity", "ClusterLocality"] },
        { "*,-ClusterLocality,-TaintToleration", ["APIEnablement", "ClusterAffinity", "SpreadConstraint", "ClusterEviction"], ["ClusterAffinity"] },
        { "ClusterAffinity", ["ClusterAffinity"], ["ClusterAffinity"] },
        { "-ClusterAffinity,*", ["APIEnablement", "TaintToleration", "SpreadConstraint", "ClusterEviction"], ["ClusterLocality"] },
        { "ClusterAffinity,-ClusterAffinity", ["ClusterAffinity"], ["ClusterAffinity"] },
        { " APIEnablement , ClusterLocality ", ["APIEnablement"], ["ClusterLocality"] },
    };

    [Theory]
    [MemberData(nameof(Flags))]
    public void Plugins_flag_enables_and_disables(string? flag, string[] filters, string[] scores)
    {
        var fw = PluginRegistry.CreateInTree().Build(flag);
        Assert.Equal(filters, fw.FilterPlugins.Select(p => p.Name));
        Assert.Equal(scores, fw.ScorePlugins.Select(p => p.Name));
    }

    [Fact]
    public void Factory_must_build_the_named_plugin()
    {
        var r = new PluginRegistry().Register("Foo", () => new Flotilla.Scheduler.Framework.Plugins.ClusterEviction.ClusterEvictionPlugin());
        Assert.Throws<InvalidOperationException>(() => r.Build("*"));
    }

    [Fact]
    public void Merge_prefers_error_over_unschedulable()
    {
        var merged = PluginResult.Merge([PluginResult.Success, PluginResult.Unschedulable("a"), PluginResult.Error("b")]);
        Assert.Equal(ResultCode.Error, merged.Code);
        Assert.Equal(["a", "b"], merged.ReasonList);
        Assert.True(PluginResult.Merge([PluginResult.Success]).IsSuccess);
    }
}
