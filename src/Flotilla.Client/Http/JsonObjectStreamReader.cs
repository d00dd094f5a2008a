using System.Buffers;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flotilla.Client.Http;

/// <summary>
/// Reads a stream of concatenated JSON objects (a Kubernetes watch: one object per line, but lines are not relied
/// upon) incrementally: only the bytes of the object being assembled are buffered.
/// </summary>
public sealed class JsonObjectStreamReader : IDisposable
{
    private const int InitialBufferSize = 16 * 1024;
    private const int MaxObjectSize = 128 * 1024 * 1024;
    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;

    public JsonObjectStreamReader(Stream stream)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    }

    /// <summary>The next object, or null when the stream ended cleanly between objects.</summary>
    /// <exception cref="HttpRequestException">The connection broke, or the stream ended inside an object.</exception>
    /// <exception cref="JsonException">The stream does not hold JSON objects.</exception>
    public async ValueTask<JsonObject?> ReadNextAsync(CancellationToken ct)
    {
        while (true)
        {
            if (TryTakeObject(out var obj)) return obj;
            MakeRoom();
            int read;
            try
            {
                read = await _stream.ReadAsync(_buffer.AsMemory(_end), ct).ConfigureAwait(false);
            }
            catch (IOException e) when (!ct.IsCancellationRequested)
            {
                throw new HttpRequestException(HttpRequestError.ResponseEnded, "the watch connection broke: " + e.Message, e);
            }
            catch (Exception e) when (ct.IsCancellationRequested && e is IOException or ObjectDisposedException)
            {
                // the connection was torn down because the caller cancelled
                throw new OperationCanceledException("the watch was cancelled", e, ct);
            }
            if (read == 0)
            {
                if (_start == _end) return null;
                throw new HttpRequestException(HttpRequestError.ResponseEnded, "the watch stream ended inside an event");
            }
            _end += read;
        }
    }

    private bool TryTakeObject(out JsonObject? obj)
    {
        obj = null;
        var span = _buffer.AsSpan(_start, _end - _start);
        var skip = 0;
        while (skip < span.Length && span[skip] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t') skip++;
        _start += skip;
        span = span[skip..];
        if (span.IsEmpty) return false;

        var reader = new Utf8JsonReader(span, isFinalBlock: false, state: default);
        if (!reader.Read()) return false;
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("the watch stream holds a " + reader.TokenType + " where an object was expected");
        if (!reader.TrySkip()) return false;
        var length = (int)reader.BytesConsumed;
        obj = JsonNode.Parse(span[..length]) as JsonObject;
        _start += length;
        return true;
    }

    private void MakeRoom()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end < _buffer.Length) return;
        if (_buffer.Length >= MaxObjectSize) throw new JsonException("a watch event is larger than " + MaxObjectSize + " bytes");
        var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
        Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    public void Dispose()
    {
        var b = _buffer;
        _buffer = [];
        if (b.Length > 0) ArrayPool<byte>.Shared.Return(b);
    }
}
