namespace Flotilla.Controllers.Execution;

/// <summary>The member already has a non-managed object and the conflict resolution is not overwrite.</summary>
public sealed class ManifestConflictException(string message) : Exception(message);
