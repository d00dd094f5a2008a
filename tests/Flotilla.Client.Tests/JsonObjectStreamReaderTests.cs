using System.Text;
using Flotilla.Client.Http;
using Flotilla.Core;

namespace Flotilla.Client.Tests;

public sealed class JsonObjectStreamReaderTests
{
    /// <summary>A stream that hands out its bytes in fixed-size pieces, as a network would.</summary>
    private sealed class ChunkedStream(byte[] data, int chunk) : Stream
    {
        private int _pos;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => data.Length;
        public override long Position { get => _pos; set => throw new NotSupportedException(); }
        public int Reads { get; private set; }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            Reads++;
            var n = Math.Min(Math.Min(chunk, count), data.Length - _pos);
            Array.Copy(data, _pos, buffer, offset, n);
            _pos += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    public static TheoryData<string, int> ChunkSizes => new() { { "one byte", 1 }, { "seven bytes", 7 }, { "whole", 1 << 20 } };

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public async Task ReadNextAsync_ObjectsSplitAcrossChunks_ReturnsEachObject(string name, int chunk)
    {
        Assert.NotEmpty(name);
        var text = "{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"a\",\"note\":\"} { \\\" brace\"}}}\n"
                   + "\r\n  {\"type\":\"MODIFIED\",\"object\":{\"metadata\":{\"name\":\"é-b\"}}}{\"type\":\"DELETED\",\"object\":{}}\n";
        using var reader = new JsonObjectStreamReader(new ChunkedStream(Encoding.UTF8.GetBytes(text), chunk));

        var types = new List<string?>();
        var names = new List<string?>();
        while (await reader.ReadNextAsync(CancellationToken.None) is { } o)
        {
            types.Add(o.GetString("type"));
            names.Add(((System.Text.Json.Nodes.JsonObject)o["object"]!).Name());
        }

        Assert.Equal(["ADDED", "MODIFIED", "DELETED"], types);
        Assert.Equal(["a", "é-b", null], names);
    }

    [Fact]
    public async Task ReadNextAsync_LargeObject_GrowsBuffer()
    {
        var big = new string('x', 100_000);
        var text = "{\"type\":\"ADDED\",\"object\":{\"data\":\"" + big + "\"}}\n";
        using var reader = new JsonObjectStreamReader(new ChunkedStream(Encoding.UTF8.GetBytes(text), 4096));

        var o = await reader.ReadNextAsync(CancellationToken.None);

        Assert.Equal(big, ((System.Text.Json.Nodes.JsonObject)o!["object"]!).GetString("data"));
        Assert.Null(await reader.ReadNextAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReadNextAsync_StreamEndsInsideObject_ThrowsHttpRequestException()
    {
        using var reader = new JsonObjectStreamReader(new ChunkedStream("{\"type\":\"ADDED\",\"obj"u8.ToArray(), 5));

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => reader.ReadNextAsync(CancellationToken.None).AsTask());
        Assert.Equal(HttpRequestError.ResponseEnded, e.HttpRequestError);
    }

    [Fact]
    public async Task ReadNextAsync_NotAnObject_ThrowsJsonException()
    {
        using var reader = new JsonObjectStreamReader(new ChunkedStream("[1,2]"u8.ToArray(), 100));

        await Assert.ThrowsAsync<System.Text.Json.JsonException>(() => reader.ReadNextAsync(CancellationToken.None).AsTask());
    }
}
