// Tenant snapshots in the workspace: the directory and configuration as JSON objects per snapshot, written
// in one go and loaded back with the workspace-wide access patterns and retained sign-ins.

import {
  COLLECTIONS,
  type CollectionName,
  emptySnapshot,
  GlidepathError,
  type SignIn,
  type SnapshotMeta,
  type TenantSnapshot,
} from "../../core/model/index.js";
import { insertDirectPatterns, mergeByKey, PATTERN_COLUMNS, type PatternRow, patternFromRow } from "./pattern-rows.js";
import type { SignInLog } from "./sign-in-log.js";
import type { StoreContext } from "./store-context.js";

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
  /**
   * Whether to load the access patterns (default all). "none" loads the directory and configuration
   * only (patterns can be gigabytes; callers that need them stream them), and its meta counts no
   * sign-ins: ask `signInStats` for the log's totals.
   */
  readonly patterns?: "all" | "none";
  /** Only sign-ins and patterns seen at or after this ISO time. */
  readonly since?: string;
}

/** The snapshots table and each snapshot's objects. */
export class Snapshots {
  constructor(
    private readonly ctx: StoreContext,
    private readonly log: SignInLog,
  ) {}

  /**
   * Write the directory state of `snapshot` as a new snapshot row, plus its `signIns` (through `ingest`)
   * and `accessPatterns` into the workspace-wide tables. Runs inside the caller's transaction.
   */
  write(snapshot: TenantSnapshot, addSignIns: (signIns: readonly SignIn[]) => void): number {
    const { sqlite } = this.ctx;
    const now = new Date().toISOString();
    const meta: SnapshotMeta = snapshot.meta;
    const r = sqlite
      .prepare(
        "insert into snapshots (captured_at, source, tenant_id, tenant_name, meta_json, created_at) values (?, ?, ?, ?, ?, ?)",
      )
      .run(meta.capturedAt, meta.source, meta.tenantId, meta.tenantDisplayName, JSON.stringify(meta), now);
    const id = Number(r.lastInsertRowid);
    const ins = sqlite.prepare(
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
    if (snapshot.signIns.length > 0) addSignIns(snapshot.signIns);
    // Aggregated data imported as such (no sign-ins behind it): stored as given, merged by key.
    if (snapshot.accessPatterns.length > 0) insertDirectPatterns(sqlite, this.ctx.strings, snapshot.accessPatterns);
    return id;
  }

  async list(): Promise<SnapshotInfo[]> {
    const rows = await this.ctx.db
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

  /**
   * Load a snapshot (the latest when `id` is omitted) with the workspace's access patterns and, unless
   * told otherwise, its retained raw sign-ins.
   */
  async load(id?: number, opts: LoadOptions = {}): Promise<TenantSnapshot> {
    const { db, sqlite, strings, dir } = this.ctx;
    const snapRow = await (id === undefined
      ? db.selectFrom("snapshots").selectAll().orderBy("id", "desc").limit(1)
      : db.selectFrom("snapshots").selectAll().where("id", "=", id)
    ).executeTakeFirst();
    if (!snapRow) {
      throw new GlidepathError(
        id === undefined ? "workspace.empty" : "workspace.no-snapshot",
        id === undefined ? `the workspace at ${dir} holds no tenant snapshot yet` : `no snapshot ${id} in ${dir}`,
        id === undefined
          ? "fill it with 'glidepath demo', 'glidepath import FILE...' or 'glidepath sync'"
          : "list the snapshots with 'glidepath tenant --snapshots'",
      );
    }
    const meta = JSON.parse(snapRow.meta_json) as SnapshotMeta;
    const out = emptySnapshot(meta) as unknown as Record<string, unknown>;
    const rows = await db
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

    const directoryOnly = opts.patterns === "none";
    if (!directoryOnly) {
      const patternSql = `select ${PATTERN_COLUMNS} from access_patterns${opts.since ? " where last_seen >= ?" : ""}`;
      const patternRows = sqlite
        .prepare(patternSql)
        .raw()
        .all(...(opts.since ? [opts.since] : [])) as PatternRow[];
      if (patternRows.length > 1000) strings.preload();
      out.accessPatterns = mergeByKey(patternRows.map((r) => patternFromRow(r, strings))).sort((a, b) =>
        a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : a.lastSeen < b.lastSeen ? -1 : 1,
      );
    }
    if ((opts.signIns ?? "retained") === "retained") out.signIns = this.log.retained(opts.since);
    const stats = directoryOnly ? { count: 0, from: null, to: null } : await this.log.stats(opts.since);
    out.meta = {
      ...meta,
      signInCount: stats.count,
      signInWindow: stats.from && stats.to ? { from: stats.from, to: stats.to } : (meta.signInWindow ?? null),
    };
    return out as unknown as TenantSnapshot;
  }
}
