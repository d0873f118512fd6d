// Use case behind `glidepath assess` (and the verdict `glidepath demo` prints): load the workspace's latest
// snapshot and the admin's decisions, run the readiness catalogue, return the typed report.

import { CHECKS } from "../core/checks/registry.js";
import { type AssessmentReport, buildAssessment } from "../core/checks/report.js";
import type { Precomputed } from "../core/checks/shared/facts.js";
import type { AssessmentConfig, ClassificationType } from "../core/checks/types.js";
import { activityFolder } from "../core/exclusions/activity.js";
import {
  type AccessPattern,
  buildDirectoryIndex,
  isLegacyClientApp,
  ROLE,
  type SignIn,
  type TenantSnapshot,
} from "../core/model/index.js";
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

/**
 * Load what the assessment needs from a workspace without holding every access pattern (1.4 million at
 * 100,000 users): the directory snapshot, the per-user activity folded while streaming the patterns, the
 * patterns checks read one by one (successful legacy-protocol use; Global Administrators and declared
 * emergency accounts), and the sign-ins those checks cite as evidence.
 */
export async function loadForAssessment(
  ws: WorkspaceHandle,
  config: AssessmentConfig,
): Promise<{ snapshot: TenantSnapshot; pre: Precomputed }> {
  // The directory only (patterns and raw sign-ins are streamed below).
  const base = await ws.loadSnapshot({ signIns: "none", patterns: "none" });
  const stats = await ws.store.signInStats();
  const now = base.meta.capturedAt;
  const index = buildDirectoryIndex(base, now);
  const keep = new Set<string>();
  for (const u of base.users) if (index.activeRolesOf(u.id).has(ROLE.globalAdministrator)) keep.add(u.id);
  for (const [id, t] of Object.entries(config.classifications ?? {})) {
    if (t === "emergency") keep.add(index.findUser(id)?.id ?? id);
  }
  for (const id of config.emergencyAccountIds ?? []) keep.add(index.findUser(id)?.id ?? id);

  const folder = activityFolder();
  const kept: AccessPattern[] = [];
  for (const p of ws.store.iteratePatterns()) {
    folder.add(p);
    if (keep.has(p.userId) || (p.successCount > 0 && isLegacyClientApp(p.clientAppUsed))) kept.push(p);
  }
  const signIns = evidenceSignIns(ws, [...keep]);
  const snapshot: TenantSnapshot = {
    ...base,
    accessPatterns: kept,
    signIns,
    meta: {
      ...base.meta,
      signInCount: stats.count,
      signInWindow: stats.from && stats.to ? { from: stats.from, to: stats.to } : (base.meta.signInWindow ?? null),
    },
  };
  return { snapshot, pre: { activity: folder.result } };
}

/** The sign-ins checks cite: successful legacy-protocol sign-ins, and every sign-in of the kept accounts. */
function evidenceSignIns(ws: WorkspaceHandle, userIds: readonly string[]): SignIn[] {
  return [...ws.store.iterateSignIns({ legacySuccesses: true, userIds })].map((x) => x.signIn);
}

/** Assess the latest snapshot of an open workspace (streams it: fit for 100,000 users). */
export async function assessOpenWorkspace(ws: WorkspaceHandle, opts: AssessOptions = {}): Promise<AssessmentReport> {
  const config = await loadAssessmentConfig(ws, opts);
  const { snapshot, pre } = await loadForAssessment(ws, config);
  return buildAssessment(snapshot, config, opts.now ?? snapshot.meta.capturedAt, CHECKS, pre);
}

/** Assess the latest snapshot of the workspace at `dir`. */
export async function assessWorkspace(dir: string, opts: AssessOptions = {}): Promise<AssessmentReport> {
  const ws = await openExistingWorkspace(dir);
  try {
    return await assessOpenWorkspace(ws, opts);
  } finally {
    await ws.close();
  }
}
