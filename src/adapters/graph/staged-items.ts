// The mapped items of a sync run's staged pages, each page parsed and mapped once: a page fetched in this
// process is remembered as mapped when it is staged; a page staged by an interrupted attempt is read back
// from the staging file the first time it is asked for. Sign-in pages are never held (they are ingested).

import { methodSlices, type SliceDef } from "./collections.js";
import type { SyncStaging } from "./staging.js";

/** Mapped items of staged pages, by slice key (or collection key: every slice `key:...`). */
export class StagedItems {
  private readonly defs = new Map<string, SliceDef>();
  /** Items of directory pages by slice, then page number. */
  private readonly memo = new Map<string, Map<number, readonly unknown[]>>();

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

  /** The mapped items of page `page` of `slice`, just fetched and staged. */
  remember(slice: SliceDef, page: number, items: readonly unknown[]): void {
    if (slice.collection === "signIns") return;
    let pages = this.memo.get(slice.key);
    if (!pages) this.memo.set(slice.key, (pages = new Map()));
    pages.set(page, items);
  }

  /** The slice's staged pages were dropped (it is read again from the start). */
  forget(slice: string): void {
    this.memo.delete(slice);
  }

  /** The items of every staged page of `key`, in slice then page order (records that fail to map are left out). */
  *items<T>(key: string): Iterable<T> {
    for (const ref of this.staging.pageRefs(this.runId, key)) {
      const known = this.memo.get(ref.slice)?.get(ref.page);
      if (known) {
        yield* known as readonly T[];
        continue;
      }
      const def = this.def(ref.slice);
      if (!def) continue;
      const parsed = JSON.parse(this.staging.pageBody(ref.seq)) as Record<string, unknown>;
      const raws = def.singleton ? [parsed] : ((parsed.value as unknown[] | undefined) ?? []);
      const items: unknown[] = [];
      for (const raw of raws) {
        const r = def.map(raw);
        if (r.ok) items.push(r.value);
      }
      this.remember(def, ref.page, items);
      yield* items as T[];
    }
  }
}
