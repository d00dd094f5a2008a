using Flotilla.Core.Client;

namespace Flotilla.Controllers.Members;

/// <summary>A fixed name ⇒ client map (tests, the agent, in-process simulations).</summary>
public sealed class StaticMemberClientProvider(IReadOnlyDictionary<string, IKubeClient> clients) : IMemberClientProvider
{
    public ValueTask<IKubeClient> GetAsync(string clusterName, CancellationToken ct) =>
        clients.TryGetValue(clusterName, out var c)
            ? ValueTask.FromResult(c)
            : throw new MemberClusterUnavailableException(clusterName, "no client configured");
}
