// The sync engine: fetch every slice of the chosen collections with bounded concurrency, checkpoint
// each page (staging.ts), ingest sign-ins as they arrive, and write the new snapshot — all inside ONE
// workspace transaction. INVARIANT: until that commit the previous snapshot and sign-in log are untouched;
// a failed or killed sync leaves only staged pages, from which the next `sync` with the same options resumes.

import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { GlidepathError } from "../../core/model/errors.js";
import type {
  CollectionName,
  Group,
  GroupMember,
  MemberType,
  RoleAssignment,
  SignIn,
  SnapshotSource,
  TenantSnapshot,
} from "../../core/model/index.js";
import { emptySnapshot } from "../../core/model/index.js";
import { RAW_SIGN_IN_DAYS, type WorkspaceStore } from "../store/index.js";
import type { GraphClient } from "./client.js";
import { describeFailure } from "./client.js";
import {
  collectionDef,
  type GroupDeltaItem,
  methodSlices,
  type SliceDef,
  type SyncCollection,
  slicesFor,
} from "./collections.js";
import { PageWorker } from "./page-worker.js";
import { type SliceState, SyncStaging } from "./staging.js";

export interface SyncProgressEvent {
  readonly collection: SyncCollection;
  readonly items: number;
  readonly pages: number;
  readonly slicesDone: number;
  readonly slicesTotal: number;
}

export interface SyncEngineOptions {
  readonly collections: readonly SyncCollection[];
  readonly days: number;
  /** End of the sign-in/audit window (default: now). Fixed for the run; a resumed run keeps its own. */
  readonly now?: Date;
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  readonly source: SnapshotSource;
  /** Identifies the connection, so a run is only resumed against the same tenant. */
  readonly connectionKey: string;
  readonly onProgress?: (e: SyncProgressEvent) => void;
  /** A resumable run older than this is abandoned (default 24 h). */
  readonly resumeMaxAgeMs?: number;
}

export interface SyncResult {
  readonly snapshotId: number;
  readonly runId: number;
  readonly resumed: boolean;
  /** Pages fetched by an earlier, interrupted attempt and reused. */
  readonly pagesReused: number;
  readonly pagesFetched: number;
  readonly counts: Partial<Record<CollectionName, number>>;
  readonly signIns: { readonly fetched: number; readonly inserted: number; readonly duplicates: number };
  readonly window: { readonly from: string; readonly to: string };
  /** Collections fetched incrementally with a delta link. */
  readonly incremental: readonly SyncCollection[];
  /** Collections whose stored delta link Graph no longer honoured: read in full instead. */
  readonly deltaExpired: readonly string[];
  /** Records Graph returned that could not be mapped (skipped), with the first few messages. */
  readonly skipped: { readonly count: number; readonly examples: readonly string[] };
  /** The slice with the most pages fetched this run: its pages are a sequential chain (opaque nextLinks). */
  readonly longestSlice: { readonly key: string; readonly pages: number };
  readonly requests: number;
  readonly retries: number;
  readonly throttled: number;
  readonly waitedMs: number;
}

interface RunParams {
  readonly key: string;
  readonly from: string;
  readonly to: string;
  readonly collections: readonly SyncCollection[];
  /** Delta links this run started from (incremental collections). */
  readonly deltaLinks: Readonly<Record<string, string>>;
}

const DELTA_CONFIG = "sync.deltaLinks";
/** The staging run the last commit came from (so a kill between commit and clean-up is not resumed). */
const LAST_RUN_CONFIG = "sync.lastRun";
const DAY_MS = 86_400_000;

function iso(t: number): string {
  return new Date(t).toISOString().replace(".000Z", "Z");
}

async function previousSnapshot(store: WorkspaceStore): Promise<TenantSnapshot | null> {
  const snaps = await store.listSnapshots();
  if (snaps.length === 0) return null;
  return store.loadSnapshot(undefined, { signIns: "none" });
}

/** Graph's answer to a delta link it no longer honours: 410 Gone, or 400 syncStateNotFound / resyncRequired. */
function isExpiredDelta(e: unknown): boolean {
  const f = describeFailure(e);
  const code = (f.code ?? "").toLowerCase();
  return f.status === 410 || code === "syncstatenotfound" || code === "resyncrequired";
}

