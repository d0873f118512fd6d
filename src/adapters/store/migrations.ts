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
  -- Every sign-in ever ingested (dedup by id): a slim row with the fields access patterns group by, and
  -- the full JSON only where a feature needs the raw row (failures, legacy protocols, recent days).
  -- A rowid table: rows append in ingestion order, so bulk loads do not rewrite pages at random.
  create table sign_ins (
    seq integer primary key,
    id text not null unique,
    created_at text not null,
    event_type text not null,
    user_id text not null,
    upn text not null,
    app_id text not null,
    app_name text,
    resource_id text,
    client_app_used text not null,
    os text,
    browser text,
    device_id text,
    device_name text,
    trust_type text,
    is_compliant integer,
    ip text,
    country text,
    error_code integer not null,
    mfa integer not null,               -- 1 when authenticationRequirement = multiFactorAuthentication
    data text
  );
  -- No index on user_id: it would cost more per insert than the GROUP BY scan that re-derives patterns.
  create index sign_ins_by_time on sign_ins (created_at);
  -- Access patterns: derived from sign_ins by GROUP BY (recomputed per user at each ingestion), or
  -- given directly by an import of aggregated data (source = 'direct').
  create table access_patterns (
    user_id text not null,
    upn text not null,
    event_type text not null,
    app_id text not null,
    app_name text,
    resource_id text,
    client_app_used text not null,
    os text,
    browser text,
    device_id text,
    device_name text,
    trust_type text,
    is_compliant integer,
    ip text,
    country text,
    count integer not null,
    success_count integer not null,
    failure_count integer not null,
    interrupt_count integer not null,
    mfa_count integer not null,
    last_error_code integer,
    first_seen text not null,
    last_seen text not null,
    source text not null default 'signins'
  );
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
];

export const SCHEMA_VERSION = MIGRATIONS.length;
