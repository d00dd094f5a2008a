namespace Flotilla.Client.Config;

/// <summary>A kubeconfig that cannot be read or used (missing file, unknown context, unsupported auth, bad PEM).</summary>
public sealed class KubeconfigException : Exception
{
    public KubeconfigException(string message) : base(message) { }

    public KubeconfigException(string message, Exception inner) : base(message, inner) { }

    public KubeconfigException() { }
}
