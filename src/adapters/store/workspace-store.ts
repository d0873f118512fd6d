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
  addToPattern,
  COLLECTIONS,
  type CollectionName,
  emptySnapshot,
  GlidepathError,
  isLegacyClientApp,
  mergePatterns,
  patternKeyOf,
  patternOf,
  type SignIn,
  type SnapshotMeta,
  type TenantSnapshot,
} from "../../core/model/index.js";
import { MIGRATIONS, SCHEMA_VERSION } from "./migrations.js";
import type { Database } from "./schema.js";

export const WORKSPACE_FILE = "glidepath.sqlite";

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

/** Accumulates sign-ins inside an open transaction; `flush` merges the patterns into the table. */
export class SignInIngest {
  private readonly patterns = new Map<string, AccessPattern>();
  private readonly insert: BetterSqlite3.Statement;
  readonly stats: IngestStats = { inserted: 0, duplicates: 0 };

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly opts: IngestOptions = {},
  ) {
    this.insert = sqlite.prepare(
      "insert or ignore into sign_ins (id, created_at, event_type, user_id, app_id, client_app_used, error_code, data) values (?, ?, ?, ?, ?, ?, ?, ?)",
    );
  }

  /** Add one sign-in; a sign-in id seen before (in this or an earlier ingestion) is counted as duplicate. */
  add(s: SignIn): boolean {
    const keep =
      this.opts.keepRawSince === undefined ||
      s.status.errorCode !== 0 ||
      isLegacyClientApp(s.clientAppUsed) ||
      s.createdDateTime >= this.opts.keepRawSince;
    const r = this.insert.run(
      s.id,
      s.createdDateTime,
      s.signInEventType,
      s.userId,
      s.appId,
      s.clientAppUsed,
      s.status.errorCode,
      keep ? JSON.stringify(s) : null,
    );
    if (r.changes === 0) {
      this.stats.duplicates++;
      return false;
    }
    this.stats.inserted++;
    const k = patternKeyOf(s);
    const p = this.patterns.get(k);
    if (p) addToPattern(p, s);
    else this.patterns.set(k, patternOf(s));
    return true;
  }

  /** Merge the accumulated patterns with those already stored. Call inside the same transaction. */
  flush(): void {
    upsertPatterns(this.sqlite, this.patterns);
    this.patterns.clear();
  }
}

/** Merge patterns (by key) into the access_patterns table, adding counts to rows that exist. */
function upsertPatterns(sqlite: BetterSqlite3.Database, patterns: Iterable<[string, AccessPattern]>): void {
  const get = sqlite.prepare("select data from access_patterns where key = ?").pluck();
  const put = sqlite.prepare(
    "insert into access_patterns (key, user_id, data, last_seen) values (?, ?, ?, ?) on conflict(key) do update set data = excluded.data, last_seen = excluded.last_seen",
  );
  for (const [k, p] of patterns) {
    const old = get.get(k) as string | undefined;
    const merged = old ? mergePatterns(JSON.parse(old) as AccessPattern, p) : p;
    put.run(k, merged.userId, JSON.stringify(merged), merged.lastSeen);
  }
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
      sqlite.pragma("cache_size = -65536");
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
      upsertPatterns(
        this.sqlite,
        snapshot.accessPatterns.map((p) => [accessPatternKey(p), p]),
      );
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

    let pq = this.db.selectFrom("access_patterns").select("data").orderBy("key");
    if (opts.since) pq = pq.where("last_seen", ">=", opts.since);
    out.accessPatterns = (await pq.execute()).map((r) => JSON.parse(r.data) as AccessPattern);

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
