// Sign-in pages parsed and mapped on a worker thread. A page of 1,000 sign-ins costs about 5 ms to parse
// and 8 ms to map; on the main thread that work competes with reading the other answers and with the
// store. The worker returns the page as columns of primitives (see store/sign-in-columns.ts), which cross
// threads cheaply, and the raw JSON of the rows the workspace keeps.
//
// This module is both the main-thread client (PageWorker) and the worker's body (run when loaded as a
// worker with `workerData.role === ROLE`).

import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { emptySignInColumns, pushSignIn, type SignInColumns } from "../store/sign-in-columns.js";
import { mapSignIn } from "./to-model/reports.js";

const ROLE = "glidepath-sign-in-pages";

export type SignInPage =
  | {
      readonly ok: true;
      readonly next: string | null;
      readonly delta: string | null;
      readonly columns: SignInColumns;
      readonly skippedCount: number;
      /** The first few reasons records were skipped. */
      readonly skipped: string[];
    }
  | { readonly ok: false; readonly problem: "not valid JSON" | "no 'value' array" };

/** Parse one page of `/auditLogs/signIns` and map its records (pure; runs on either thread). */
export function readSignInPage(text: string, keepRawSince: string | undefined): SignInPage {
  let body: Record<string, unknown> | null;
  try {
    body = JSON.parse(text) as Record<string, unknown> | null;
  } catch {
    return { ok: false, problem: "not valid JSON" };
  }
  if (body === null || typeof body !== "object" || !Array.isArray(body.value)) {
    return { ok: false, problem: "no 'value' array" };
  }
  const columns = emptySignInColumns();
  const skipped: string[] = [];
  let skippedCount = 0;
  for (const raw of body.value as unknown[]) {
    const r = mapSignIn(raw);
    if (r.ok) pushSignIn(columns, r.value, keepRawSince);
    else {
      skippedCount++;
      if (skipped.length < 5) skipped.push(r.diagnostics.map((d) => d.message).join("; "));
    }
  }
  const link = (k: string) => (typeof body?.[k] === "string" ? (body[k] as string) : null);
  return {
    ok: true,
    next: link("@odata.nextLink"),
    delta: link("@odata.deltaLink"),
    columns,
    skippedCount,
    skipped,
  };
}

interface Job {
  readonly id: number;
  readonly text: string;
}

/**
 * One worker thread reading sign-in pages in the order they are given. If the thread cannot start, pages
 * are read on the calling thread instead (same results, less overlap).
 */
export class PageWorker {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly waiting = new Map<number, { text: string; resolve: (p: SignInPage) => void }>();

  constructor(
    private readonly keepRawSince: string | undefined,
    /** The worker's entry file; tests point it at a missing file to exercise the fallback. */
    entry: URL = new URL("./page-worker-entry.mjs", import.meta.url),
  ) {
    try {
      // The entry registers tsx, then loads this module, whatever started the main thread.
      const w = new Worker(entry, {
        workerData: { role: ROLE, keepRawSince },
        // Not the parent's flags: a test runner's `--import` of a TypeScript file would fail before tsx is in.
        execArgv: [],
      });
      w.on("message", (m: { id: number; page: SignInPage }) => {
        const h = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        if (this.waiting.size === 0) w.unref();
        h?.resolve(m.page);
      });
      // A worker that fails (cannot load, crashes) is dropped: its pending pages, and every later one, are
      // read on this thread instead.
      w.on("error", () => this.readHere());
      w.on("exit", () => this.readHere());
      w.unref();
      this.worker = w;
    } catch {
      this.worker = null;
    }
  }

  private readHere(): void {
    this.worker = null;
    const pending = [...this.waiting.values()];
    this.waiting.clear();
    for (const h of pending) h.resolve(readSignInPage(h.text, this.keepRawSince));
  }

  read(text: string): Promise<SignInPage> {
    const w = this.worker;
    if (!w) return Promise.resolve(readSignInPage(text, this.keepRawSince));
    const id = this.nextId++;
    return new Promise((resolve) => {
      // Referenced only while a page is being read: an idle worker never keeps the process alive.
      if (this.waiting.size === 0) w.ref();
      this.waiting.set(id, { text, resolve });
      w.postMessage({ id, text } satisfies Job);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) {
      w.removeAllListeners("exit");
      await w.terminate();
    }
  }

  /** True while pages are read on the worker thread (false after a fallback to this thread). */
  get threaded(): boolean {
    return this.worker !== null;
  }
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE && parentPort) {
  const port = parentPort;
  const { keepRawSince } = workerData as { keepRawSince?: string };
  port.on("message", (job: Job) => {
    port.postMessage({ id: job.id, page: readSignInPage(job.text, keepRawSince) });
  });
}
