using Flotilla.Storage.Memory;

namespace Flotilla.Storage.Tests;

public sealed class MemoryStorageConformanceTests : StorageConformanceTests
{
    protected override Task<IStorageBackend> OpenAsync() => Task.FromResult<IStorageBackend>(new MemoryStorageBackend());
}
