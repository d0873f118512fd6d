// Use case behind `glidepath tenant`: load the workspace's latest snapshot and summarise it.

import type { SnapshotInfo } from "../adapters/store/index.js";
import { patternActivity, summarizeTenant, type TenantSummary } from "../core/inventory/tenant-summary.js";
import { openExistingWorkspace } from "./workspace.js";

export interface TenantReport {
  readonly workspace: string;
  readonly snapshotId: number;
  readonly snapshots: readonly SnapshotInfo[];
  readonly summary: TenantSummary;
}

export async function tenantReport(dir: string): Promise<TenantReport> {
  const ws = await openExistingWorkspace(dir);
  try {
    const snapshots = await ws.store.listSnapshots();
    // The directory without its access patterns; the patterns are streamed into what the summary needs,
    // so a 100,000-user workspace (1.4 million patterns) is summarised in bounded memory.
    const snapshot = await ws.loadSnapshot({ signIns: "none", patterns: "none" });
    const stats = await ws.store.signInStats();
    const withLog = {
      ...snapshot,
      meta: {
        ...snapshot.meta,
        signInCount: stats.count,
        signInWindow: stats.from && stats.to ? { from: stats.from, to: stats.to } : null,
      },
    };
    return {
      workspace: dir,
      snapshotId: snapshots[snapshots.length - 1]?.id ?? 0,
      snapshots,
      summary: summarizeTenant(withLog, patternActivity(ws.store.iteratePatterns())),
    };
  } finally {
    await ws.close();
  }
}
