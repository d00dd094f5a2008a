using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.ApiServer.Schema;

/// <summary>Server-side printing: turns objects into a meta.k8s.io/v1 Table with the same columns a real API server
/// (or a CRD's additionalPrinterColumns, or Karmada's printer columns) gives.</summary>
public interface ITableConverter
{
    /// <param name="includeObject">"None", "Metadata" (default, kubectl's choice) or "Object".</param>
    JsonObject ToTable(ApiResource resource, IReadOnlyList<JsonObject> items, string? resourceVersion, string? continueToken, long? remainingItemCount, string includeObject);
}
