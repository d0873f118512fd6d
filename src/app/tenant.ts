// Use case behind `glidepath tenant`: load the workspace's latest snapshot and summarise it.

import type { SnapshotInfo } from "../adapters/store/index.js";
import { summarizeTenant, type TenantSummary } from "../core/inventory/tenant-summary.js";
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
    const snapshot = await ws.loadSnapshot({ signIns: "none" });
    return {
      workspace: dir,
      snapshotId: snapshots[snapshots.length - 1]?.id ?? 0,
      snapshots,
      summary: summarizeTenant(snapshot),
    };
  } finally {
    await ws.close();
  }
}