/** Items mapped or ingested between two turns of the event loop during a sync. */
const PROCESS_SLICE = 50;

/**
 * The `@odata.nextLink` of a page read from its text without parsing the page. Null when absent or
 * unreadable; the caller verifies it against the parsed page.
 */
export function peekNextLink(text: string): string | null {
  // Graph writes the link before `value` (read the head) or after it (search from the end).
  const head = text.indexOf('"@odata.nextLink"');
  const k = head >= 0 && head < 4096 ? head : text.lastIndexOf('"@odata.nextLink"');
  if (k < 0) return null;
  const colon = text.indexOf(":", k + 17);
  const open = colon < 0 ? -1 : text.indexOf('"', colon + 1);
  if (open < 0) return null;
  let i = open + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
  try {
    const v = JSON.parse(text.slice(open, i + 1)) as unknown;
    return typeof v === "string" ? v : null;
  } catch {
    return null;
  }
}

/**
 * At most `n` tasks at a time, highest priority first; more tasks may be added while it runs (as long as a
 * producer holds it open). The first failure aborts the rest and is rethrown.
 *
 * Runs slices on `n` workers, highest priority first, balancing two lanes: slices whose pages cost CPU
 * to ingest (sign-ins) and slices that mostly wait on the network (per-user methods, directory pages).
 * While both lanes have work queued, a free worker takes from the lane with fewer running, so the
 * ingestion of sign-in pages overlaps the waits of small requests instead of following them.
 */
class Scheduler<T> {
  private readonly queue: { item: T; prio: number; heavy: boolean }[] = [];
  private readonly waiters: (() => void)[] = [];
  private producers = 0;
  private failure: unknown = null;
  private readonly running = { heavy: 0, light: 0 };

  constructor(
    private readonly n: number,
    private readonly abort: AbortController,
    private readonly isHeavy: (t: T) => boolean = () => false,
  ) {}

  push(items: readonly T[], prio: (t: T) => number): void {
    for (const item of items) this.queue.push({ item, prio: prio(item), heavy: this.isHeavy(item) });
    this.queue.sort((a, b) => b.prio - a.prio);
    this.wake();
  }

  /** The index of the entry to run next (the queue is sorted by priority). */
  private pick(): number {
    const first = this.queue[0];
    if (!first) return -1;
    const wantHeavy =
      this.running.heavy < this.running.light ? true : this.running.heavy > this.running.light ? false : first.heavy;
    const i = this.queue.findIndex((e) => e.heavy === wantHeavy);
    return i >= 0 ? i : 0;
  }

