// The workspace: one SQLite file (better-sqlite3) holding tenant snapshots, the sign-in log, access
// patterns, settings and the append-only journal. This facade owns the connection, its pragmas and
// its transactions; the parts behind it are open.ts, sign-in-ingest.ts, snapshots.ts, sign-in-log.ts
// and settings.ts. Reads go through Kysely's typed queries so a PostgreSQL dialect can follow; bulk
// ingestion uses prepared better-sqlite3 statements directly, because per-row query building costs more
// than the insert itself at millions of rows.

import type BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { AccessPattern, SignIn, TenantSnapshot } from "../../core/model/index.js";
import { openWorkspaceDatabase, workspaceError } from "./open.js";
import type { Database } from "./schema.js";
import { type JournalEntry, Settings } from "./settings.js";
import { type IngestOptions, SignInIngest } from "./sign-in-ingest.js";
import { SignInLog } from "./sign-in-log.js";
import { type LoadOptions, type SnapshotInfo, Snapshots } from "./snapshots.js";
import type { StoreContext } from "./store-context.js";
import { StringTable } from "./strings.js";

/**
 * Days of successful, modern-protocol sign-ins whose raw JSON the workspace keeps, counted back from the
 * newest sign-in (failures and legacy protocols are always kept). Three days cover the 48-hour watch
 * after enforcement and the 72-hour validation window; older successes live on in the access patterns.
 */
export const RAW_SIGN_IN_DAYS = 3;

/** How a long write transaction is tuned (see `beginBulk`). */
export interface BulkWriteOptions {
  /**
   * Page cache in MiB for the transaction. A small cache makes a long transaction write its pages as it
   * goes rather than all at commit.
   */
  readonly pageCacheMiB: number;
  /** Spill temporary data (sorts, savepoint journals) to temp files instead of memory. */
  readonly tempToFile?: boolean;
}

/** A long write transaction begun by `beginBulk`: commit or roll back, which also restores the pragmas. */
export interface BulkWrite {
  commit(): void;
  rollback(): void;
}

/** One open workspace. The connection is private: every query lives in adapters/store. */
export class WorkspaceStore {
  readonly #sqlite: BetterSqlite3.Database;
  readonly #db: Kysely<Database>;
  readonly #strings: StringTable;
  readonly #snapshots: Snapshots;
  readonly #log: SignInLog;
  readonly #settings: Settings;
  #inTransaction = false;

