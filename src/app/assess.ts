// Use case behind `glidepath assess` (and the verdict `glidepath demo` prints): load the workspace's latest
// snapshot and the admin's decisions, run the readiness catalogue, return the typed report.

import { type AssessmentReport, buildAssessment } from "../core/checks/report.js";
import type { AssessmentConfig, ClassificationType } from "../core/checks/types.js";
import type { TenantSnapshot } from "../core/model/index.js";
import { openExistingWorkspace, type WorkspaceHandle } from "./workspace.js";

/** Workspace config keys this use case reads. */
export const CONFIG_KEY = {
  /** Record<userId, ClassificationType> written by `glidepath classify`. */
  classifications: "assess.classifications",
  /** { helpContact?, campaignStart?, registrationDays?, emergencyTestDates? } */
  settings: "assess.settings",
} as const;

export interface AssessSettings {
  readonly helpContact?: string;
  readonly campaignStart?: string;
  readonly registrationDays?: number;
  readonly emergencyTestDates?: readonly string[];
}

export interface AssessOptions {
  /** Assess as of this time (ISO); default: when the snapshot was captured. */
  readonly now?: string;
  /** Override the stored help contact for the announcement. */
  readonly helpContact?: string;
  /** Override the stored registration start (YYYY-MM-DD). */
  readonly campaignStart?: string;
}

/** The admin's decisions and settings stored in the workspace. */
export async function loadAssessmentConfig(ws: WorkspaceHandle, opts: AssessOptions = {}): Promise<AssessmentConfig> {
  const classifications =
    (await ws.store.getConfig<Record<string, ClassificationType>>(CONFIG_KEY.classifications)) ?? {};
  const settings = (await ws.store.getConfig<AssessSettings>(CONFIG_KEY.settings)) ?? {};
  return {
    classifications,
    ...settings,
    ...(opts.helpContact ? { helpContact: opts.helpContact } : {}),
    ...(opts.campaignStart ? { campaignStart: opts.campaignStart } : {}),
  };
}

/** Assess a snapshot already in memory (pure; the demo and tests call this). */
export function assessSnapshot(
  snapshot: TenantSnapshot,
  config: AssessmentConfig = {},
  now?: string,
): AssessmentReport {
  return buildAssessment(snapshot, config, now ?? snapshot.meta.capturedAt);
}

/** Assess the latest snapshot of the workspace at `dir`. */
export async function assessWorkspace(dir: string, opts: AssessOptions = {}): Promise<AssessmentReport> {
  const ws = await openExistingWorkspace(dir);
  try {
    const snapshot = await ws.loadSnapshot();
    const config = await loadAssessmentConfig(ws, opts);
    return assessSnapshot(snapshot, config, opts.now);
  } finally {
    await ws.close();
  }
}
