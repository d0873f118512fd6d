// Use case behind `glidepath export`: write the workspace's latest snapshot and its sign-in log back out
// as Graph JSON or as the admin center's CSV downloads. `glidepath import` reads both back losslessly for
// what the model holds (CSV carries fewer sign-in fields: no per-policy CA results, no risk).

import { prepareOutputFolder } from "../adapters/files/output-folder.js";
import { type ExportedFile, type ExportFormat, writeExport } from "../adapters/import/export.js";
import { openExistingWorkspace } from "./workspace.js";

export type { ExportFormat };

export interface ExportRequest {
  readonly workspace: string;
  readonly dir: string;
  readonly as: ExportFormat;
  /** Write into a non-empty folder, replacing the files export writes (others are left alone). */
  readonly force?: boolean;
}

export interface ExportReport {
  readonly workspace: string;
  readonly snapshotId: number;
  readonly dir: string;
  readonly as: ExportFormat;
  readonly files: readonly ExportedFile[];
}

export async function runExport(req: ExportRequest): Promise<ExportReport> {
  const ws = await openExistingWorkspace(req.workspace);
  try {
    prepareOutputFolder(req.dir, {
      force: req.force === true,
      what: "--to",
      forceHint: "choose an empty or new folder, or add --force to replace the exported files in it",
    });
  } catch (e) {
    await ws.close();
    throw e;
  }
  try {
    const snaps = await ws.store.listSnapshots();
    // Patterns are not exported from the snapshot (sign-ins re-derive them): skip loading them.
    const loaded = await ws.loadSnapshot({ signIns: "none", patterns: "none" });
    const stats = await ws.store.signInStats();
    const snapshot = {
      ...loaded,
      meta: {
        ...loaded.meta,
        signInCount: stats.count,
        signInWindow: stats.from && stats.to ? { from: stats.from, to: stats.to } : (loaded.meta.signInWindow ?? null),
      },
    };
    const files = await writeExport(ws.store, snapshot, req.dir, req.as);
    return { workspace: req.workspace, snapshotId: snaps.at(-1)?.id ?? 0, dir: req.dir, as: req.as, files };
  } finally {
    await ws.close();
  }
}
