using System.Text.Json.Nodes;

namespace Flotilla.Controllers.Interpreter;

/// <summary>One member's entry of binding.status.aggregatedStatus, the input of AggregateStatus.</summary>
/// <param name="ClusterName">Member cluster name.</param>
/// <param name="Status">The reflected status (null when not collected yet).</param>
/// <param name="Applied">Whether the Work was applied.</param>
/// <param name="Health">Healthy | Unhealthy | Unknown, or null.</param>
public sealed record ClusterStatusItem(string ClusterName, JsonNode? Status, bool Applied = true, string? Health = null);