  /** Keep workers alive until the returned function is called (a stage that will push later). */
  hold(): () => void {
    this.producers++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.producers--;
      this.wake();
    };
  }

  fail(e: unknown): void {
    if (this.failure === null) this.failure = e;
    this.abort.abort();
    this.wake();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  private async next(): Promise<{ item: T; heavy: boolean } | null> {
    for (;;) {
      if (this.failure !== null || this.abort.signal.aborted) return null;
      const i = this.pick();
      if (i >= 0) return this.queue.splice(i, 1)[0] ?? null;
      if (this.producers === 0) return null;
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  /**
   * Run every item. `fn` may call `releaseSlot` once it has no request left to make (its last page is
   * in): the worker then starts the next item while `fn` finishes processing; run() awaits both.
   */
  async run(fn: (t: T, releaseSlot: () => void) => Promise<void>): Promise<void> {
    const tails: Promise<void>[] = [];
    const worker = async () => {
      for (;;) {
        const next = await this.next();
        if (next === null) return;
        const lane = next.heavy ? "heavy" : "light";
        this.running[lane]++;
        let freeSlot = () => {};
        const slotFree = new Promise<void>((resolve) => {
          let freed = false;
          freeSlot = () => {
            if (freed) return;
            freed = true;
            this.running[lane]--;
            resolve();
          };
        });
        const task = fn(next.item, freeSlot)
          .catch((e: unknown) => this.fail(e))
          .finally(freeSlot);
        tails.push(task);
        await slotFree;
      }
    };
    await Promise.all(Array.from({ length: this.n }, worker));
    await Promise.all(tails);
    if (this.failure !== null) throw this.failure;
    if (this.abort.signal.aborted) throw abortedError();
  }
}

function abortedError(): GlidepathError {
  return new GlidepathError(
    "sync.interrupted",
    "the sync was interrupted; the previous snapshot is unchanged",
    "run 'glidepath sync' again with the same options: it resumes from the last page it saved",
  );
}

/** A one-line error naming the endpoint and the permission or fix. Never includes tokens or secrets. */
export function sliceError(slice: SliceDef, e: unknown): GlidepathError {
  if (e instanceof GlidepathError) return e;
  const f = describeFailure(e);
  const endpoint = `GET /${slice.version}${slice.path}`;
  if (f.kind === "aborted") return abortedError();
  if (f.kind === "malformed") {
    return new GlidepathError(
      "graph.malformed",
      `${endpoint} returned a malformed page (${f.message}); the previous snapshot is unchanged`,
      "run 'glidepath sync' again: it resumes from the last good page; report it if it persists",
    );
  }
  if (f.kind === "network") {
    return new GlidepathError(
      "graph.unreachable",
      `${endpoint} failed after retries: ${f.message}; the previous snapshot is unchanged`,
      "check the network (or that the simulator is running) and run 'glidepath sync' again: it resumes",
    );
  }
  if (f.status === 401) {
    return new GlidepathError(
      "graph.unauthorized",
      `${endpoint} answered 401 ${f.code ?? ""}: the access token is expired or invalid; the previous snapshot is unchanged`,
      "sign in again with 'glidepath connect', then run 'glidepath sync' (it resumes)",
    );
  }
  if (f.status === 403) {
    const licence = slice.permission === "AuditLog.Read.All" ? " (reports also need Entra ID P1)" : "";
    return new GlidepathError(
      "graph.forbidden",
      `${endpoint} answered 403 ${f.code ?? ""}: missing permission ${slice.permission}${licence}; the previous snapshot is unchanged`,
      `grant ${slice.permission} to the app registration with admin consent ('glidepath connect --permissions' lists all), or leave '${slice.collection}' out with --only`,
    );
  }
  return new GlidepathError(
    "graph.failed",
    `${endpoint} answered ${f.status} ${f.code ?? ""}: ${f.message}; the previous snapshot is unchanged`,
    f.status >= 500 || f.status === 429
      ? "Graph is unavailable or throttling; run 'glidepath sync' again later (it resumes)"
      : "this request is rejected by Graph; report it with the message above",
  );
}

/**
 * Sync the tenant behind `clientFor` into `store`: resume a matching interrupted run or start one, fetch,
 * then commit one new snapshot. `clientFor(signal)` builds the Graph client (the engine aborts in-flight
 * requests through `signal` when one slice fails).
 */
export async function runGraphSync(
  store: WorkspaceStore,
  clientFor: (signal: AbortSignal) => GraphClient,
  opts: SyncEngineOptions,
): Promise<SyncResult> {
  const staging = SyncStaging.open(store.dir);
  try {
    return await syncWith(store, staging, clientFor, opts);
  } finally {
    staging.close();
  }
}

async function syncWith(
  store: WorkspaceStore,
  staging: SyncStaging,
  clientFor: (signal: AbortSignal) => GraphClient,
  opts: SyncEngineOptions,
): Promise<SyncResult> {
  const collections = [...new Set(opts.collections)].sort() as SyncCollection[];
  const key = JSON.stringify({ c: opts.connectionKey, collections, days: opts.days });
  const now = opts.now ?? new Date();
  const maxAge = opts.resumeMaxAgeMs ?? DAY_MS;
  const prev = await previousSnapshot(store);
  // Delta links belong to one connection: after reconnecting elsewhere they are ignored.
  const storedConfig = await store.getConfig<{ connection?: string; links?: Record<string, string> }>(DELTA_CONFIG);
  const storedDelta = storedConfig?.connection === opts.connectionKey ? (storedConfig.links ?? {}) : {};

  let run = staging.findRunning<RunParams>(key, new Date(Date.now() - maxAge).toISOString());
  // A run committed to the workspace but killed before its staging was dropped is finished, not resumed.
  const last = await store.getConfig<{ runId: number; startedAt: string }>(LAST_RUN_CONFIG);
  if (run && last && last.runId === run.id && last.startedAt === run.startedAt) {
    staging.finish(run.id);
    run = null;
  }
  const resumed = run !== null;
  staging.abandonRunning(run?.id);
  if (!run) {
    const toMs = Math.floor(now.getTime() / 1000) * 1000;
    const deltaLinks: Record<string, string> = {};
    if (collections.includes("groups") && storedDelta.groups && prev?.meta.present.includes("groups")) {
      deltaLinks.groups = storedDelta.groups;
    }
    run = staging.startRun<RunParams>(
      { key, from: iso(toMs - opts.days * DAY_MS), to: iso(toMs), collections, deltaLinks },
      new Date().toISOString(),
    );
  }
  let params = run.params;
  const runId = run.id;
  const pagesBefore = staging.pageCount(runId);

  const abort = new AbortController();
  const onOuterAbort = () => abort.abort();
  opts.signal?.addEventListener("abort", onOuterAbort, { once: true });
  if (opts.signal?.aborted) abort.abort();
  const client = clientFor(abort.signal);
  const concurrency = opts.concurrency ?? 8;
  const skipped: string[] = [];
  let skippedCount = 0;
  const progress = new Map<SyncCollection, { items: number; pages: number; done: number; total: number }>();
  let longestSlice = { key: "", pages: 0 };
  const deltaExpired: string[] = [];
  const signInStats = { fetched: 0, inserted: 0, duplicates: 0 };
  const withSignIns = collections.includes("signIns");

  // INVARIANT: one write transaction on the workspace for the whole sync. Sign-ins are ingested as pages
  // arrive (overlapping the network waits) and, like the snapshot, become visible only at commit. The
  // checkpoints go to the staging file, outside this transaction, so a kill loses nothing fetched.
  // A small page cache for the sync's transaction: dirty pages are written while the sync waits on the
  // network instead of all at commit (commit of a 10,000-user sync: 0.7 -> 0.2 s).
  const tx = store.beginBulk({ pageCacheMiB: 16 });
  let snapshotId: number;
  let snapshot: TenantSnapshot;
  try {
    const keepRawSince = new Date(Date.parse(params.to) - RAW_SIGN_IN_DAYS * DAY_MS).toISOString();
    const ingest = withSignIns ? store.signInIngest({ keepRawSince }) : null;
    // Sign-in pages are parsed and mapped on a worker thread while this one fetches and stores.
    const pageWorker = ingest ? new PageWorker(keepRawSince) : null;
    // Resuming: the sign-ins an interrupted attempt fetched are in the staging file, not the workspace.
    const ctx = { from: params.from, to: params.to, deltaLinks: params.deltaLinks };
    const stage1 = collections.filter((c) => c !== "authenticationMethods").flatMap((c) => slicesFor(c, ctx));
    const staged = new Staged(staging, runId, stage1);
    if (ingest) {
      for (const s of staged.items<SignIn>("signIns")) {
        signInStats.fetched++;
        ingest.add(s);
      }
    }

    const fetchSlice = async (
      slice: SliceDef,
      state: SliceState | undefined,
      startUrl: string | undefined,
      releaseSlot: () => void,
    ) => {
      if (state?.complete) return;
      const p = progress.get(slice.collection) as { items: number; pages: number; done: number; total: number };
      let page = state?.pages ?? 0;
      let fetched = 0;
      let url: string | null = state?.nextLink ?? startUrl ?? null;
      // The next page is requested before this one is parsed, mapped and ingested, so the processing
      // overlaps the network wait; at most one request per slice is in flight, as before.
      let prefetch: { url: string; text: Promise<string> } | null = null;
      try {
        for (;;) {
          if (abort.signal.aborted) throw abortedError();
          const text = prefetch
            ? await prefetch.text
            : url
              ? await client.getText(url)
              : await client.getText(slice.path, { version: slice.version, query: slice.query });
          prefetch = null;
          const peeked = peekNextLink(text);
          if (peeked) {
            prefetch = { url: peeked, text: client.getText(peeked) };
            prefetch.text.catch(() => {}); // awaited below, or dropped if the page fails
          }
          const malformed = (problem: string) =>
            new GlidepathError(
              "graph.malformed",
              `GET /${slice.version}${slice.path} returned a malformed page (${problem}); the previous snapshot is unchanged`,
              "run 'glidepath sync' again: it resumes from the last good page; report it if it persists",
            );
          let next: string | null;
          let count: number;
          // Sign-in slices exist only when sign-ins are synced, so `ingest` and `pageWorker` are set for them.
          if (slice.collection === "signIns" && pageWorker && ingest) {
            // Parsed and mapped on the worker thread; this thread stages the page and stores the rows.
            const read = await pageWorker.read(text);
            if (!read.ok) throw malformed(read.problem);
            next = read.next;
            // No request left for this slice: its worker may start the next slice while this page is stored.
            if (!next) releaseSlot();
            skippedCount += read.skippedCount;
            for (const m of read.skipped) if (skipped.length < 5) skipped.push(m);
            staging.addPage(runId, slice.key, page++, text, next, read.delta);
            const cols = read.columns;
            for (let i = 0; i < cols.length; i += PROCESS_SLICE) {
              ingest.addColumns(cols, i, Math.min(i + PROCESS_SLICE, cols.length));
              await yieldToEventLoop();
            }
            signInStats.fetched += cols.length;
            count = cols.length;
          } else {
            let body: Record<string, unknown> | null;
            try {
              body = JSON.parse(text) as Record<string, unknown> | null;
            } catch {
              throw malformed("not valid JSON");
            }
            if (body === null || typeof body !== "object" || (!slice.singleton && !Array.isArray(body.value))) {
              throw malformed("no 'value' array");
            }
            next = typeof body["@odata.nextLink"] === "string" ? (body["@odata.nextLink"] as string) : null;
            const delta = typeof body["@odata.deltaLink"] === "string" ? (body["@odata.deltaLink"] as string) : null;
            if (!next) releaseSlot();
            const raws = slice.singleton ? [body] : (body.value as unknown[]);
            const items: unknown[] = [];
            // Mapped in slices of PROCESS_SLICE with the event loop free in between, so the other slices'
            // answers are read and their next requests sent meanwhile.
            for (let i = 0; i < raws.length; i++) {
              const r = slice.map(raws[i]);
              if (r.ok) items.push(r.value);
              else {
                skippedCount++;
                if (skipped.length < 5) skipped.push(r.diagnostics.map((d) => d.message).join("; "));
              }
              if ((i + 1) % PROCESS_SLICE === 0) await yieldToEventLoop();
            }
            // The page is staged as Graph sent it: no re-serialisation of what was just parsed.
            staging.addPage(runId, slice.key, page++, text, next, delta);
            count = items.length;
          }
          if (++fetched > longestSlice.pages) longestSlice = { key: slice.key, pages: fetched };
          p.items += count;
          p.pages++;
          opts.onProgress?.({
            collection: slice.collection,
            items: p.items,
            pages: p.pages,
            slicesDone: p.done,
            slicesTotal: p.total,
          });
          if (!next) break;
          // The peek is checked against the parsed page; a mismatch (never seen) fetches the parsed link.
          if (prefetch && prefetch.url !== next) prefetch = null;
          url = next;
        }
      } catch (e) {
        // An expired delta link (Graph: 400 syncStateNotFound after 7 days, or 410 Gone) means a full read:
        // drop what this slice staged, record that the run is no longer incremental, and start over.
        if (slice.collection === "groups" && params.deltaLinks.groups && isExpiredDelta(e)) {
          const { groups: _expired, ...rest } = params.deltaLinks;
          params = { ...params, deltaLinks: rest };
          staging.updateParams(runId, params);
          staging.dropSlice(runId, slice.key);
          deltaExpired.push("groups");
          await fetchSlice(slice, undefined, undefined, releaseSlot);
          return;
        }
        // A role principal that is not a user (group, service principal) or a policy exclusion naming a
        // deleted user has no methods: Graph answers 404, which is an empty answer here, not a failure.
        if (slice.collection === "authenticationMethods" && describeFailure(e).status === 404) {
          staging.addPage(runId, slice.key, page++, '{"value":[]}', null, null);
        } else {
          throw sliceError(slice, e);
        }
      }
      p.done++;
      opts.onProgress?.({
        collection: slice.collection,
        items: p.items,
        pages: p.pages,
        slicesDone: p.done,
        slicesTotal: p.total,
      });
    };

    const states = staging.sliceStates(runId);
    const count = (slices: readonly SliceDef[]) => {
      for (const sl of slices) {
        const p = progress.get(sl.collection) ?? { items: 0, pages: 0, done: 0, total: 0 };
        p.total++;
        if (states.get(sl.key)?.complete) p.done++;
        progress.set(sl.collection, p);
      }
    };
    const startUrls: Record<string, string> = params.deltaLinks.groups ? { groups: params.deltaLinks.groups } : {};
    let directory: { snapshot: TenantSnapshot; id: number } | null = null;
    const writeDirectory = () => {
      if (!directory) {
        const snap = assemble(staged, params, collections, prev, opts.source);
        directory = { snapshot: snap, id: store.writeSnapshotRows(snap) };
      }
      return directory;
    };
    const scheduler = new Scheduler<SliceDef>(concurrency, abort, (sl) => sl.collection === "signIns");
    // Per-user methods need role assignments and policies: they are queued the moment those are
    // complete (not after every sign-in page), ahead of what is left, so they do not form a tail.
    const deps = new Set(
      stage1
        .filter((sl) => ["roleAssignments", "policies"].includes(sl.collection) && !states.get(sl.key)?.complete)
        .map((sl) => sl.key),
    );
    const release = collections.includes("authenticationMethods") ? scheduler.hold() : () => {};
    const queueMethods = () => {
      if (deps.size > 0 || !collections.includes("authenticationMethods")) return;
      const methods = methodSlices(methodUsers(staged, collections, prev));
      count(methods);
      scheduler.push(methods, () => 10);
      release();
    };
    count(stage1);
    // Longest first: sign-in days page sequentially, so start them early (they bound the wall time).
    scheduler.push(stage1, weight);
    queueMethods();
    try {
      await scheduler.run(async (sl, releaseSlot) => {
        await fetchSlice(sl, states.get(sl.key), startUrls[sl.key], releaseSlot);
        if (deps.delete(sl.key)) queueMethods();
        // The last sign-in page is in: derive the access patterns now, while other slices still wait
        // on the network, instead of after the last request (same transaction; a second flush is a no-op).
        const sp = progress.get("signIns");
        if (ingest && sl.collection === "signIns" && sp && sp.done === sp.total) ingest.flush();
        // Likewise the directory snapshot, once every other collection is in (sign-ins usually finish last).
        if (sl.collection !== "signIns" && [...progress].every(([c, q]) => c === "signIns" || q.done === q.total)) {
          writeDirectory();
        }
      });
    } finally {
      release();
      opts.signal?.removeEventListener("abort", onOuterAbort);
      await pageWorker?.close();
    }

    // ---- assemble and commit --------------------------------------------------------------
    const written = writeDirectory();
    snapshot = written.snapshot;
    snapshotId = written.id;
    if (ingest) {
      ingest.flush();
      signInStats.inserted = ingest.stats.inserted;
      signInStats.duplicates = ingest.stats.duplicates;
    }
    const delta = { ...storedDelta };
    const groupsDelta = collections.includes("groups") ? staging.deltaLink(runId, "groups") : null;
    if (groupsDelta) delta.groups = groupsDelta;
    store.setConfigInTransaction({
      [DELTA_CONFIG]: { connection: opts.connectionKey, links: delta },
      [LAST_RUN_CONFIG]: { runId, startedAt: run.startedAt },
    });
    tx.commit();
  } catch (e) {
    tx.rollback();
    throw e;
  }
  staging.finish(runId);

  const counts: Partial<Record<CollectionName, number>> = {};
  for (const c of snapshot.meta.present) {
    const v = (snapshot as unknown as Record<string, unknown>)[c];
    counts[c] = Array.isArray(v) ? v.length : v ? 1 : 0;
  }
  if (withSignIns) {
    counts.signIns = signInStats.fetched;
    counts.accessPatterns = store.patternCount();
  }
  return {
    snapshotId,
    runId,
    resumed,
    pagesReused: pagesBefore,
    pagesFetched: [...progress.values()].reduce((n, p) => n + p.pages, 0),
    counts,
    signIns: signInStats,
    window: { from: params.from, to: params.to },
    incremental: params.deltaLinks.groups ? ["groups"] : [],
    deltaExpired,
    skipped: { count: skippedCount, examples: skipped },
    longestSlice,
    requests: client.stats.requests,
    retries: client.stats.retries,
    throttled: client.stats.throttled,
    waitedMs: client.stats.waitedMs,
  };
}

/** Mapped items of staged pages: each page is parsed and mapped with the mapper of its own slice. */
class Staged {
  private readonly defs = new Map<string, SliceDef>();
  constructor(
    private readonly staging: SyncStaging,
    private readonly runId: number,
    slices: readonly SliceDef[],
  ) {
    for (const d of slices) this.defs.set(d.key, d);
  }

  private def(key: string): SliceDef | undefined {
    const known = this.defs.get(key);
    if (known) return known;
    if (key.startsWith("authenticationMethods:")) {
      const d = methodSlices([key.slice("authenticationMethods:".length)])[0];
      if (d) this.defs.set(key, d);
      return d;
    }
    return undefined;
  }

  *items<T>(key: string): Iterable<T> {
    for (const { slice, body } of this.staging.pages(this.runId, key)) {
      const def = this.def(slice);
      if (!def) continue;
      const parsed = JSON.parse(body) as Record<string, unknown>;
      const raws = def.singleton ? [parsed] : ((parsed.value as unknown[] | undefined) ?? []);
      for (const raw of raws) {
        const r = def.map(raw);
        if (r.ok) yield r.value as T;
      }
    }
  }
}

function weight(s: SliceDef): number {
  if (s.collection === "signIns") return s.key.endsWith("nonInteractiveUser") ? 3 : 2;
  if (s.collection === "users" || s.collection === "registrations" || s.collection === "groups") return 4;
  return 1;
}

/**
 * Users whose methods are read one by one: role holders (active or eligible) and users a policy excludes.
 * Not filtered by the user list, so these reads need not wait for the (long, sequential) users paging:
 * principals that are not users answer 404 and count as having no methods.
 */
function methodUsers(staged: Staged, collections: readonly SyncCollection[], prev: TenantSnapshot | null): string[] {
  const assignments = collections.includes("roleAssignments")
    ? [...staged.items<RoleAssignment>("roleAssignments")]
    : (prev?.roleAssignments ?? []);
  const policies = collections.includes("policies")
    ? [...staged.items<TenantSnapshot["policies"][number]>("policies")]
    : (prev?.policies ?? []);
  const out = new Set<string>();
  for (const a of assignments) if (GUID.test(a.principalId)) out.add(a.principalId);
  for (const p of policies) for (const id of p.conditions?.users?.excludeUsers ?? []) if (GUID.test(id)) out.add(id);
  return [...out];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const MEMBER_TYPES = new Set<MemberType>(["user", "group", "servicePrincipal", "device"]);

function assemble(
  staged: Staged,
  params: RunParams,
  collections: readonly SyncCollection[],
  prev: TenantSnapshot | null,
  source: SnapshotSource,
): TenantSnapshot {
  const has = (c: SyncCollection) => collections.includes(c);
  const list = <T>(key: string) => [...staged.items<T>(key)];
  const org = has("organization")
    ? list<{ id: string; displayName: string; defaultDomain: string | null; initialDomain: string | null }>(
        "organization",
      )[0]
    : undefined;
  const present = new Set<CollectionName>();
  const base = emptySnapshot({
    tenantId: org?.id ?? prev?.meta.tenantId ?? "unknown",
    tenantDisplayName: org?.displayName ?? prev?.meta.tenantDisplayName ?? "unknown",
    defaultDomain: org ? org.defaultDomain : (prev?.meta.defaultDomain ?? null),
    initialDomain: org ? org.initialDomain : (prev?.meta.initialDomain ?? null),
    capturedAt: params.to,
    source,
  });
  const out = { ...base } as unknown as Record<string, unknown>;
  // Collections not synced this time are carried over from the previous snapshot.
  if (prev) {
    for (const c of prev.meta.present) {
      if (c === "signIns" || c === "accessPatterns") continue;
      out[c] = (prev as unknown as Record<string, unknown>)[c];
      present.add(c);
    }
  }
  const simple: [SyncCollection, CollectionName][] = [
    ["users", "users"],
    ["roleDefinitions", "roleDefinitions"],
    ["servicePrincipals", "servicePrincipals"],
    ["policies", "policies"],
    ["namedLocations", "namedLocations"],
    ["authenticationStrengths", "authenticationStrengths"],
    ["subscribedSkus", "subscribedSkus"],
    ["registrations", "registrations"],
    ["authenticationMethods", "authenticationMethods"],
    ["rooms", "rooms"],
    ["directoryAudits", "directoryAudits"],
  ];
  for (const [sc, mc] of simple) {
    if (!has(sc)) continue;
    out[mc] = list(sc);
    present.add(mc);
  }
  for (const sc of ["authenticationMethodsPolicy", "securityDefaults"] as const) {
    if (!has(sc)) continue;
    out[sc] = list(sc)[0] ?? null;
    present.add(sc);
  }
  if (has("roleAssignments")) {
    out.roleAssignments = [
      ...list<RoleAssignment>("roleAssignments:active"),
      ...list<RoleAssignment>("roleAssignments:eligible"),
    ];
    present.add("roleAssignments");
  }
  if (has("groups")) {
    const incremental = Boolean(params.deltaLinks.groups) && prev !== null;
    const groups = new Map<string, Group>(incremental ? (prev as TenantSnapshot).groups.map((g) => [g.id, g]) : []);
    const members = new Map<string, Map<string, MemberType>>();
    if (incremental) {
      for (const m of (prev as TenantSnapshot).groupMembers) {
        let s = members.get(m.groupId);
        if (!s) members.set(m.groupId, (s = new Map()));
        s.set(m.memberId, m.memberType);
      }
    }
    for (const d of staged.items<GroupDeltaItem>("groups")) {
      if (d.removed) {
        groups.delete(d.id);
        members.delete(d.id);
        continue;
      }
      if (d.group) groups.set(d.id, d.group as Group);
      let s = members.get(d.id);
      if (!s) members.set(d.id, (s = new Map()));
      for (const m of d.members) {
        if (m.removed) s.delete(m.id);
        else if (MEMBER_TYPES.has(m.type as MemberType)) s.set(m.id, m.type as MemberType);
      }
    }
    out.groups = [...groups.values()];
    const edges: GroupMember[] = [];
    for (const [groupId, s] of members) {
      if (!groups.has(groupId)) continue;
      for (const [memberId, memberType] of s) edges.push({ groupId, memberId, memberType });
    }
    out.groupMembers = edges;
    present.add("groups");
    present.add("groupMembers");
  }
  if (has("signIns")) {
    present.add("signIns");
    present.add("accessPatterns");
  } else if (prev?.meta.present.includes("signIns")) {
    present.add("signIns");
    present.add("accessPatterns");
  }
  const meta = {
    ...base.meta,
    present: [...present].sort(),
    ...(has("signIns")
      ? { signInWindow: { from: params.from, to: params.to } }
      : prev?.meta.signInWindow
        ? { signInWindow: prev.meta.signInWindow }
        : {}),
  };
  void collectionDef;
  return { ...(out as unknown as TenantSnapshot), meta, signIns: [], accessPatterns: [] };
}
