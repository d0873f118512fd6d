// The import engine: reads a batch of export files into the workspace inside ONE transaction. Each file
// runs in its own savepoint (import-file.ts), so a file broken as a whole is rolled back alone and the
// rest lands; bad records are skipped and reported with file:line[:column]; --strict turns the first
// problem into a failure of the whole batch. Sign-ins stream into the workspace sign-in log (dedup by
// id, aggregated into access patterns); directory and configuration records build the next snapshot.

import { type CollectionName, GlidepathError, type TenantSnapshot } from "../../core/model/index.js";
import type { WorkspaceStore } from "../store/index.js";
import { type Accumulator, composeSnapshot, newAccumulator } from "./compose.js";
import { CLOCK_SKEW_MS } from "./file-reader.js";
import { type FileSummary, type ImportTotals, importTotals, newFileSummary } from "./file-summary.js";
import { type BatchContext, importFile } from "./import-file.js";
import { SMALL_CHARS } from "./json-source.js";
import type { ImportKind } from "./kinds.js";
import { resolvePolicyReferences, type UnresolvedReference } from "./resolve-refs.js";
import { SignInBatch } from "./sign-in-batch.js";
import { expandPaths, sniff } from "./sniff.js";

export type { FileSummary };
export { expandPaths };

export interface ImportOptions {
  /** Force the kind of every file (default: detect from content). */
  readonly kind?: ImportKind | "auto";
  /** Stop at the first bad record or file and write nothing. */
  readonly strict?: boolean;
  /** The current time (ISO), used when no record carries a time. */
  readonly now: string;
  /** Errors listed per file in the summary (all are counted). */
  readonly maxErrorsPerFile?: number;
  /** Called now and then with bytes read and records seen. */
  readonly onProgress?: (bytes: number, records: number) => void;
  /** Texts up to this many characters are parsed whole, longer ones stream (tests lower it). */
  readonly smallChars?: number;
  /** Called once the batch holds the workspace's write lock, before it reads anything (tests pause here). */
  readonly onLocked?: () => void | Promise<void>;
}

export interface ImportOutcome {
  readonly files: FileSummary[];
  readonly totals: ImportTotals;
  /** The snapshot written (or the latest one when nothing changed), null when nothing was imported. */
  readonly snapshotId: number | null;
  /** True when the batch held nothing the workspace did not already have (no snapshot was written). */
  readonly unchanged: boolean;
  readonly signIns: { inserted: number; duplicates: number; keepRawSince: string | null; rawPruned: number };
  readonly references: { resolved: number; unresolved: UnresolvedReference[] };
  readonly present: CollectionName[];
}

/** Run one import batch against an open store. The caller owns nothing: this begins and commits or rolls back. */
export async function importBatch(
  store: WorkspaceStore,
  paths: readonly string[],
  opts: ImportOptions,
): Promise<ImportOutcome> {
  const { files, skipped } = expandPaths(paths);
  // Pre-pass: auth-details CSVs first (they enrich the sign-ins that follow).
  const sniffed = await Promise.all(files.map((f) => sniff(f)));
  const order = files
    .map((f, i) => ({ f, authDetails: sniffed[i]?.authDetails ?? false }))
    .sort((a, b) => Number(b.authDetails) - Number(a.authDetails));

  const signIns = new SignInBatch(store);
  const batch: BatchContext = {
    store,
    signIns,
    acc: newAccumulator(),
    forced: opts.kind && opts.kind !== "auto" ? opts.kind : null,
    strict: opts.strict ?? false,
    maxErrors: opts.maxErrorsPerFile ?? 50,
    smallChars: opts.smallChars ?? SMALL_CHARS,
    notAfter: Date.parse(opts.now) + CLOCK_SKEW_MS,
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    progress: { bytesDone: 0, recordsSeen: 0 },
  };

  // The patterns are re-derived with a GROUP BY over every sign-in of the touched users; with the
  // store's in-memory temp store, that sort grows with the file. For the import, temp data (the sort,
  // the savepoint journals) spill to temp files instead, so peak memory stays bounded. A 64 MiB page
  // cache (the workspace default is 256 MiB, for loading 100,000-user tenants): an import must stay
  // under 600 MB whatever the file size, and the sign-in id index of a 1.7 million-row file fits.
  const tx = store.beginBulk({ pageCacheMiB: 64, tempToFile: true });
  try {
    // INVARIANT: the snapshot this batch builds on is read inside the write transaction (which holds the
    // workspace's write lock), so a concurrent import or sync cannot commit in between and be lost.
    // The directory and configuration only: the access patterns can be gigabytes in a large workspace
    // and live in the workspace log, not the snapshot.
    const base = await store.loadSnapshot(undefined, { signIns: "none", patterns: "none" }).catch((e) => {
      if (e instanceof GlidepathError && e.code === "workspace.empty") return null;
      throw e;
    });
    await opts.onLocked?.();
    // Not regular files: reported, never opened (a FIFO with no writer would hang the import).
    const summaries: FileSummary[] = skipped.map((s) => skippedSummary(s.path, s.reason));
    for (const { f } of order) summaries.push(await importFile(batch, f));
    // Authentication details whose sign-ins came earlier: attach to the retained rows in the workspace.
    if (signIns.authDetails.size > 0) signIns.attachLateDetails();
    // Raw retention: rows ingested before the newest time was known may have kept JSON they should not.
    const rawPruned = signIns.pruneRaw();
    const written = summaries.some((s) => s.imported > 0 || s.duplicates > 0)
      ? await writeBatchSnapshot(store, base, batch.acc, signIns, opts.now)
      : null;
    if (written && !written.unchanged) {
      await store.appendJournal("import", {
        snapshotId: written.snapshotId,
        files: summaries.map((s) => ({
          path: s.path,
          kind: s.kind,
          imported: s.imported,
          skipped: s.skipped,
          status: s.status,
        })),
        signIns: signIns.stats,
      });
    }
    tx.commit();
    return {
      files: summaries,
      totals: importTotals(summaries),
      snapshotId: written?.snapshotId ?? null,
      unchanged: written?.unchanged ?? false,
      signIns: { ...signIns.stats, keepRawSince: signIns.keepRawSince ?? null, rawPruned },
      references: written?.references ?? { resolved: 0, unresolved: [] },
      present: written?.present ?? [],
    };
  } catch (e) {
    tx.rollback();
    throw e;
  }
}

