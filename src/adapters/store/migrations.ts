// Versioned schema migrations of the workspace database, tracked in SQLite's `user_version`.
// A workspace written by a newer Glidepath (higher version) is refused, never modified.

import type BetterSqlite3 from "better-sqlite3";
import { encodeSignInId } from "./strings.js";

/** A schema change, and optionally a data step run after its SQL in the same transaction. */
export interface Migration {
  readonly sql: string;
  readonly data?: (db: BetterSqlite3.Database) => void;
}

/** Migrations in order; index + 1 is the schema version each one produces. Never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [
  // 1: snapshots of directory state; sign-ins and patterns as workspace-wide logs; config; journal.
  {
    sql: `
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
  },
  // 2: the sign-in log and the access patterns dictionary-encoded (strings stored once, rows of integers);
  // raw JSON of retained sign-ins in a side table; sign-in ids as 16-byte GUIDs.
  {
    sql: `
  alter table sign_ins rename to sign_ins_v1;
  alter table access_patterns rename to access_patterns_v1;
  drop index sign_ins_by_time;
  drop index access_patterns_by_user;
  -- Every distinct string of the log and the patterns, once; rows refer to it by id, and 0 means null.
  create table strings (id integer primary key, value text not null unique);
  -- Every sign-in ever ingested (dedup by id): the fields access patterns group by, as string ids.
  -- A rowid table: rows append in ingestion order, so bulk loads do not rewrite pages at random.
  create table sign_ins (
    seq integer primary key,
    id blob not null,                   -- a lowercase GUID as its 16 bytes; any other id as text
    created_at text not null,           -- createdDateTime exactly as received
    event_type integer not null,
    user_id integer not null,
    upn integer not null,
    app_id integer not null,
    app_name integer not null,
    resource_id integer not null,
    client_app integer not null,        -- clientAppUsed
    os integer not null,
    browser integer not null,
    device_id integer not null,
    device_name integer not null,
    trust_type integer not null,
    is_compliant integer,               -- null, 0 or 1 (not a string)
    ip integer not null,
    country integer not null,
    error_code integer not null,
    mfa integer not null                -- 1 when authenticationRequirement = multiFactorAuthentication
  );
  create unique index sign_ins_by_id on sign_ins (id);
  create index sign_ins_by_time on sign_ins (created_at);
  -- Full JSON of the sign-ins a feature needs raw (failures, legacy protocols, the most recent days).
  create table sign_in_raw (seq integer primary key, data text not null);
  -- Access patterns: derived from sign_ins by GROUP BY (recomputed per user at each ingestion), or
  -- given directly by an import of aggregated data (source = 'direct'). String columns are string ids.
  create table access_patterns (
    user_id integer not null,
    event_type integer not null,
    app_id integer not null,
    resource_id integer not null,
    client_app integer not null,
    os integer not null,
    browser integer not null,
    device_id integer not null,
    trust_type integer not null,
    is_compliant integer,
    ip integer not null,
    country integer not null,
    upn integer not null,
    app_name integer not null,
    device_name integer not null,
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
  `,
    data: migrateLogToDictionary,
  },
];

/** Migration 2's data step: copy the text rows of schema 1 into the dictionary-encoded tables. */
function migrateLogToDictionary(db: BetterSqlite3.Database): void {
  const ids = new Map<string, number>();
  const addString = db.prepare("insert into strings (value) values (?)");
  const id = (v: string | null): number => {
    if (v === null) return 0;
    let n = ids.get(v);
    if (n === undefined) {
      n = Number(addString.run(v).lastInsertRowid);
      ids.set(v, n);
    }
    return n;
  };
  const putSignIn = db.prepare(
    `insert into sign_ins (seq, id, created_at, event_type, user_id, upn, app_id, app_name, resource_id, client_app, os,
      browser, device_id, device_name, trust_type, is_compliant, ip, country, error_code, mfa)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const putRaw = db.prepare("insert into sign_in_raw (seq, data) values (?, ?)");
  type V1SignIn = Record<string, string | number | null>;
  // better-sqlite3 cannot write while a statement iterates: read in pages.
  const pages = function* (sql: string): Generator<V1SignIn> {
    const page = db.prepare(sql);
    let after = -1;
    for (;;) {
      const rows = page.all(after) as V1SignIn[];
      if (rows.length === 0) return;
      yield* rows;
      after = (rows.at(-1) as V1SignIn).rowid_ as number;
    }
  };
  for (const r of pages("select rowid as rowid_, * from sign_ins_v1 where rowid > ? order by rowid limit 5000")) {
    const t = (k: string) => r[k] as string | null;
    putSignIn.run(
      r.seq,
      encodeSignInId(r.id as string),
      r.created_at,
      id(t("event_type")),
      id(t("user_id")),
      id(t("upn")),
      id(t("app_id")),
      id(t("app_name")),
      id(t("resource_id")),
      id(t("client_app_used")),
      id(t("os")),
      id(t("browser")),
      id(t("device_id")),
      id(t("device_name")),
      id(t("trust_type")),
      r.is_compliant,
      id(t("ip")),
      id(t("country")),
      r.error_code,
      r.mfa,
    );
    if (r.data !== null) putRaw.run(r.seq, r.data);
  }
  const putPattern = db.prepare(
    `insert into access_patterns (user_id, event_type, app_id, resource_id, client_app, os, browser, device_id,
      trust_type, is_compliant, ip, country, upn, app_name, device_name, count, success_count, failure_count,
      interrupt_count, mfa_count, last_error_code, first_seen, last_seen, source)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of pages(
    "select rowid as rowid_, * from access_patterns_v1 where rowid > ? order by rowid limit 5000",
  )) {
    const t = (k: string) => r[k] as string | null;
    putPattern.run(
      id(t("user_id")),
      id(t("event_type")),
      id(t("app_id")),
      id(t("resource_id")),
      id(t("client_app_used")),
      id(t("os")),
      id(t("browser")),
      id(t("device_id")),
      id(t("trust_type")),
      r.is_compliant,
      id(t("ip")),
      id(t("country")),
      id(t("upn")),
      id(t("app_name")),
      id(t("device_name")),
      r.count,
      r.success_count,
      r.failure_count,
      r.interrupt_count,
      r.mfa_count,
      r.last_error_code,
      r.first_seen,
      r.last_seen,
      r.source,
    );
  }
  db.exec("drop table sign_ins_v1; drop table access_patterns_v1;");
}

export const SCHEMA_VERSION = MIGRATIONS.length;
