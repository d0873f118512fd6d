// The ports app/ asks of a workspace: a reader (snapshots, the sign-in log, settings) and a writer that
// owns its transactions (settings, journal, a whole tenant in one go). WorkspaceStore implements both;
// use cases depend on these, not on the store's internals.

import type { JournalEntry, LoadOptions, SnapshotInfo } from "../adapters/store/index.js";
import type { AccessPattern, SignIn, TenantSnapshot } from "../core/model/index.js";

/** Reading a workspace. */
export interface WorkspaceReader {
  /** A snapshot (the latest when `id` is omitted) with the access patterns and retained sign-ins `opts` ask for. */
  loadSnapshot(id?: number, opts?: LoadOptions): Promise<TenantSnapshot>;
  listSnapshots(): Promise<SnapshotInfo[]>;
  /** Sign-in totals for the whole log (or since an ISO time). */
  signInStats(since?: string): Promise<{ count: number; from: string | null; to: string | null }>;
  /** The access patterns user by user (equal keys merged), optionally filtered. */
  iteratePatterns(opts?: {
    since?: string;
    userIds?: readonly string[];
    source?: "signins" | "direct";
  }): Iterable<AccessPattern>;
  /** The sign-in log oldest first: retained raw JSON where kept, else rebuilt from the indexed columns. */
  iterateSignIns(filter?: {
    readonly userIds?: readonly string[];
    readonly legacySuccesses?: boolean;
  }): Iterable<{ signIn: SignIn; raw: boolean }>;
  getConfig<T>(key: string): Promise<T | undefined>;
  journal(): Promise<JournalEntry[]>;
}

/** Writing a workspace; each call is its own transaction. */
export interface WorkspaceWriter extends WorkspaceReader {
  setConfig(key: string, value: unknown): Promise<void>;
  appendJournal(action: string, detail: unknown, actor?: string): Promise<void>;
  /**
   * Write `snapshot` and stream `signIns` into the log in one transaction (memory does not grow with the
   * sign-in count). Returns the sign-ins read.
   */
  writeTenant(
    snapshot: TenantSnapshot,
    signIns: Iterable<SignIn>,
    opts?: { readonly keepRawSince?: string; readonly onProgress?: (done: number) => void },
  ): number;
}
