namespace Flotilla.Storage.Sqlite;

/// <summary>
/// The on-disk layout, shaped like kine's: one append-only log whose row id is the revision. Every write appends a
/// row; a delete appends a tombstone (deleted = 1) that carries the last value. prev_revision is the id of the row
/// this one supersedes (for a create, the key's tombstone if it had one, else 0), and UNIQUE(name, prev_revision)
/// turns compare-and-swap into a constraint: two writers cannot both supersede the same row.
/// </summary>
internal static class SqliteSchema
{
    public const string CompactRevisionKey = "compact_rev";

    // AUTOINCREMENT keeps sqlite_sequence at the highest id ever used, so revisions are never reused even after
    // compaction deletes the newest rows' predecessors. The unique index on (name, prev_revision) also serves every
    // lookup by name: SQLite indexes carry the rowid (= id), so no separate (name, id) index is needed.
    public const string Create = """
        CREATE TABLE IF NOT EXISTS kine (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            created INTEGER NOT NULL,
            deleted INTEGER NOT NULL,
            create_revision INTEGER NOT NULL,
            prev_revision INTEGER NOT NULL,
            lease INTEGER NOT NULL DEFAULT 0,
            value BLOB,
            old_value BLOB
        );
        CREATE UNIQUE INDEX IF NOT EXISTS kine_name_prev_revision_uindex ON kine (name, prev_revision);
        CREATE TABLE IF NOT EXISTS flotilla_meta (
            key TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        );
        """;

    public const string Insert = """
        INSERT INTO kine (id, name, created, deleted, create_revision, prev_revision, value, old_value)
        VALUES ($id, $name, $created, $deleted, $create_revision, $prev_revision, $value, $old_value)
        """;

    public const string MaxRevision = """
        SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'kine'), 0),
                   COALESCE((SELECT MAX(id) FROM kine), 0))
        """;

    public const string ReadCompactRevision = "SELECT value FROM flotilla_meta WHERE key = 'compact_rev'";

    public const string WriteCompactRevision = """
        INSERT INTO flotilla_meta (key, value) VALUES ('compact_rev', $rev)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value
        """;

    /// <summary>The newest row of every key (live or tombstone).</summary>
    public const string LatestRows = """
        SELECT k.id, k.name, k.create_revision, k.deleted, k.value
        FROM kine AS k
        JOIN (SELECT MAX(id) AS id FROM kine GROUP BY name) AS m ON k.id = m.id
        """;

    public const string GetAt = """
        SELECT id, create_revision, deleted, value FROM kine
        WHERE name = $name AND id <= $rev
        ORDER BY id DESC LIMIT 1
        """;

    /// <summary>Rows after a revision (watch replay), filtered by a name range.</summary>
    public const string EventsAfter = """
        SELECT id, name, created, deleted, create_revision, prev_revision, value, old_value FROM kine
        WHERE id > $after AND name >= $low AND ($high IS NULL OR name < $high)
        ORDER BY id LIMIT $limit
        """;

    /// <summary>
    /// The state at a revision R of every key changed since R: for each key under the name range, its first row after
    /// R (m); that row's prev_revision is the key's row at R (p), unless the first change created the key, in which
    /// case the key did not exist at R (p is null). Compaction keeps p: it is superseded only after R.
    /// </summary>
    public const string ChangedSince = """
        SELECT f.name, p.id, p.create_revision, p.value
        FROM (SELECT MIN(id) AS id FROM kine
              WHERE id > $rev AND name >= $low AND ($high IS NULL OR name < $high) AND name > $after
              GROUP BY name) AS m
        JOIN kine AS f ON f.id = m.id
        LEFT JOIN kine AS p ON p.id = f.prev_revision AND f.created = 0
        """;

    /// <summary>Compaction step 1: rows superseded by a row in (from, to].</summary>
    public const string CompactSuperseded = """
        DELETE FROM kine WHERE id IN (
            SELECT prev_revision FROM kine WHERE id > $from AND id <= $to AND prev_revision != 0)
        """;

    /// <summary>Compaction step 2: tombstones in (from, to] (the key did not exist at the compact revision).</summary>
    public const string CompactTombstones = "DELETE FROM kine WHERE id > $from AND id <= $to AND deleted = 1";
}
