// Fetching one slice of a sync: its pages in sequence (the next request sent before the current page is
// processed), each page checked, mapped (sign-in pages on the page worker, then ingested), staged as
// Graph sent it, and counted; an expired delta link restarts the slice as a full read.

import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { SignInIngest } from "../store/index.js";
import type { GraphClient } from "./client.js";
import { describeFailure } from "./client.js";
import type { SliceDef, SyncCollection } from "./collections.js";
import { peekNextLink } from "./next-link.js";
import type { PageWorker } from "./page-worker.js";
import type { StagedItems } from "./staged-items.js";
import type { SliceState, SyncStaging } from "./staging.js";
import { abortedError, isExpiredDelta, malformedPage, sliceError } from "./sync-errors.js";

/** Items mapped or ingested between two turns of the event loop during a sync. */
const PROCESS_SLICE = 50;

/** Progress of one collection: items and pages fetched, slices done of total. */
export interface CollectionProgress {
  items: number;
  pages: number;
  done: number;
  total: number;
}

/** What the fetches of one run add up to (read by the engine for its result). */
export interface SyncTally {
  readonly progress: Map<SyncCollection, CollectionProgress>;
  /** Records Graph returned that could not be mapped: how many, and the first few messages. */
  skippedCount: number;
  readonly skipped: string[];
  /** The slice with the most pages fetched this run. */
  longestSlice: { key: string; pages: number };
  signInsFetched: number;
}

/** What a fetcher works with. */
export interface FetcherDeps {
  readonly client: GraphClient;
  readonly staging: SyncStaging;
  readonly runId: number;
  readonly signal: AbortSignal;
  readonly staged: StagedItems;
  /** Set when sign-ins are synced (sign-in slices exist only then). */
  readonly signIns: { readonly worker: PageWorker; readonly ingest: SignInIngest } | null;
  readonly tally: SyncTally;
  readonly onProgress?: (collection: SyncCollection, p: CollectionProgress) => void;
  /**
   * The groups delta link the run started from was refused as expired: forget it and the slice's pages.
   * Returns false when the run had no delta link (the failure is then reported as such).
   */
  readonly dropGroupsDelta: (slice: SliceDef) => boolean;
}

/** Fetches slices for one run. */
export class SliceFetcher {
  constructor(private readonly d: FetcherDeps) {}

  /**
   * Fetch `slice` from where `state` left it (or from `startUrl`, or from its first page). `releaseSlot` is
   * called once no request is left to make, so the scheduler can start the next slice meanwhile.
   */
  async fetch(
    slice: SliceDef,
    state: SliceState | undefined,
    startUrl: string | undefined,
    releaseSlot: () => void,
  ): Promise<void> {
    if (state?.complete) return;
    const { client, tally } = this.d;
    const p = tally.progress.get(slice.collection) as CollectionProgress;
    let page = state?.pages ?? 0;
    let fetched = 0;
    let url: string | null = state?.nextLink ?? startUrl ?? null;
    // The next page is requested before this one is parsed, mapped and ingested, so the processing
    // overlaps the network wait; at most one request per slice is in flight, as before.
    let prefetch: { url: string; text: Promise<string> } | null = null;
    try {
      for (;;) {
        if (this.d.signal.aborted) throw abortedError();
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
        const read =
          slice.collection === "signIns" && this.d.signIns
            ? await this.signInPage(slice, page, text, releaseSlot)
            : await this.directoryPage(slice, page, text, releaseSlot);
        page++;
        if (++fetched > tally.longestSlice.pages) tally.longestSlice = { key: slice.key, pages: fetched };
        p.items += read.count;
        p.pages++;
        this.d.onProgress?.(slice.collection, p);
        if (!read.next) break;
        // The peek is checked against the parsed page; a mismatch (never seen) fetches the parsed link.
        if (prefetch && prefetch.url !== read.next) prefetch = null;
        url = read.next;
      }
    } catch (e) {
      // An expired delta link (Graph: 400 syncStateNotFound after 7 days, or 410 Gone) means a full read:
      // drop what this slice staged, record that the run is no longer incremental, and start over.
      if (slice.collection === "groups" && isExpiredDelta(e) && this.d.dropGroupsDelta(slice)) {
        await this.fetch(slice, undefined, undefined, releaseSlot);
        return;
      }
      // A role principal that is not a user (group, service principal) or a policy exclusion naming a
      // deleted user has no methods: Graph answers 404, which is an empty answer here, not a failure.
      if (slice.collection === "authenticationMethods" && describeFailure(e).status === 404) {
        this.d.staging.addPage(this.d.runId, slice.key, page++, '{"value":[]}', null, null);
      } else {
        throw sliceError(slice, e);
      }
    }
    p.done++;
    this.d.onProgress?.(slice.collection, p);
  }

  /** A sign-in page: parsed and mapped on the worker thread; this thread stages the page and stores the rows. */
  private async signInPage(
    slice: SliceDef,
    page: number,
    text: string,
    releaseSlot: () => void,
  ): Promise<{ next: string | null; count: number }> {
    const { worker, ingest } = this.d.signIns as NonNullable<FetcherDeps["signIns"]>;
    const { tally } = this.d;
    const read = await worker.read(text);
    if (!read.ok) throw malformedPage(slice, read.problem);
    // No request left for this slice: its worker may start the next slice while this page is stored.
    if (!read.next) releaseSlot();
    tally.skippedCount += read.skippedCount;
    for (const m of read.skipped) if (tally.skipped.length < 5) tally.skipped.push(m);
    this.d.staging.addPage(this.d.runId, slice.key, page, text, read.next, read.delta);
    const cols = read.columns;
    for (let i = 0; i < cols.length; i += PROCESS_SLICE) {
      ingest.addColumns(cols, i, Math.min(i + PROCESS_SLICE, cols.length));
      await yieldToEventLoop();
    }
    tally.signInsFetched += cols.length;
    return { next: read.next, count: cols.length };
  }

  /** A directory page: parsed and mapped here (once: the mapped items are kept for the snapshot). */
  private async directoryPage(
    slice: SliceDef,
    page: number,
    text: string,
    releaseSlot: () => void,
  ): Promise<{ next: string | null; count: number }> {
    const { tally } = this.d;
    let body: Record<string, unknown> | null;
    try {
      body = JSON.parse(text) as Record<string, unknown> | null;
    } catch {
      throw malformedPage(slice, "not valid JSON");
    }
    if (body === null || typeof body !== "object" || (!slice.singleton && !Array.isArray(body.value))) {
      throw malformedPage(slice, "no 'value' array");
    }
    const next = typeof body["@odata.nextLink"] === "string" ? (body["@odata.nextLink"] as string) : null;
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
        tally.skippedCount++;
        if (tally.skipped.length < 5) tally.skipped.push(r.diagnostics.map((d) => d.message).join("; "));
      }
      if ((i + 1) % PROCESS_SLICE === 0) await yieldToEventLoop();
    }
    // The page is staged as Graph sent it: no re-serialisation of what was just parsed.
    this.d.staging.addPage(this.d.runId, slice.key, page, text, next, delta);
    this.d.staged.remember(slice, page, items);
    return { next, count: items.length };
  }
}
