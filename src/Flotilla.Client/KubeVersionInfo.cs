namespace Flotilla.Client;

/// <summary>The server's <c>/version</c> answer (version.Info).</summary>
public sealed record KubeVersionInfo
{
    public string Major { get; init; } = "";
    public string Minor { get; init; } = "";
    /// <summary>"v1.30.2", the field kubectl and Karmada's cluster status report.</summary>
    public string GitVersion { get; init; } = "";
    public string GitCommit { get; init; } = "";
    public string GitTreeState { get; init; } = "";
    public string BuildDate { get; init; } = "";
    public string GoVersion { get; init; } = "";
    public string Compiler { get; init; } = "";
    public string Platform { get; init; } = "";
}
