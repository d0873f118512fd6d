// The workspace: one SQLite file (better-sqlite3) holding tenant snapshots, the sign-in log, access
// patterns, settings and the append-only journal. Reads go through Kysely's typed queries so a
// PostgreSQL dialect can follow; bulk ingestion uses prepared better-sqlite3 statements directly,
// because per-row query building costs more than the insert itself at millions of rows.

import { existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import {
  type AccessPattern,
  accessPatternKey,
  COLLECTIONS,
  type CollectionName,
  emptySnapshot,
  GlidepathError,
  INTERRUPT_CODES,
  isLegacyClientApp,
  mergePatterns,
  type SignIn,
  type SnapshotMeta,
  type TenantSnapshot,
} from "../../core/model/index.js";
import { MIGRATIONS, type Migration, SCHEMA_VERSION } from "./migrations.js";
import type { Database } from "./schema.js";
import { compactJson, keepsRaw, type SignInColumns } from "./sign-in-columns.js";
import { decodeSignInId, encodeSignInId, StringTable } from "./strings.js";

export const WORKSPACE_FILE = "glidepath.sqlite";

/**
 * Days of successful, modern-protocol sign-ins whose raw JSON the workspace keeps, counted back from the
 * newest sign-in (failures and legacy protocols are always kept). Three days cover the 48-hour watch
 * after enforcement and the 72-hour validation window; older successes live on in the access patterns.
 */
export const RAW_SIGN_IN_DAYS = 3;

/** Collections stored as JSON objects per snapshot (sign-ins and patterns live in their own tables). */
const OBJECT_COLLECTIONS = COLLECTIONS.filter((c) => c !== "signIns" && c !== "accessPatterns");
const SINGLETONS = new Set<CollectionName>(["authenticationMethodsPolicy", "securityDefaults"]);

export interface SnapshotInfo {
  readonly id: number;
  readonly capturedAt: string;
  readonly source: string;
  readonly tenantId: string;
  readonly tenantName: string;
}

export interface LoadOptions {
  /** Which raw sign-ins to load: none, or those the workspace retained (default). */
  readonly signIns?: "none" | "retained";
  /** Only sign-ins and patterns seen at or after this ISO time. */
  readonly since?: string;
}

export interface IngestOptions {
  /**
   * Keep the full JSON of successful modern sign-ins at or after this time (monitoring needs recent
   * raw rows). Failures and legacy-protocol sign-ins are always kept. Undefined = keep every row.
   */
  readonly keepRawSince?: string;
}

export interface IngestStats {
  inserted: number;
  duplicates: number;
}

function openError(file: string, e: unknown): GlidepathError {
  const code = (e as { code?: string }).code ?? "";
  return new GlidepathError(
    "workspace.corrupt",
    `${file} is not a readable Glidepath workspace (${code || (e as Error).message})`,
    "restore it from a backup, or move it aside and rebuild the workspace with 'glidepath demo', 'glidepath import' or 'glidepath sync'",
  );
}

const boolInt = (b: boolean | null | undefined): number | null => (b === null || b === undefined ? null : b ? 1 : 0);

/** The columns an access pattern groups by (string ids; 0 = null, so nulls group together as in core). */
const PATTERN_KEY = [
  "user_id",
  "event_type",
  "app_id",
  "resource_id",
  "client_app",
  "os",
  "browser",
  "device_id",
  "trust_type",
  "is_compliant",
  "ip",
  "country",
] as const;

/**
 * Re-derive the access patterns of the users in temp table `touched` from every sign-in they have.
 * INVARIANT: for source 'signins', access_patterns = GROUP BY PATTERN_KEY over sign_ins.
 * Of the descriptive columns (UPN, app and device names) a pattern keeps the highest string id, i.e.
 * the most recently first-seen value when they differ within a pattern (they rarely do).
 */
const RECOMPUTE_PATTERNS = `
  insert into access_patterns (${PATTERN_KEY.join(", ")}, upn, app_name, device_name, count, success_count,
    failure_count, interrupt_count, mfa_count, last_error_code, first_seen, last_seen)
  select ${PATTERN_KEY.join(", ")}, upn, app_name, device_name, n, ok, failed, interrupted, mfa,
    cast(substr(last_error, instr(last_error, '|') + 1) as integer), first_seen, last_seen
  from (
    select ${PATTERN_KEY.join(", ")}, max(upn) as upn, max(app_name) as app_name, max(device_name) as device_name,
      count(*) as n,
      sum(error_code = 0) as ok,
      sum(error_code <> 0 and error_code not in (${INTERRUPT_CODES.join(", ")})) as failed,
      sum(error_code in (${INTERRUPT_CODES.join(", ")})) as interrupted,
      sum(error_code = 0 and mfa = 1) as mfa,
      max(case when error_code <> 0 then created_at || '|' || error_code end) as last_error,
      min(created_at) as first_seen, max(created_at) as last_seen
    from sign_ins where user_id in (select user_id from temp.touched)
    group by ${PATTERN_KEY.join(", ")}
  )`;

/** The string columns of sign_ins, each with its own encoder. */
function columnEncoders(t: StringTable) {
  return {
    eventType: t.encoder("event_type"),
    user: t.encoder("user_id"),
    upn: t.encoder("upn"),
    app: t.encoder("app_id"),
    appName: t.encoder("app_name"),
    resource: t.encoder("resource_id"),
    clientApp: t.encoder("client_app"),
    os: t.encoder("os"),
    browser: t.encoder("browser"),
    device: t.encoder("device_id"),
    deviceName: t.encoder("device_name"),
    trust: t.encoder("trust_type"),
    ip: t.encoder("ip"),
    country: t.encoder("country"),
  };
}

/**
 * Accumulates sign-ins inside an open transaction; `flush` re-derives the access patterns of every user
 * it touched. Memory holds only the touched user ids and the string dictionary's cache.
 */
export class SignInIngest {
  private readonly insert: BetterSqlite3.Statement;
  private readonly insertRaw: BetterSqlite3.Statement;
  private readonly touch: BetterSqlite3.Statement;
  private readonly touched = new Set<number>();
  private readonly enc: ReturnType<typeof columnEncoders>;
  readonly stats: IngestStats = { inserted: 0, duplicates: 0 };

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    strings: StringTable,
    private readonly opts: IngestOptions = {},
  ) {
    sqlite.exec("create temp table if not exists touched (user_id integer primary key)");
    this.touch = sqlite.prepare("insert or ignore into temp.touched (user_id) values (?)");
    this.insert = sqlite.prepare(
      `insert or ignore into sign_ins (id, created_at, event_type, user_id, upn, app_id, app_name, resource_id,
        client_app, os, browser, device_id, device_name, trust_type, is_compliant, ip, country, error_code, mfa)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertRaw = sqlite.prepare("insert into sign_in_raw (seq, data) values (?, ?)");
    this.enc = columnEncoders(strings);
  }

  /** Add one sign-in; a sign-in id seen before (in this or an earlier ingestion) is counted as duplicate. */
  add(s: SignIn): boolean {
    const e = this.enc;
    const d = s.deviceDetail;
    return this.insertRow(
      s.id,
      s.createdDateTime,
      e.eventType(s.signInEventType),
      e.user(s.userId),
      e.upn(s.userPrincipalName),
      e.app(s.appId),
      e.appName(s.appDisplayName),
      e.resource(s.resourceId),
      e.clientApp(s.clientAppUsed),
      e.os(d?.operatingSystem),
      e.browser(d?.browser),
      e.device(d?.deviceId),
      e.deviceName(d?.displayName),
      e.trust(d?.trustType),
      boolInt(d?.isCompliant),
      e.ip(s.ipAddress),
      e.country(s.location?.countryOrRegion),
      s.status.errorCode,
      s.authenticationRequirement === "multiFactorAuthentication" ? 1 : 0,
      () => (keepsRaw(s, this.opts.keepRawSince) ? compactJson(s) : null),
    );
  }

  /**
   * Add rows `from` to `to` (exclusive) of a column batch; the batch carries the raw JSON to keep, decided
   * when it was built. Returns how many were new.
   */
  addColumns(c: SignInColumns, from = 0, to = c.length): number {
    const e = this.enc;
    let added = 0;
    for (let i = from; i < to; i++) {
      const raw = c.raw[i] ?? null;
      const isNew = this.insertRow(
        c.id[i] as string,
        c.createdDateTime[i] as string,
        e.eventType(c.eventType[i]),
        e.user(c.userId[i]),
        e.upn(c.upn[i]),
        e.app(c.appId[i]),
        e.appName(c.appName[i]),
        e.resource(c.resourceId[i]),
        e.clientApp(c.clientApp[i]),
        e.os(c.os[i]),
        e.browser(c.browser[i]),
        e.device(c.deviceId[i]),
        e.deviceName(c.deviceName[i]),
        e.trust(c.trustType[i]),
        c.isCompliant[i] ?? null,
        e.ip(c.ip[i]),
        e.country(c.country[i]),
        c.errorCode[i] as number,
        c.mfa[i] as number,
        () => raw,
      );
      if (isNew) added++;
    }
    return added;
  }

  private insertRow(
    id: string,
    created: string,
    eventType: number,
    user: number,
    upn: number,
    app: number,
    appName: number,
    resource: number,
    clientApp: number,
    os: number,
    browser: number,
    device: number,
    deviceName: number,
    trust: number,
    compliant: number | null,
    ip: number,
    country: number,
    errorCode: number,
    mfa: number,
    raw: () => string | null,
  ): boolean {
    const r = this.insert.run(
      encodeSignInId(id),
      created,
      eventType,
      user,
      upn,
      app,
      appName,
      resource,
      clientApp,
      os,
      browser,
      device,
      deviceName,
      trust,
      compliant,
      ip,
      country,
      errorCode,
      mfa,
    );
    if (r.changes === 0) {
      this.stats.duplicates++;
      return false;
    }
    this.stats.inserted++;
    const data = raw();
    if (data !== null) this.insertRaw.run(r.lastInsertRowid, data);
    if (!this.touched.has(user)) {
      this.touched.add(user);
      this.touch.run(user);
    }
    return true;
  }

  /** Re-derive the touched users' access patterns. Call inside the same transaction, before commit. */
  flush(): void {
    if (this.touched.size > 0) {
      this.sqlite.exec(
        "delete from access_patterns where source = 'signins' and user_id in (select user_id from temp.touched)",
      );
      this.sqlite.exec(RECOMPUTE_PATTERNS);
    }
    this.sqlite.exec("delete from temp.touched");
    this.touched.clear();
  }
}

/** access_patterns columns in the order patternFromRow reads them. */
const PATTERN_COLUMNS =
  "user_id, upn, event_type, app_id, app_name, resource_id, client_app, os, browser, device_id, device_name, trust_type, is_compliant, ip, country, count, success_count, failure_count, interrupt_count, mfa_count, last_error_code, first_seen, last_seen";

type PatternRow = [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number | null,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number | null,
  string,
  string,
];

function patternFromRow(r: PatternRow, str: StringTable): AccessPattern {
  return {
    userId: str.valueOf(r[0]) ?? "",
    userPrincipalName: str.valueOf(r[1]) ?? "",
    signInEventType: str.valueOf(r[2]) as AccessPattern["signInEventType"],
    appId: str.valueOf(r[3]) ?? "",
    appDisplayName: str.valueOf(r[4]),
    resourceId: str.valueOf(r[5]),
    clientAppUsed: str.valueOf(r[6]) ?? "",
    operatingSystem: str.valueOf(r[7]),
    browser: str.valueOf(r[8]),
    deviceId: str.valueOf(r[9]),
    deviceDisplayName: str.valueOf(r[10]),
    trustType: str.valueOf(r[11]),
    isCompliant: r[12] === null ? null : r[12] === 1,
    ipAddress: str.valueOf(r[13]),
    countryOrRegion: str.valueOf(r[14]),
    count: r[15],
    successCount: r[16],
    failureCount: r[17],
    interruptCount: r[18],
    mfaCount: r[19],
    lastErrorCode: r[20],
    firstSeen: r[21],
    lastSeen: r[22],
  };
}

/** sign_ins columns (plus the raw JSON) in the order signInFromRow reads them. */
const SIGN_IN_COLUMNS =
  "s.id, s.created_at, s.event_type, s.user_id, s.upn, s.app_id, s.app_name, s.resource_id, s.client_app, s.os, s.browser, s.device_id, s.device_name, s.trust_type, s.is_compliant, s.ip, s.country, s.error_code, s.mfa, r.data";

type SignInRow = [
  Buffer | string,
  string,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number | null,
  number,
  number,
  number,
  number,
  string | null,
];

/** A sign-in rebuilt from its indexed columns (everything an access pattern groups by). */
function signInFromRow(r: SignInRow, str: StringTable): SignIn {
  const v = (id: number) => str.valueOf(id) ?? undefined;
  const device = {
    deviceId: v(r[11]),
    displayName: v(r[12]),
    operatingSystem: v(r[9]),
    browser: v(r[10]),
    trustType: v(r[13]),
    isCompliant: r[14] === null ? undefined : r[14] === 1,
  };
  const country = v(r[16]);
  return {
    id: decodeSignInId(r[0]),
    createdDateTime: r[1],
    signInEventType: v(r[2]) as SignIn["signInEventType"],
    userId: v(r[3]) ?? "",
    userPrincipalName: v(r[4]) ?? "",
    appId: v(r[5]) ?? "",
    appDisplayName: v(r[6]),
    resourceId: v(r[7]),
    clientAppUsed: v(r[8]) ?? "",
    ipAddress: v(r[15]),
    location: country ? { countryOrRegion: country } : undefined,
    deviceDetail: Object.values(device).some((x) => x !== undefined) ? device : undefined,
    status: { errorCode: r[17] },
    authenticationRequirement: r[18] === 1 ? "multiFactorAuthentication" : undefined,
  };
}

/** Patterns with equal keys (e.g. a direct import next to derived rows) merged into one. */
function mergeByKey(patterns: readonly AccessPattern[]): AccessPattern[] {
  const map = new Map<string, AccessPattern>();
  for (const p of patterns) {
    const k = accessPatternKey(p);
    const old = map.get(k);
    map.set(k, old ? mergePatterns(old, p) : p);
  }
  return [...map.values()];
}

export class WorkspaceStore {
  readonly db: Kysely<Database>;
  private inTransaction = false;
  private readonly strings: StringTable;

  private constructor(
    readonly dir: string,
    readonly file: string,
    readonly sqlite: BetterSqlite3.Database,
  ) {
    this.db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    this.strings = new StringTable(sqlite);
  }

  /**
   * Open the workspace in `dir`. With `create`, make the folder and file when missing. Refuses (without
   * modifying anything) a missing workspace, a file that is not a workspace, or one from a newer Glidepath.
   */
  static open(dir: string, opts: { create?: boolean } = {}): WorkspaceStore {
    const file = join(dir, WORKSPACE_FILE);
    if (!existsSync(file)) {
      if (!opts.create) {
        throw new GlidepathError(
          "workspace.missing",
          `no workspace at ${dir}`,
          "create one with 'glidepath demo', 'glidepath import FILE...' or 'glidepath sync', or point --workspace (or GLIDEPATH_WORKSPACE) at an existing one",
        );
      }
      if (existsSync(dir) && !statSync(dir).isDirectory()) {
        throw new GlidepathError(
          "workspace.not-a-folder",
          `${dir} exists and is not a folder`,
          "choose another --workspace path",
        );
      }
      mkdirSync(dir, { recursive: true });
    }
    let sqlite: BetterSqlite3.Database;
    let version: number;
    try {
      sqlite = new BetterSqlite3(file, { fileMustExist: !opts.create });
      version = sqlite.pragma("user_version", { simple: true }) as number;
      if (version === 0) {
        const tables = sqlite.prepare("select count(*) from sqlite_master").pluck().get() as number;
        if (tables > 0) {
          sqlite.close();
          throw new GlidepathError(
            "workspace.foreign",
            `${file} is an SQLite database but not a Glidepath workspace`,
            "point --workspace at a Glidepath workspace folder, or move this file aside",
          );
        }
      }
    } catch (e) {
      if (e instanceof GlidepathError) throw e;
      throw openError(file, e);
    }
    if (version > SCHEMA_VERSION) {
      sqlite.close();
      throw new GlidepathError(
        "workspace.newer",
        `${file} was written by a newer Glidepath (workspace schema ${version}; this version reads up to ${SCHEMA_VERSION})`,
        "upgrade Glidepath ('npm install glidepath@latest'), or use another --workspace",
      );
    }
    try {
      if (version === 0) {
        // 16 KiB pages: bulk sign-in loads insert about 15% faster and commit about 40% faster than with
        // 4 KiB pages (measured, 1 million rows). Only settable before the first table exists.
        sqlite.pragma("page_size = 16384");
        sqlite.pragma("journal_mode = WAL");
      }
      sqlite.pragma("synchronous = NORMAL");
      sqlite.pragma("foreign_keys = ON");
      sqlite.pragma("cache_size = -262144");
      sqlite.pragma("temp_store = memory");
      if (version < SCHEMA_VERSION) {
        sqlite.transaction(() => {
          for (let v = version; v < SCHEMA_VERSION; v++) {
            const m = MIGRATIONS[v] as Migration;
            sqlite.exec(m.sql);
            m.data?.(sqlite);
          }
          sqlite.pragma(`user_version = ${SCHEMA_VERSION}`);
        })();
      }
    } catch (e) {
      sqlite.close();
      throw openError(file, e);
    }
    return new WorkspaceStore(dir, file, sqlite);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  // ---- transactions -------------------------------------------------------------------------

  /** Run `fn` in one transaction (synchronous work only). */
  transaction<T>(fn: () => T): T {
    try {
      return this.sqlite.transaction(fn)();
    } catch (e) {
      this.strings.forget();
      throw e;
    }
  }

  /**
   * Begin a transaction that spans asynchronous work (streaming imports). Nothing is visible to other
   * readers, and nothing survives a crash, until `commit`.
   */
  begin(): void {
    if (this.inTransaction) throw new Error("transaction already open");
    this.sqlite.exec("begin immediate");
    this.inTransaction = true;
  }

  commit(): void {
    this.sqlite.exec("commit");
    this.inTransaction = false;
  }

  rollback(): void {
    if (this.inTransaction && this.sqlite.inTransaction) this.sqlite.exec("rollback");
    this.inTransaction = false;
    this.strings.forget();
  }

  /** A savepoint inside the open transaction (the importer keeps or drops each file's work). */
  savepoint(name: string): void {
    this.sqlite.exec(`savepoint ${name}`);
  }

  releaseSavepoint(name: string): void {
    this.sqlite.exec(`release ${name}`);
  }

  /** Undo the work since `savepoint(name)` and end that savepoint. */
  rollbackToSavepoint(name: string): void {
    this.sqlite.exec(`rollback to ${name}`);
    this.sqlite.exec(`release ${name}`);
    this.strings.forget();
  }

  /**
   * Use a page cache of `mib` MiB until the returned function is called. A small cache makes a long
   * transaction write its pages as it goes rather than all at commit.
   */
  limitPageCache(mib: number): () => void {
    const before = this.sqlite.pragma("cache_size", { simple: true }) as number;
    this.sqlite.pragma(`cache_size = ${-Math.round(mib * 1024)}`);
    return () => {
      this.sqlite.pragma(`cache_size = ${before}`);
    };
  }

  // ---- writing ------------------------------------------------------------------------------

  /** Start ingesting sign-ins; the caller owns the transaction and calls `flush` before committing. */
  signInIngest(opts?: IngestOptions): SignInIngest {
    return new SignInIngest(this.sqlite, this.strings, opts);
  }

  /**
   * Write the directory state of `snapshot` as a new snapshot row, plus its `signIns` and
   * `accessPatterns` into the workspace-wide tables. Must run inside a transaction (see `saveSnapshot`).
   */
  writeSnapshotRows(snapshot: TenantSnapshot, ingestOpts?: IngestOptions): number {
    const now = new Date().toISOString();
    const meta: SnapshotMeta = snapshot.meta;
    const r = this.sqlite
      .prepare(
        "insert into snapshots (captured_at, source, tenant_id, tenant_name, meta_json, created_at) values (?, ?, ?, ?, ?, ?)",
      )
      .run(meta.capturedAt, meta.source, meta.tenantId, meta.tenantDisplayName, JSON.stringify(meta), now);
    const id = Number(r.lastInsertRowid);
    const ins = this.sqlite.prepare(
      "insert into objects (snapshot_id, collection, seq, object_id, data) values (?, ?, ?, ?, ?)",
    );
    for (const c of OBJECT_COLLECTIONS) {
      const v = snapshot[c] as unknown;
      if (v === null || v === undefined) continue;
      const items = Array.isArray(v) ? v : [v];
      let seq = 0;
      for (const item of items) {
        const oid = (item as { id?: unknown }).id;
        ins.run(id, c, seq++, typeof oid === "string" ? oid : null, JSON.stringify(item));
      }
    }
    if (snapshot.signIns.length > 0) {
      const ingest = this.signInIngest(ingestOpts);
      for (const s of snapshot.signIns) ingest.add(s);
      ingest.flush();
    }
    if (snapshot.accessPatterns.length > 0) {
      // Aggregated data imported as such (no sign-ins behind it): stored as given, merged by key.
      const put = this.sqlite.prepare(
        `insert into access_patterns (${PATTERN_COLUMNS}, source) values (${PATTERN_COLUMNS.split(",")
          .map(() => "?")
          .join(", ")}, 'direct')`,
      );
      const str = this.strings;
      for (const p of mergeByKey(snapshot.accessPatterns)) {
        put.run(
          str.idOf(p.userId),
          str.idOf(p.userPrincipalName),
          str.idOf(p.signInEventType),
          str.idOf(p.appId),
          str.idOf(p.appDisplayName),
          str.idOf(p.resourceId),
          str.idOf(p.clientAppUsed),
          str.idOf(p.operatingSystem),
          str.idOf(p.browser),
          str.idOf(p.deviceId),
          str.idOf(p.deviceDisplayName),
          str.idOf(p.trustType),
          boolInt(p.isCompliant),
          str.idOf(p.ipAddress),
          str.idOf(p.countryOrRegion),
          p.count,
          p.successCount,
          p.failureCount,
          p.interruptCount,
          p.mfaCount,
          p.lastErrorCode,
          p.firstSeen,
          p.lastSeen,
        );
      }
    }
    return id;
  }

  /** Save a whole snapshot atomically; returns its id. */
  saveSnapshot(snapshot: TenantSnapshot, ingestOpts?: IngestOptions): number {
    return this.transaction(() => this.writeSnapshotRows(snapshot, ingestOpts));
  }

  // ---- reading ------------------------------------------------------------------------------

  async listSnapshots(): Promise<SnapshotInfo[]> {
    const rows = await this.db
      .selectFrom("snapshots")
      .select(["id", "captured_at", "source", "tenant_id", "tenant_name"])
      .orderBy("id")
      .execute();
    return rows.map((r) => ({
      id: r.id,
      capturedAt: r.captured_at,
      source: r.source,
      tenantId: r.tenant_id,
      tenantName: r.tenant_name,
    }));
  }

  /** Sign-in totals for the whole workspace (or since an ISO time). */
  async signInStats(since?: string): Promise<{ count: number; from: string | null; to: string | null }> {
    let q = this.db
      .selectFrom("sign_ins")
      .select((eb) => [
        eb.fn.countAll<number>().as("n"),
        eb.fn.min("created_at").as("from"),
        eb.fn.max("created_at").as("to"),
      ]);
    if (since) q = q.where("created_at", ">=", since);
    const r = await q.executeTakeFirstOrThrow();
    return { count: Number(r.n), from: r.from ?? null, to: r.to ?? null };
  }

  /**
   * Load a snapshot (the latest when `id` is omitted) with the workspace's access patterns and, unless
   * told otherwise, its retained raw sign-ins.
   */
  async loadSnapshot(id?: number, opts: LoadOptions = {}): Promise<TenantSnapshot> {
    const snapRow = await (id === undefined
      ? this.db.selectFrom("snapshots").selectAll().orderBy("id", "desc").limit(1)
      : this.db.selectFrom("snapshots").selectAll().where("id", "=", id)
    ).executeTakeFirst();
    if (!snapRow) {
      throw new GlidepathError(
        id === undefined ? "workspace.empty" : "workspace.no-snapshot",
        id === undefined
          ? `the workspace at ${this.dir} holds no tenant snapshot yet`
          : `no snapshot ${id} in ${this.dir}`,
        id === undefined
          ? "fill it with 'glidepath demo', 'glidepath import FILE...' or 'glidepath sync'"
          : "list the snapshots with 'glidepath tenant --snapshots'",
      );
    }
    const meta = JSON.parse(snapRow.meta_json) as SnapshotMeta;
    const out = emptySnapshot(meta) as unknown as Record<string, unknown>;
    const rows = await this.db
      .selectFrom("objects")
      .select(["collection", "data"])
      .where("snapshot_id", "=", snapRow.id)
      .orderBy("collection")
      .orderBy("seq")
      .execute();
    const lists = new Map<string, unknown[]>();
    for (const r of rows) {
      let l = lists.get(r.collection);
      if (!l) lists.set(r.collection, (l = []));
      l.push(JSON.parse(r.data));
    }
    for (const [c, l] of lists) out[c] = SINGLETONS.has(c as CollectionName) ? (l[0] ?? null) : l;

    const patternSql = `select ${PATTERN_COLUMNS} from access_patterns${opts.since ? " where last_seen >= ?" : ""}`;
    const patternRows = this.sqlite
      .prepare(patternSql)
      .raw()
      .all(...(opts.since ? [opts.since] : [])) as PatternRow[];
    if (patternRows.length > 1000) this.strings.preload();
    out.accessPatterns = mergeByKey(patternRows.map((r) => patternFromRow(r, this.strings))).sort((a, b) =>
      a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : a.lastSeen < b.lastSeen ? -1 : 1,
    );

    if ((opts.signIns ?? "retained") === "retained") {
      const raw = this.sqlite
        .prepare(
          `select r.data from sign_in_raw r join sign_ins s on s.seq = r.seq${opts.since ? " where s.created_at >= ?" : ""}
           order by s.created_at, s.id`,
        )
        .pluck()
        .all(...(opts.since ? [opts.since] : [])) as string[];
      out.signIns = raw.map((d) => JSON.parse(d) as SignIn);
    }
    const stats = await this.signInStats(opts.since);
    out.meta = {
      ...meta,
      signInCount: stats.count,
      signInWindow: stats.from && stats.to ? { from: stats.from, to: stats.to } : (meta.signInWindow ?? null),
    };
    return out as unknown as TenantSnapshot;
  }

  /** String ids of `values` that the workspace holds (unknown values cannot match any row). */
  private knownIds(values: readonly string[]): number[] {
    const out: number[] = [];
    for (const v of values) {
      const id = this.strings.existingId(v);
      if (id !== undefined) out.push(id);
    }
    return out;
  }

  /**
   * Ids of the strings that are modern (non-legacy) client apps: '' and the two modern values in any
   * case. A handful, so SQL can test `client_app in (...)` for the same rule as isLegacyClientApp.
   */
  private modernClientAppIds(): number[] {
    const rows = this.sqlite.prepare("select id, value from strings where length(trim(value)) <= 40").raw().all() as [
      number,
      string,
    ][];
    return rows.filter(([, v]) => !isLegacyClientApp(v)).map(([id]) => id);
  }

  /**
   * Stream the access patterns user by user (grouped by user, equal keys merged), so replay over a
   * 100,000-user tenant never holds every pattern at once. `since` keeps patterns seen at or after it.
   */
  *iteratePatterns(
    opts: { since?: string; userIds?: readonly string[]; source?: "signins" | "direct" } = {},
  ): Generator<AccessPattern> {
    if (opts.userIds && opts.userIds.length === 0) return;
    const where: string[] = [];
    const params: unknown[] = [];
    if (opts.source) {
      where.push("source = ?");
      params.push(opts.source);
    }
    if (opts.userIds) {
      const ids = this.knownIds(opts.userIds);
      if (ids.length === 0) return;
      where.push(`user_id in (${ids.join(", ")})`);
    } else {
      this.strings.preload();
    }
    if (opts.since) {
      where.push("last_seen >= ?");
      params.push(opts.since);
    }
    const sql = `select ${PATTERN_COLUMNS} from access_patterns${where.length ? ` where ${where.join(" and ")}` : ""} order by user_id`;
    const rows = this.sqlite
      .prepare(sql)
      .raw()
      .iterate(...params) as Iterable<PatternRow>;
    const str = this.strings;
    // Equal keys exist only beside directly imported aggregates: without those, no merging is needed.
    if (opts.source || !this.sqlite.prepare("select 1 from access_patterns where source = 'direct' limit 1").get()) {
      for (const row of rows) yield patternFromRow(row, str);
      return;
    }
    let user: number | null = null;
    let batch: AccessPattern[] = [];
    for (const row of rows) {
      if (row[0] !== user) {
        yield* mergeByKey(batch);
        batch = [];
        user = row[0];
      }
      batch.push(patternFromRow(row, str));
    }
    yield* mergeByKey(batch);
  }

  /**
   * Every sign-in of the workspace log, oldest first: the retained raw JSON where kept (`raw: true`),
   * otherwise rebuilt from the indexed columns (everything an access pattern groups by).
   */
  *iterateSignIns(
    filter: { readonly userIds?: readonly string[]; readonly legacySuccesses?: boolean } = {},
  ): Generator<{ signIn: SignIn; raw: boolean }> {
    // With a filter, a row is returned when it matches either part: one of the users, or a successful
    // legacy-protocol sign-in (isLegacyClientApp's rule, through the ids of the modern client apps).
    const parts: string[] = [];
    if (filter.legacySuccesses) {
      parts.push(`(s.error_code = 0 and s.client_app not in (${[0, ...this.modernClientAppIds()].join(", ")}))`);
    }
    if (filter.userIds && filter.userIds.length > 0) {
      const ids = this.knownIds(filter.userIds);
      if (ids.length > 0) parts.push(`s.user_id in (${ids.join(", ")})`);
    }
    const filtered = filter.legacySuccesses !== undefined || filter.userIds !== undefined;
    if (filtered && parts.length === 0) return;
    if (!filtered) this.strings.preload();
    const rows = this.sqlite
      .prepare(
        `select ${SIGN_IN_COLUMNS} from sign_ins s left join sign_in_raw r on r.seq = s.seq
         ${parts.length > 0 ? ` where ${parts.join(" or ")}` : ""} order by s.created_at, s.id`,
      )
      .raw()
      .iterate() as IterableIterator<SignInRow>;
    for (const r of rows) {
      const data = r[19];
      if (data) yield { signIn: JSON.parse(data) as SignIn, raw: true };
      else yield { signIn: signInFromRow(r, this.strings), raw: false };
    }
  }

  /** The newest sign-in time in the workspace log, or null when it is empty. */
  newestSignInTime(): string | null {
    return (this.sqlite.prepare("select max(created_at) from sign_ins").pluck().get() as string | null) ?? null;
  }

  /** Number of access pattern rows (derived and direct). */
  patternCount(): number {
    return this.sqlite.prepare("select count(*) from access_patterns").pluck().get() as number;
  }

  /**
   * Drop the raw JSON of successful modern-protocol sign-ins in [from, before): rows kept before the
   * newest time of an import was known. Returns how many were dropped.
   */
  pruneRawSignIns(from: string, before: string): number {
    return this.sqlite
      .prepare(
        `delete from sign_in_raw where seq in (select seq from sign_ins where error_code = 0 and created_at >= ?
          and created_at < ? and client_app in (${[-1, ...this.modernClientAppIds()].join(", ")}))`,
      )
      .run(from, before).changes;
  }

  /**
   * Rewrite the retained raw JSON of sign-in `id` with `update` (which returns null to leave it).
   * Returns false when the workspace has no raw row for that id.
   */
  updateRetainedSignIn(id: string, update: (s: SignIn) => SignIn | null): boolean {
    const row = this.sqlite
      .prepare("select r.seq, r.data from sign_in_raw r join sign_ins s on s.seq = r.seq where s.id = ?")
      .raw()
      .get(encodeSignInId(id)) as [number, string] | undefined;
    if (!row) return false;
    const next = update(JSON.parse(row[1]) as SignIn);
    if (next) this.sqlite.prepare("update sign_in_raw set data = ? where seq = ?").run(compactJson(next), row[0]);
    return true;
  }

  /** Remove the directly imported aggregates of these users (a re-import replaces them). */
  deleteDirectPatterns(userIds: Iterable<string>): void {
    const del = this.sqlite.prepare("delete from access_patterns where source = 'direct' and user_id = ?");
    for (const u of userIds) {
      const id = this.strings.existingId(u);
      if (id !== undefined) del.run(id);
    }
  }

  // ---- settings and journal -----------------------------------------------------------------

  async getConfig<T>(key: string): Promise<T | undefined> {
    const r = await this.db.selectFrom("config").select("value").where("key", "=", key).executeTakeFirst();
    return r ? (JSON.parse(r.value) as T) : undefined;
  }

  async setConfig(key: string, value: unknown): Promise<void> {
    const v = JSON.stringify(value);
    await this.db
      .insertInto("config")
      .values({ key, value: v, updated_at: new Date().toISOString() })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: v, updated_at: new Date().toISOString() }))
      .execute();
  }

  async appendJournal(action: string, detail: unknown, actor?: string): Promise<void> {
    await this.db
      .insertInto("journal")
      .values({ at: new Date().toISOString(), actor: actor ?? null, action, detail: JSON.stringify(detail) })
      .execute();
  }

  async journal(): Promise<{ seq: number; at: string; actor: string | null; action: string; detail: unknown }[]> {
    const rows = await this.db.selectFrom("journal").selectAll().orderBy("seq").execute();
    return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) }));
  }
}
