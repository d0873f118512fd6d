// Use case behind `glidepath import`: read admin-center, PowerShell, Graph and Log Analytics exports into
// the workspace as one transaction, and say what landed, what was skipped and why.

import { existsSync } from "node:fs";
import { type FileSummary, type ImportOutcome, importBatch } from "../adapters/import/importer.js";
import type { ImportKind } from "../adapters/import/kinds.js";
import { deleteWorkspaceFiles, workspaceExists } from "../adapters/store/index.js";
import { type ExitName, GlidepathError } from "../core/model/index.js";
import { openWorkspaceStore } from "./workspace.js";

export { IMPORT_KINDS, USER_KINDS } from "../adapters/import/kinds.js";
export type { FileSummary, ImportKind };

/** Progress sink (the CLI passes one that draws on stderr when it is a TTY). */
export interface ImportProgress {
  start(label: string, total?: number): void;
  update(done: number): void;
  end(summary?: string): void;
}

export interface ImportRequest {
  readonly workspace: string;
  readonly paths: readonly string[];
  readonly kind?: ImportKind | "auto";
  readonly strict?: boolean;
  /** ISO time; defaults to the clock. */
  readonly now?: string;
  readonly progress?: ImportProgress;
}

export interface ImportReport extends ImportOutcome {
  readonly workspace: string;
  /** ok: everything landed; partial: some records or files were skipped; error: nothing could be imported. */
  readonly outcome: "ok" | "partial" | "error";
}

export function importExit(r: ImportReport): ExitName {
  return r.outcome === "ok" ? "ok" : r.outcome === "partial" ? "partial" : "error";
}

export async function runImport(req: ImportRequest): Promise<ImportReport> {
  if (req.paths.length === 0) {
    throw new GlidepathError(
      "import.no-input",
      "no file to import",
      "name one or more export files or folders: glidepath import FILE...",
    );
  }
  const missing = req.paths.filter((p) => !existsSync(p));
  if (missing.length > 0) {
    throw new GlidepathError(
      "import.missing-file",
      `no such file or folder: ${missing.join(", ")}`,
      "check the path (folders are read recursively)",
    );
  }
  const existed = workspaceExists(req.workspace);
  const store = openWorkspaceStore(req.workspace);
  let outcome: ImportOutcome | null = null;
  let busy = false;
  try {
    req.progress?.start("importing (bytes)");
    outcome = await importBatch(store, req.paths, {
      kind: req.kind,
      strict: req.strict,
      now: req.now ?? new Date().toISOString(),
      onProgress: (bytes) => req.progress?.update(bytes),
    });
    req.progress?.end();
  } catch (e) {
    // Another writer holds the workspace: it may have created it meanwhile, and its file is not ours to remove.
    busy = e instanceof GlidepathError && e.code === "workspace.busy";
    throw e;
  } finally {
    await store.close();
    // A workspace this command created and then wrote nothing into is removed again: nothing was written.
    if (!existed && !busy && (outcome === null || outcome.snapshotId === null)) deleteWorkspaceFiles(req.workspace);
  }
  const skipped = outcome.files.some(
    (f: FileSummary) => f.skipped > 0 || f.status === "partial" || f.status === "rejected",
  );
  return {
    ...outcome,
    workspace: req.workspace,
    outcome: outcome.snapshotId === null ? (skipped ? "error" : "ok") : skipped ? "partial" : "ok",
  };
}
