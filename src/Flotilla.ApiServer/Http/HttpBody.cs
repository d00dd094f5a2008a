using System.Buffers;
using System.IO.Pipelines;
using Flotilla.Core;
using Microsoft.AspNetCore.Http;

namespace Flotilla.ApiServer.Http;

internal static class HttpBody
{
    public const int MaxBytes = 3 * 1024 * 1024;

    /// <summary>Reads the whole request body (at most 3 MiB, as kube-apiserver).</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(ct).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.Length > MaxBytes)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                throw new ApiStatusException(413, "RequestEntityTooLarge", $"Request entity too large: limit is {MaxBytes}");
            }
            if (result.IsCompleted)
            {
                var bytes = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return bytes;
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    public static void Write(PipeWriter w, ReadOnlySpan<byte> bytes)
    {
        var span = w.GetSpan(bytes.Length);
        bytes.CopyTo(span);
        w.Advance(bytes.Length);
    }
}