  private constructor(
    readonly dir: string,
    readonly file: string,
    sqlite: BetterSqlite3.Database,
  ) {
    this.#sqlite = sqlite;
    this.#db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    this.#strings = new StringTable(sqlite);
    const ctx: StoreContext = { dir, sqlite, db: this.#db, strings: this.#strings };
    this.#log = new SignInLog(ctx);
    this.#snapshots = new Snapshots(ctx, this.#log);
    this.#settings = new Settings(ctx);
  }

  /**
   * Open the workspace in `dir`. With `create`, make the folder and file when missing. Refuses (without
   * modifying anything) a missing workspace, a file that is not a workspace, or one from a newer Glidepath.
   */
  static open(dir: string, opts: { create?: boolean; readonly?: boolean } = {}): WorkspaceStore {
    const { file, sqlite } = openWorkspaceDatabase(dir, opts);
    return new WorkspaceStore(dir, file, sqlite);
  }

  /** Run `fn`, turning SQLite's read-only, busy and damage errors into the documented one-line errors. */
  #guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      throw workspaceError(this.file, e, this.#sqlite);
    }
  }

  async #guardAsync<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw workspaceError(this.file, e, this.#sqlite);
    }
  }

  *#guardIter<T>(it: () => Iterator<T>): Generator<T> {
    const iterator = this.#guard(it);
    for (;;) {
      const r = this.#guard(() => iterator.next());
      if (r.done) return;
      yield r.value;
    }
  }

  async close(): Promise<void> {
    await this.#db.destroy();
  }

  /** Close the connection synchronously (scripts and tests that do not await; the store is unusable after). */
  closeNow(): void {
    this.#sqlite.close();
  }

  // ---- transactions and pragmas -------------------------------------------------------------

  /** Run `fn` in one transaction (synchronous work only). */
  transaction<T>(fn: () => T): T {
    try {
      return this.#sqlite.transaction(fn)();
    } catch (e) {
      this.#strings.forget();
      throw workspaceError(this.file, e, this.#sqlite);
    }
  }

  /**
   * Begin a transaction that spans asynchronous work (streaming imports). Nothing is visible to other
   * readers, and nothing survives a crash, until `commit`. INVARIANT: `begin immediate` takes the
   * workspace's write lock: a second writer waits WRITE_LOCK_WAIT_MS for it, then refuses
   * (workspace.busy); a writer reads what it builds on (the latest snapshot) only after this.
   */
  begin(): void {
    if (this.#inTransaction) throw new Error("transaction already open");
    this.#guard(() => this.#sqlite.exec("begin immediate"));
    this.#inTransaction = true;
  }

  commit(): void {
    this.#guard(() => this.#sqlite.exec("commit"));
    this.#inTransaction = false;
  }

  rollback(): void {
    if (this.#inTransaction && this.#sqlite.inTransaction) this.#sqlite.exec("rollback");
    this.#inTransaction = false;
    this.#strings.forget();
  }

  /**
   * Begin a long write transaction (import, sync) with the connection tuned for it; the pragmas are
   * restored when it commits or rolls back.
   */
  beginBulk(opts: BulkWriteOptions): BulkWrite {
    const sqlite = this.#sqlite;
    // (Changing temp_store drops temp tables: done before the transaction, none hold data then.)
    const tempStore = opts.tempToFile ? (sqlite.pragma("temp_store", { simple: true }) as number) : null;
    if (opts.tempToFile) sqlite.pragma("temp_store = file");
    const cacheBefore = sqlite.pragma("cache_size", { simple: true }) as number;
    sqlite.pragma(`cache_size = ${-Math.round(opts.pageCacheMiB * 1024)}`);
    const restore = () => {
      try {
        if (tempStore !== null) sqlite.pragma(`temp_store = ${tempStore}`);
        sqlite.pragma(`cache_size = ${cacheBefore}`);
      } catch {
        // still inside a failed transaction: the connection is closed by the caller anyway
      }
    };
    try {
      this.begin();
    } catch (e) {
      restore();
      throw e;
    }
    return {
      commit: () => {
        this.commit();
        restore();
      },
      rollback: () => {
        this.rollback();
        restore();
      },
    };
  }

  /** A savepoint inside the open transaction (the importer keeps or drops each file's work). */
  savepoint(name: string): void {
    this.#sqlite.exec(`savepoint ${name}`);
  }

  releaseSavepoint(name: string): void {
    this.#sqlite.exec(`release ${name}`);
  }

  /** Undo the work since `savepoint(name)` and end that savepoint. */
  rollbackToSavepoint(name: string): void {
    this.#sqlite.exec(`rollback to ${name}`);
    this.#sqlite.exec(`release ${name}`);
    this.#strings.forget();
  }

  // ---- writing ------------------------------------------------------------------------------

  /** Start ingesting sign-ins; the caller owns the transaction and calls `flush` before committing. */
  signInIngest(opts?: IngestOptions): SignInIngest {
    return new SignInIngest(this.#sqlite, this.#strings, opts);
  }

  /**
   * Write the directory state of `snapshot` as a new snapshot row, plus its `signIns` and
   * `accessPatterns` into the workspace-wide tables. Must run inside a transaction (see `saveSnapshot`).
   */
  writeSnapshotRows(snapshot: TenantSnapshot, ingestOpts?: IngestOptions): number {
    return this.#snapshots.write(snapshot, (signIns) => {
      const ingest = this.signInIngest(ingestOpts);
      for (const s of signIns) ingest.add(s);
      ingest.flush();
    });
  }

  /**
   * Write `snapshot` and stream `signIns` through the ingest in one transaction (memory does not grow
   * with the sign-in count). Returns the sign-ins read.
   */
  writeTenant(
    snapshot: TenantSnapshot,
    signIns: Iterable<SignIn>,
    opts: { readonly keepRawSince?: string; readonly onProgress?: (done: number) => void } = {},
  ): number {
    return this.transaction(() => {
      this.writeSnapshotRows(snapshot);
      const ingest = this.signInIngest(opts.keepRawSince === undefined ? {} : { keepRawSince: opts.keepRawSince });
      let n = 0;
      for (const s of signIns) {
        ingest.add(s);
        if (++n % 50_000 === 0) opts.onProgress?.(n);
      }
      ingest.flush();
      return n;
    });
  }

  /** Save a whole snapshot atomically; returns its id. */
  saveSnapshot(snapshot: TenantSnapshot, ingestOpts?: IngestOptions): number {
    return this.transaction(() => this.writeSnapshotRows(snapshot, ingestOpts));
  }

  /**
   * Drop the raw JSON of successful modern-protocol sign-ins in [from, before): rows kept before the
   * newest time of an import was known. Returns how many were dropped.
   */
  pruneRawSignIns(from: string, before: string): number {
    return this.#log.pruneRaw(from, before);
  }

  /**
   * Rewrite the retained raw JSON of sign-in `id` with `update` (which returns null to leave it).
   * Returns false when the workspace has no raw row for that id.
   */
  updateRetainedSignIn(id: string, update: (s: SignIn) => SignIn | null): boolean {
    return this.#log.updateRetained(id, update);
  }

  /** Remove the directly imported aggregates of these users (a re-import replaces them). */
  deleteDirectPatterns(userIds: Iterable<string>): void {
    this.#log.deleteDirectPatterns(userIds);
  }

  // ---- reading ------------------------------------------------------------------------------

  listSnapshots(): Promise<SnapshotInfo[]> {
    return this.#guardAsync(() => this.#snapshots.list());
  }

  /** Sign-in totals for the whole workspace (or since an ISO time). */
  signInStats(since?: string): Promise<{ count: number; from: string | null; to: string | null }> {
    return this.#guardAsync(() => this.#log.stats(since));
  }

  /**
   * Load a snapshot (the latest when `id` is omitted) with the workspace's access patterns and, unless
   * told otherwise, its retained raw sign-ins.
   */
  loadSnapshot(id?: number, opts: LoadOptions = {}): Promise<TenantSnapshot> {
    return this.#guardAsync(() => this.#snapshots.load(id, opts));
  }

  /**
   * Stream the access patterns user by user (grouped by user, equal keys merged), so replay over a
   * 100,000-user tenant never holds every pattern at once. `since` keeps patterns seen at or after it.
   */
  iteratePatterns(
    opts: { since?: string; userIds?: readonly string[]; source?: "signins" | "direct" } = {},
  ): Generator<AccessPattern> {
    return this.#guardIter(() => this.#log.patterns(opts));
  }

  /**
   * Every sign-in of the workspace log, oldest first: the retained raw JSON where kept (`raw: true`),
   * otherwise rebuilt from the indexed columns (everything an access pattern groups by).
   */
  iterateSignIns(
    filter: { readonly userIds?: readonly string[]; readonly legacySuccesses?: boolean } = {},
  ): Generator<{ signIn: SignIn; raw: boolean }> {
    return this.#guardIter(() => this.#log.signIns(filter));
  }

  /** The newest sign-in time in the workspace log, or null when it is empty. */
  newestSignInTime(): string | null {
    return this.#guard(() => this.#log.newestTime());
  }

  /** Number of access pattern rows (derived and direct). */
  patternCount(): number {
    return this.#guard(() => this.#log.patternCount());
  }

  // ---- settings and journal -----------------------------------------------------------------

  getConfig<T>(key: string): Promise<T | undefined> {
    return this.#guardAsync(() => this.#settings.get<T>(key));
  }

  setConfig(key: string, value: unknown): Promise<void> {
    return this.#guardAsync(() => this.#settings.set(key, value));
  }

  /** Set several settings inside the open transaction (committed, or rolled back, with it). */
  setConfigInTransaction(values: Readonly<Record<string, unknown>>): void {
    this.#settings.setNow(values);
  }

  appendJournal(action: string, detail: unknown, actor?: string): Promise<void> {
    return this.#guardAsync(() => this.#settings.appendJournal(action, detail, actor));
  }

  journal(): Promise<JournalEntry[]> {
    return this.#guardAsync(() => this.#settings.journal());
  }
}
