// Versioned schema migrations of the workspace database, tracked in SQLite's `user_version`.
// A workspace written by a newer Glidepath (higher version) is refused, never modified.

/** Migrations in order; index + 1 is the schema version each one produces. Never edit a released one. */
export const MIGRATIONS: readonly string[] = [
  // 1: snapshots of directory state; sign-ins and patterns as workspace-wide logs; config; journal.
  `
  create table snapshots (
    id integer primary key autoincrement,
    captured_at text not null,          -- when the tenant state was captured (ISO-8601 UTC)
    source text not null,               -- simulator | graph | import
    tenant_id text not null,
    tenant_name text not null,
    meta_json text not null,            -- SnapshotMeta as JSON
    created_at text not null            -- when the row was written
  );
  -- Directory state: one row per object of a collection of a snapshot, as JSON (Graph shape).
  create table objects (
    snapshot_id integer not null references snapshots(id) on delete cascade,
    collection text not null,
    seq integer not null,
    object_id text,
    data text not null,
    primary key (snapshot_id, collection, seq)
  ) without rowid;
  create index objects_by_id on objects (snapshot_id, collection, object_id);
  -- Every sign-in ever ingested (dedup by id); the full JSON only where a feature needs the raw row.
  create table sign_ins (
    id text primary key,
    created_at text not null,
    event_type text not null,
    user_id text not null,
    app_id text not null,
    client_app_used text not null,
    error_code integer not null,
    data text
  ) without rowid;
  create index sign_ins_by_time on sign_ins (created_at);
  create index sign_ins_by_user on sign_ins (user_id, created_at);
  -- Access patterns aggregated from sign-ins at ingestion (AccessPattern JSON).
  create table access_patterns (
    key text primary key,
    user_id text not null,
    data text not null,
    last_seen text not null
  ) without rowid;
  create index access_patterns_by_user on access_patterns (user_id);
  -- Workspace settings and decisions (declared emergency accounts, classifications, connection).
  create table config (key text primary key, value text not null, updated_at text not null);
  -- Append-only journal of every change Glidepath makes or is told about.
  create table journal (
    seq integer primary key autoincrement,
    at text not null,
    actor text,
    action text not null,
    detail text not null
  );
  create trigger journal_no_update before update on journal begin select raise(abort, 'journal is append-only'); end;
  create trigger journal_no_delete before delete on journal begin select raise(abort, 'journal is append-only'); end;
  `,
  // 2: resumable Graph sync: one row per run (its fixed parameters), one row per fetched page (mapped
  // items as JSON plus the nextLink to continue from). Pages are written as they arrive; the snapshot is
  // only written, in one transaction, when every slice is complete (src/adapters/graph/staging.ts).
  `
  create table sync_runs (
    id integer primary key autoincrement,
    started_at text not null,
    params text not null,               -- JSON: window, collections, delta links used
    state text not null,                -- running | done | abandoned
    finished_at text
  );
  create table sync_pages (
    run_id integer not null references sync_runs(id) on delete cascade,
    slice text not null,                -- e.g. users, signIns:2026-03-01T00:00:00Z:interactiveUser
    page integer not null,
    items text not null,                -- JSON array of mapped model items
    next_link text,                     -- where to continue; null = slice complete
    delta_link text,
    primary key (run_id, slice, page)
  ) without rowid;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
