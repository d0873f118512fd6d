// A bounded-concurrency scheduler for the sync's slices: priorities, a heavy (CPU) and a light (network)
// lane kept balanced, producers that add work while it runs, and abort on the first failure.

import { abortedError } from "./sync-errors.js";

/**
 * At most `n` tasks at a time, highest priority first; more tasks may be added while it runs (as long as a
 * producer holds it open). The first failure aborts the rest and is rethrown.
 *
 * Runs slices on `n` workers, highest priority first, balancing two lanes: slices whose pages cost CPU
 * to ingest (sign-ins) and slices that mostly wait on the network (per-user methods, directory pages).
 * While both lanes have work queued, a free worker takes from the lane with fewer running, so the
 * ingestion of sign-in pages overlaps the waits of small requests instead of following them.
 */
export class Scheduler<T> {
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
