using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Runtime.Events;
using Flotilla.TestKit;

namespace Flotilla.Runtime.Tests.Events;

public sealed class QueuedEventRecorderTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>Writes events into a list once the gate opens.</summary>
    private sealed class GatedRecorder : IEventRecorder
    {
        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public ConcurrentQueue<(string Name, string Reason, string Message)> Written { get; } = new();

        public async Task RecordAsync(JsonObject involved, string type, string reason, string message, CancellationToken ct)
        {
            await Gate.Task.WaitAsync(ct);
            Written.Enqueue((involved.Name()!, reason, message));
        }
    }

    [Fact]
    public async Task Recording_ReturnsAtOnce_AndTheWriterKeepsTheOrder()
    {
        var inner = new GatedRecorder();
        await using var queued = new QueuedEventRecorder(inner);
        var obj = TestObjects.ConfigMap("ns", "a");
        for (var i = 0; i < 10; i++)
        {
            var t = queued.RecordAsync(obj, EventTypes.Normal, "Applied", "n" + i, Ct);
            Assert.True(t.IsCompletedSuccessfully); // the worker is not held up while the writer is blocked
        }
        Assert.Empty(inner.Written);
        inner.Gate.SetResult();
        await TestObjects.EventuallyAsync(() => inner.Written.Count == 10);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => "n" + i), inner.Written.Select(w => w.Message));
    }

    [Fact]
    public async Task AFullQueue_MakesRecordingWait_NothingIsDropped()
    {
        var inner = new GatedRecorder();
        await using var queued = new QueuedEventRecorder(inner);
        var obj = TestObjects.ConfigMap("ns", "a");
        var pending = new List<Task>();
        // One event is taken by the (blocked) writer, Capacity wait in the queue; the next ones must wait.
        for (var i = 0; i < QueuedEventRecorder.Capacity + 3; i++) pending.Add(queued.RecordAsync(obj, EventTypes.Normal, "Applied", "n" + i, Ct));
        Assert.Contains(pending, t => !t.IsCompleted);
        inner.Gate.SetResult();
        await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(10));
        await TestObjects.EventuallyAsync(() => inner.Written.Count == QueuedEventRecorder.Capacity + 3);
    }

    [Fact]
    public async Task TheInvolvedObjectIsReadWhenRecorded_AndDisposeDrains()
    {
        var inner = new GatedRecorder();
        var queued = new QueuedEventRecorder(inner);
        var obj = TestObjects.ConfigMap("ns", "a");
        await queued.RecordAsync(obj, EventTypes.Warning, "Failed", "boom", Ct);
        obj.Metadata()["name"] = "renamed";
        inner.Gate.SetResult();
        await queued.DisposeAsync();
        Assert.Equal(("a", "Failed", "boom"), Assert.Single(inner.Written));
    }
}
