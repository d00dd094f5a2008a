namespace Flotilla.Controllers.Overrides;

/// <summary>Raised when a JSON patch cannot be applied (missing path, bad index, unknown operation).</summary>
public sealed class JsonPatchException(string message) : Exception(message);
