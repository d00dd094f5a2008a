using Flotilla.Scheduler.Framework.Plugins.APIEnablement;
using Flotilla.Scheduler.Framework.Plugins.ClusterAffinity;
using Flotilla.Scheduler.Framework.Plugins.ClusterEviction;
using Flotilla.Scheduler.Framework.Plugins.ClusterLocality;
using Flotilla.Scheduler.Framework.Plugins.SpreadConstraint;
using Flotilla.Scheduler.Framework.Plugins.TaintToleration;

namespace Flotilla.Scheduler.Framework;

/// <summary>
/// Plugin name → factory, in registration order (which is also the order filters run in). Registering a name twice
/// throws. <see cref="Build"/> applies Karmada's <c>--plugins</c> list ("*" enables all, "Foo" enables Foo,
/// "-Foo" disables Foo; the first entry naming a plugin wins).
/// </summary>
public sealed class PluginRegistry
{
    private readonly List<KeyValuePair<string, Func<IPlugin>>> _entries = [];

    public IReadOnlyList<string> Names => _entries.ConvertAll(e => e.Key);

    public PluginRegistry Register(string name, Func<IPlugin> factory)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(factory);
        foreach (var e in _entries)
            if (e.Key == name) throw new ArgumentException($"a plugin named {name} already exists", nameof(name));
        _entries.Add(new(name, factory));
        return this;
    }

    /// <summary>Karmada's in-tree plugins, in Karmada's registry order.</summary>
    public PluginRegistry AddInTreePlugins() => this
        .Register(APIEnablementPlugin.PluginName, static () => new APIEnablementPlugin())
        .Register(TaintTolerationPlugin.PluginName, static () => new TaintTolerationPlugin())
        .Register(ClusterAffinityPlugin.PluginName, static () => new ClusterAffinityPlugin())
        .Register(SpreadConstraintPlugin.PluginName, static () => new SpreadConstraintPlugin())
        .Register(ClusterLocalityPlugin.PluginName, static () => new ClusterLocalityPlugin())
        .Register(ClusterEvictionPlugin.PluginName, static () => new ClusterEvictionPlugin());

    public static PluginRegistry CreateInTree() => new PluginRegistry().AddInTreePlugins();

    /// <summary>Splits a <c>--plugins</c> value ("*,-ClusterLocality"); null or empty means "*".</summary>
    public static IReadOnlyList<string> ParsePluginsFlag(string? flag)
    {
        if (string.IsNullOrWhiteSpace(flag)) return ["*"];
        return flag.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Karmada's isPluginEnabled: the first entry that names the plugin decides; otherwise "*" enables.</summary>
    public static bool IsPluginEnabled(string plugin, IReadOnlyList<string> plugins)
    {
        var hasStar = false;
        foreach (var p in plugins)
        {
            if (p == plugin) return true;
            if (p.Length == plugin.Length + 1 && p[0] == '-' && p.AsSpan(1).SequenceEqual(plugin)) return false;
            if (p == "*") hasStar = true;
        }
        return hasStar;
    }

    /// <summary>Instantiates the enabled plugins.</summary>
    public SchedulerFramework Build(IReadOnlyList<string>? plugins = null)
    {
        plugins ??= ["*"];
        var filters = new List<IFilterPlugin>();
        var scores = new List<IScorePlugin>();
        foreach (var (name, factory) in _entries)
        {
            if (!IsPluginEnabled(name, plugins)) continue;
            var p = factory();
            if (p.Name != name) throw new InvalidOperationException($"plugin registered as {name} calls itself {p.Name}");
            if (p is IFilterPlugin f) filters.Add(f);
            if (p is IScorePlugin s) scores.Add(s);
        }
        return new SchedulerFramework(filters, scores);
    }

    public SchedulerFramework Build(string? pluginsFlag) => Build(ParsePluginsFlag(pluginsFlag));
}
