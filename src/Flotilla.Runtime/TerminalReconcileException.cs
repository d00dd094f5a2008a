namespace Flotilla.Runtime;

/// <summary>A failure that retrying cannot fix (e.g. an invalid spec): logged and counted, not requeued.</summary>
public sealed class TerminalReconcileException(string message, Exception? inner = null) : Exception(message, inner);