/** The summary of a path the walk skipped: ignored (not an error), with one warning line saying why. */
function skippedSummary(path: string, reason: string): FileSummary {
  const s = newFileSummary(path, null);
  s.status = "ignored";
  s.note = `${reason}: skipped`;
  s.errors.push({ file: path, code: "import.not-regular", message: `${reason}: skipped`, severity: "warning" });
  return s;
}

/**
 * Compose the next snapshot from `base` and the batch's records, resolve the policies' references, and
 * write it — unless it equals `base` and the batch added no sign-in or aggregate (then nothing changes).
 */
async function writeBatchSnapshot(
  store: WorkspaceStore,
  base: TenantSnapshot | null,
  acc: Accumulator,
  signIns: SignInBatch,
  now: string,
): Promise<{
  snapshotId: number;
  unchanged: boolean;
  references: ImportOutcome["references"];
  present: CollectionName[];
}> {
  const { stats } = signIns;
  const composed = composeSnapshot(base, acc, {
    now,
    signInsImported: stats.inserted + stats.duplicates > 0 || acc.patterns.length > 0,
    newest:
      [acc.newest, signIns.newest !== signIns.prevNewest ? signIns.newest : null]
        .filter((x): x is string => !!x)
        .sort()
        .at(-1) ?? null,
  });
  const r = resolvePolicyReferences(composed.policies, {
    users: composed.meta.present.includes("users") ? composed.users : null,
    groups: composed.meta.present.includes("groups") ? composed.groups : null,
    roleDefinitions: composed.roleDefinitions,
    servicePrincipals: composed.meta.present.includes("servicePrincipals") ? composed.servicePrincipals : null,
    namedLocations: composed.meta.present.includes("namedLocations") ? composed.namedLocations : null,
  });
  const references = { resolved: r.resolved, unresolved: acc.touched.has("policies") ? r.unresolved : [] };
  const snap: TenantSnapshot = { ...composed, policies: r.policies, signIns: [], accessPatterns: acc.patterns };
  const present = [...composed.meta.present];
  // Re-importing what the workspace already holds changes nothing: no new snapshot.
  const baseId = (await store.listSnapshots()).at(-1)?.id ?? null;
  if (base && baseId !== null && stats.inserted === 0 && acc.patterns.length === 0 && sameState(base, snap)) {
    return { snapshotId: baseId, unchanged: true, references, present };
  }
  if (acc.patterns.length > 0) {
    // Aggregates imported as such replace the earlier aggregates of the same users (re-import is a no-op).
    store.deleteDirectPatterns(new Set(acc.patterns.map((p) => p.userId)));
  }
  return { snapshotId: store.writeSnapshotRows(snap), unchanged: false, references, present };
}

/** Same directory and configuration (sign-ins and patterns live in the workspace log, not the snapshot). */
function sameState(a: TenantSnapshot, b: TenantSnapshot): boolean {
  const strip = (s: TenantSnapshot) => {
    const { signIns: _s, accessPatterns: _a, meta, ...rest } = s;
    const { signInWindow: _w, signInCount: _c, ...m } = meta;
    return JSON.stringify({ m, rest });
  };
  return strip(a) === strip(b);
}

export type { Accumulator };
