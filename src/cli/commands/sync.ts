// `glidepath sync`: read the connected tenant through Microsoft Graph into a new snapshot (atomic;
// an interrupted sync resumes on the next run with the same options).

import type { Command } from "commander";
import type { SyncProgressEvent } from "../../app/sync.js";
import { SYNC_COLLECTIONS } from "../../app/vocabularies.js";
import { GlidepathError } from "../../core/model/errors.js";
import { isoTime, parsedOption, quoted, wholeNumber } from "../arg-parsers.js";
import {
  type CliRun,
  type FormatOpts,
  type WorkspaceOpts,
  withFormat,
  withWorkspace,
  workspaceDir,
} from "../common.js";
import { emit, type OutStream } from "../output.js";

interface SyncOpts extends WorkspaceOpts, FormatOpts {
  days: number;
  only?: string[];
  concurrency: number;
  now?: string;
}

export function registerSync(program: Command, run: CliRun): void {
  const cmd = program
    .command("sync")
    .description("read the connected tenant (directory, policies, registrations, audits, sign-ins) into a new snapshot")
    .addOption(
      parsedOption(
        "--days <n>",
        "days of sign-ins and audit events to read (1-30)",
        wholeNumber("days", 1, 30, 30),
        "30",
      ),
    )
    .addOption(
      parsedOption("--only <collections>", `comma-separated subset: ${SYNC_COLLECTIONS.join(",")}`, parseOnlyFlag),
    )
    .addOption(parsedOption("--concurrency <n>", "parallel requests (1-16)", wholeNumber("concurrency", 1, 16, 8), "8"))
    .addOption(
      parsedOption(
        "--now <iso>",
        "end of the window instead of now (reproducible syncs of the simulator)",
        isoTime("now", "2026-03-01T00:00:00Z"),
      ),
    );
  withFormat(withWorkspace(cmd)).action(
    run.action(async (opts: SyncOpts) => {
      const { syncWorkspace } = await import("../../app/sync.js");
      const { syncRenderers } = await import("../../views/graph-sync.js");
      const progress = collectionProgress(run.io.stderr);
      const ac = new AbortController();
      const onSigint = () => ac.abort();
      process.once("SIGINT", onSigint);
      try {
        const r = await syncWorkspace(workspaceDir(opts), {
          days: opts.days,
          ...(opts.only !== undefined ? { only: opts.only } : {}),
          ...(opts.now ? { now: new Date(opts.now) } : {}),
          concurrency: opts.concurrency,
          signal: ac.signal,
          prompt: (m) => run.io.stderr.write(`${m}\n`),
          onProgress: progress.update,
        });
        progress.end();
        emit(run.io.stdout, r, opts.format, syncRenderers, opts.out);
        return r.skipped.count > 0 ? "partial" : "ok";
      } finally {
        progress.end();
        process.removeListener("SIGINT", onSigint);
      }
    }),
  );
}

/** `--only a,b`: at least one collection, each a known one (an empty list would silently mean "all"). */
function parseOnlyFlag(v: string): string[] {
  const names = v
    .split(",")
    .map((c) => c.trim())
    .filter(Boolean);
  const unknown = names.find((c) => !(SYNC_COLLECTIONS as readonly string[]).includes(c));
  if (names.length === 0 || unknown !== undefined) {
    throw new GlidepathError(
      "sync.only",
      names.length === 0 ? "--only names no collection" : `--only: unknown collection ${quoted(unknown ?? "")}`,
      `choose from ${SYNC_COLLECTIONS.join(", ")}, e.g. --only users,groups`,
    );
  }
  return names;
}

/**
 * Progress per collection on one stderr line (`users 10,000 ✓ · signIns 42,000 (12/60)`), refreshed at most
 * ten times a second, only when the run's stderr is a terminal — pipes and CI stay quiet.
 */
function collectionProgress(stderr: OutStream, enabled = Boolean(stderr.isTTY) && !process.env.CI) {
  const state = new Map<string, SyncProgressEvent>();
  let last = 0;
  let shown = false;
  const render = () => {
    const parts = [...state.values()].map((e) =>
      e.slicesDone === e.slicesTotal
        ? `${e.collection} ${e.items.toLocaleString("en-US")} ✓`
        : `${e.collection} ${e.items.toLocaleString("en-US")}${e.slicesTotal > 1 ? ` (${e.slicesDone}/${e.slicesTotal})` : ""}`,
    );
    const line = `sync: ${parts.join(" · ")}`;
    const width = stderr.columns ?? 120;
    stderr.write(`\r${line.length > width - 1 ? `${line.slice(0, width - 2)}…` : line.padEnd(width - 1)}`);
    shown = true;
  };
  return {
    update(e: SyncProgressEvent): void {
      if (!enabled) return;
      state.set(e.collection, e);
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      render();
    },
    end(): void {
      if (shown) stderr.write("\n");
      shown = false;
    },
  };
}
