// Use case behind `glidepath gaps`: where members get no MFA requirement under the enforced policies.

import { findGaps, type GapsReport } from "../core/replay/gaps.js";
import { signInWindowDays } from "./sign-in-window.js";
import { loadSnapshotForReplay, streamPatterns } from "./simulate.js";
import { openExistingWorkspace } from "./workspace.js";

export interface GapsResult extends GapsReport {
  readonly tenant: string;
  readonly capturedAt: string;
}

export async function runGaps(dir: string, opts: { days?: number } = {}): Promise<GapsResult> {
  const ws = await openExistingWorkspace(dir);
  try {
    const snapshot = await loadSnapshotForReplay(ws);
    const { days, requestedDays } = await signInWindowDays(ws.store, snapshot.meta.capturedAt, opts.days ?? 30);
    const since = new Date(Date.parse(snapshot.meta.capturedAt) - days * 86_400_000).toISOString();
    const r = findGaps(snapshot, { now: snapshot.meta.capturedAt, days, patterns: streamPatterns(ws, since) });
    const window = requestedDays === undefined ? r.window : { ...r.window, requestedDays };
    return { tenant: snapshot.meta.tenantDisplayName, capturedAt: snapshot.meta.capturedAt, ...r, window };
  } finally {
    await ws.close();
  }
}
