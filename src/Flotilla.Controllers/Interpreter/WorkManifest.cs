using System.Text.Json.Nodes;

namespace Flotilla.Controllers.Interpreter;

/// <summary>A Work to create or update: its name, namespace, labels, annotations and the single manifest.</summary>
public sealed record WorkManifest(
    string WorkName,
    string WorkNamespace,
    JsonObject Manifest,
    IReadOnlyDictionary<string, string> WorkLabels,
    IReadOnlyDictionary<string, string> WorkAnnotations);
