// Use case behind `glidepath gaps`: where members get no MFA requirement under the enforced policies.

import { findGaps, type GapsReport } from "../core/replay/gaps.js";
import { openExistingWorkspace } from "./workspace.js";

export interface GapsResult extends GapsReport {
  readonly tenant: string;
  readonly capturedAt: string;
}

export async function runGaps(dir: string, opts: { days?: number } = {}): Promise<GapsResult> {
  const ws = await openExistingWorkspace(dir);
  try {
    const snapshot = await ws.loadSnapshot({ signIns: "none" });
    const r = findGaps(snapshot, { now: snapshot.meta.capturedAt, days: opts.days ?? 30 });
    return { tenant: snapshot.meta.tenantDisplayName, capturedAt: snapshot.meta.capturedAt, ...r };
  } finally {
    await ws.close();
  }
}
