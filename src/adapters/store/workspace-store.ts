// The workspace: one SQLite file (better-sqlite3) holding tenant snapshots, the sign-in log, access
// patterns, settings and the append-only journal. Reads go through Kysely's typed queries so a
// PostgreSQL dialect can follow; bulk ingestion uses prepared better-sqlite3 statements directly,
// because per-row query building costs more than the insert itself at millions of rows.

import { existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, type Selectable, SqliteDialect } from "kysely";
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
import { MIGRATIONS, SCHEMA_VERSION } from "./migrations.js";
import type { AccessPatternsTable, Database, SignInsTable } from "./schema.js";

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

/** JSON without null members: raw sign-ins are kept for months, and most optional fields are null. */
function compactJson(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (x === null ? undefined : x));
}

const boolInt = (b: boolean | null | undefined): number | null => (b === null || b === undefined ? null : b ? 1 : 0);

/** The columns an access pattern groups by; NULLs group together, as in core's patternKeyOf. */
const PATTERN_KEY = [
  "user_id",
  "event_type",
  "app_id",
  "resource_id",
  "client_app_used",
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

/**
 * Accumulates sign-ins inside an open transaction; `flush` re-derives the access patterns of every user
 * it touched. Memory holds only the set of touched user ids, whatever the number of sign-ins.
 */
export class SignInIngest {
  private readonly insert: BetterSqlite3.Statement;
  private readonly touch: BetterSqlite3.Statement;
  private readonly touched = new Set<string>();
  readonly stats: IngestStats = { inserted: 0, duplicates: 0 };

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly opts: IngestOptions = {},
  ) {
    sqlite.exec("create temp table if not exists touched (user_id text primary key)");
    this.touch = sqlite.prepare("insert or ignore into temp.touched (user_id) values (?)");
    this.insert = sqlite.prepare(
      `insert or ignore into sign_ins (id, created_at, event_type, user_id, upn, app_id, app_name, resource_id,
        client_app_used, os, browser, device_id, device_name, trust_type, is_compliant, ip, country, error_code, mfa, data)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /** Add one sign-in; a sign-in id seen before (in this or an earlier ingestion) is counted as duplicate. */
  add(s: SignIn): boolean {
    const keep =
      this.opts.keepRawSince === undefined ||
      s.status.errorCode !== 0 ||
      isLegacyClientApp(s.clientAppUsed) ||
      s.createdDateTime >= this.opts.keepRawSince;
    const d = s.deviceDetail;
    const r = this.insert.run(
      s.id,
      s.createdDateTime,
      s.signInEventType,
      s.userId,
      s.userPrincipalName,
      s.appId,
      s.appDisplayName ?? null,
      s.resourceId ?? null,
      s.clientAppUsed,
      d?.operatingSystem ?? null,
      d?.browser ?? null,
      d?.deviceId ?? null,
      d?.displayName ?? null,
      d?.trustType ?? null,
      boolInt(d?.isCompliant),
      s.ipAddress ?? null,
      s.location?.countryOrRegion ?? null,
      s.status.errorCode,
      s.authenticationRequirement === "multiFactorAuthentication" ? 1 : 0,
      keep ? compactJson(s) : null,
    );
    if (r.changes === 0) {
      this.stats.duplicates++;
      return false;
    }
    this.stats.inserted++;
    if (!this.touched.has(s.userId)) {
      this.touched.add(s.userId);
      this.touch.run(s.userId);
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

const PATTERN_COLUMNS =
  "user_id, upn, event_type, app_id, app_name, resource_id, client_app_used, os, browser, device_id, device_name, trust_type, is_compliant, ip, country, count, success_count, failure_count, interrupt_count, mfa_count, last_error_code, first_seen, last_seen";

/** A row of access_patterns as selected with PATTERN_COLUMNS. */
type PatternRow = Omit<Selectable<AccessPatternsTable>, "source">;

/** A row of sign_ins as selected by iterateSignIns. */
type SignInRow = Omit<Selectable<SignInsTable>, "seq">;

function patternFromRow(r: PatternRow): AccessPattern {
  return {
    userId: r.user_id,
    userPrincipalName: r.upn,
    signInEventType: r.event_type as AccessPattern["signInEventType"],
    appId: r.app_id,
    appDisplayName: r.app_name,
    resourceId: r.resource_id,
    clientAppUsed: r.client_app_used,
    operatingSystem: r.os,
    browser: r.browser,
    deviceId: r.device_id,
    deviceDisplayName: r.device_name,
    trustType: r.trust_type,
    isCompliant: r.is_compliant === null ? null : r.is_compliant === 1,
    ipAddress: r.ip,
    countryOrRegion: r.country,
    count: r.count,
    successCount: r.success_count,
    failureCount: r.failure_count,
    interruptCount: r.interrupt_count,
    mfaCount: r.mfa_count,
    lastErrorCode: r.last_error_code,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
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

  private constructor(
    readonly dir: string,
    readonly file: string,
    readonly sqlite: BetterSqlite3.Database,
  ) {
    this.db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
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
      if (version === 0) sqlite.pragma("journal_mode = WAL");
      sqlite.pragma("synchronous = NORMAL");
      sqlite.pragma("foreign_keys = ON");
      sqlite.pragma("cache_size = -262144");
      sqlite.pragma("temp_store = memory");
      if (version < SCHEMA_VERSION) {
        sqlite.transaction(() => {
          for (let v = version; v < SCHEMA_VERSION; v++) sqlite.exec(MIGRATIONS[v] as string);
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
    return this.sqlite.transaction(fn)();
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
  }

  // ---- writing ------------------------------------------------------------------------------

  /** Start ingesting sign-ins; the caller owns the transaction and calls `flush` before committing. */
  signInIngest(opts?: IngestOptions): SignInIngest {
    return new SignInIngest(this.sqlite, opts);
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
      for (const p of mergeByKey(snapshot.accessPatterns)) {
        put.run(
          p.userId,
          p.userPrincipalName,
          p.signInEventType,
          p.appId,
          p.appDisplayName,
          p.resourceId,
          p.clientAppUsed,
          p.operatingSystem,
          p.browser,
          p.deviceId,
          p.deviceDisplayName,
          p.trustType,
          boolInt(p.isCompliant),
          p.ipAddress,
          p.countryOrRegion,
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
    const patternRows = this.sqlite.prepare(patternSql).all(...(opts.since ? [opts.since] : [])) as PatternRow[];
    out.accessPatterns = mergeByKey(patternRows.map(patternFromRow)).sort((a, b) =>
      a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : a.lastSeen < b.lastSeen ? -1 : 1,
    );

    if ((opts.signIns ?? "retained") === "retained") {
      let sq = this.db
        .selectFrom("sign_ins")
        .select("data")
        .where("data", "is not", null)
        .orderBy("created_at")
        .orderBy("id");
      if (opts.since) sq = sq.where("created_at", ">=", opts.since);
      out.signIns = (await sq.execute()).map((r) => JSON.parse(r.data as string) as SignIn);
    }
    const stats = await this.signInStats(opts.since);
    out.meta = {
      ...meta,
      signInCount: stats.count,
      signInWindow: stats.from && stats.to ? { from: stats.from, to: stats.to } : (meta.signInWindow ?? null),
    };
    return out as unknown as TenantSnapshot;
  }

  /**
   * Stream the access patterns user by user (ordered by user id; equal keys merged), so replay over a
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
      where.push(`user_id in (${opts.userIds.map(() => "?").join(", ")})`);
      params.push(...opts.userIds);
    }
    if (opts.since) {
      where.push("last_seen >= ?");
      params.push(opts.since);
    }
    const sql = `select ${PATTERN_COLUMNS} from access_patterns${where.length ? ` where ${where.join(" and ")}` : ""} order by user_id`;
    const rows = this.sqlite.prepare(sql).iterate(...params) as Iterable<PatternRow>;
    // Equal keys exist only beside directly imported aggregates: without those, no merging is needed.
    if (opts.source || !this.sqlite.prepare("select 1 from access_patterns where source = 'direct' limit 1").get()) {
      for (const row of rows) yield patternFromRow(row);
      return;
    }
    let user: string | null = null;
    let batch: AccessPattern[] = [];
    for (const row of rows) {
      if (row.user_id !== user) {
        yield* mergeByKey(batch);
        batch = [];
        user = row.user_id;
      }
      batch.push(patternFromRow(row));
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
    // legacy-protocol sign-in (the same rule as isLegacyClientApp, in SQL).
    const parts: string[] = [];
    const params: string[] = [];
    if (filter.legacySuccesses) {
      parts.push(
        "(error_code = 0 and lower(trim(client_app_used)) not in ('browser', 'mobile apps and desktop clients'))",
      );
    }
    if (filter.userIds && filter.userIds.length > 0) {
      parts.push(`user_id in (${filter.userIds.map(() => "?").join(", ")})`);
      params.push(...filter.userIds);
    }
    const filtered = filter.legacySuccesses !== undefined || filter.userIds !== undefined;
    if (filtered && parts.length === 0) return;
    const rows = this.sqlite
      .prepare(
        `select id, created_at, event_type, user_id, upn, app_id, app_name, resource_id, client_app_used, os, browser,
          device_id, device_name, trust_type, is_compliant, ip, country, error_code, mfa, data
         from sign_ins${parts.length > 0 ? ` where ${parts.join(" or ")}` : ""} order by created_at, id`,
      )
      .iterate(...params) as IterableIterator<SignInRow>;
    for (const r of rows) {
      if (r.data) {
        yield { signIn: JSON.parse(r.data) as SignIn, raw: true };
        continue;
      }
      const device = {
        deviceId: r.device_id ?? undefined,
        displayName: r.device_name ?? undefined,
        operatingSystem: r.os ?? undefined,
        browser: r.browser ?? undefined,
        trustType: r.trust_type ?? undefined,
        isCompliant: r.is_compliant === null ? undefined : r.is_compliant === 1,
      };
      const signIn: SignIn = {
        id: r.id,
        createdDateTime: r.created_at,
        signInEventType: r.event_type as SignIn["signInEventType"],
        userId: r.user_id,
        userPrincipalName: r.upn,
        appId: r.app_id,
        appDisplayName: r.app_name ?? undefined,
        resourceId: r.resource_id ?? undefined,
        clientAppUsed: r.client_app_used,
        ipAddress: r.ip ?? undefined,
        location: r.country ? { countryOrRegion: r.country } : undefined,
        deviceDetail: Object.values(device).some((v) => v !== undefined) ? device : undefined,
        status: { errorCode: r.error_code },
        authenticationRequirement: r.mfa === 1 ? "multiFactorAuthentication" : undefined,
      };
      yield { signIn, raw: false };
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
