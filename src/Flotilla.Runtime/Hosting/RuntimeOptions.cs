using Flotilla.Runtime.LeaderElection;

namespace Flotilla.Runtime.Hosting;

/// <summary>The runtime's options (config section <c>Flotilla:Runtime</c>).</summary>
public sealed class RuntimeOptions
{
    public const string Section = "Flotilla:Runtime";

    /// <summary>Karmada's <c>--controllers</c> list: "*", "foo", "-foo".</summary>
    public string Controllers { get; set; } = "*";

    public LeaderElectionOptions LeaderElection { get; set; } = new();
}
