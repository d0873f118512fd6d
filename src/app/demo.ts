// Use case behind `glidepath demo`: build the simulated tenant "Northwind Estates" into a fresh
// workspace and report what is in it. Later capabilities (assessment, blast radius) add their verdicts.

import { type GroundTruth, generateTenant } from "../adapters/simulator/index.js";
import { RAW_SIGN_IN_DAYS } from "../adapters/store/index.js";
import type { AssessmentReport } from "../core/checks/report.js";
import { summarizeTenant, type TenantSummary } from "../core/inventory/tenant-summary.js";
import type { SignIn, TenantSnapshot } from "../core/model/index.js";
import { assessSnapshot, loadAssessmentConfig } from "./assess.js";
import { type DemoBlastRadius, demoBlastRadius } from "./verify-access.js";
import { recreateSimulatorWorkspace } from "./workspace.js";
import type { WorkspaceWriter } from "./workspace-port.js";

export interface DemoOptions {
  readonly dir: string;
  readonly users: number;
  readonly seed: string;
  /** The simulated "today" (ISO); defaults to the start of the current UTC day. */
  readonly now?: string;
  readonly force?: boolean;
  readonly progress?: (label: string, done: number, total?: number) => void;
}

export interface DemoResult {
  readonly workspace: string;
  readonly users: number;
  readonly seed: string;
  readonly now: string;
  readonly signInsLoaded: number;
  readonly summary: TenantSummary;
  readonly planted: Readonly<Record<string, number>>;
  /** The readiness assessment of the tenant (`glidepath assess`). */
  readonly assessment: AssessmentReport;
  /** "Require MFA for all users, excluding the emergency group": blast radius and emergency-access proof. */
  readonly blastRadius: DemoBlastRadius;
}

/** The start of the current UTC day, the simulator's default "now". */
export function startOfUtcDay(d = new Date()): string {
  return `${d.toISOString().slice(0, 10)}T00:00:00Z`;
}

const DAY_MS = 86_400_000;

/**
 * Write a generated tenant into `store` in one transaction: the directory snapshot, then every sign-in
 * streamed through the ingest (so memory does not grow with the sign-in count). Returns sign-ins loaded.
 */
export function loadSnapshotWithSignIns(
  store: WorkspaceWriter,
  snapshot: TenantSnapshot,
  signIns: Iterable<SignIn>,
  onProgress?: (done: number) => void,
): number {
  const keepRawSince = new Date(Date.parse(snapshot.meta.capturedAt) - RAW_SIGN_IN_DAYS * DAY_MS).toISOString();
  return store.writeTenant(snapshot, signIns, { keepRawSince, ...(onProgress ? { onProgress } : {}) });
}

/** Counts of each planted situation, for the demo's "what is in it" lines. */
export function plantedCounts(g: GroundTruth): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(g)) {
    if (Array.isArray(v)) out[k] = v.length;
  }
  return out;
}

export async function runDemo(o: DemoOptions): Promise<DemoResult> {
  const now = o.now ?? startOfUtcDay();
  o.progress?.("generating Northwind Estates", 0);
  const t = generateTenant({ users: o.users, seed: o.seed, now });
  const ws = await recreateSimulatorWorkspace(o.dir, o.force);
  try {
    const loaded = loadSnapshotWithSignIns(ws.store, t.snapshot, t.signIns(), (n) =>
      o.progress?.("loading sign-ins", n),
    );
    await ws.store.setConfig("simulator", { users: o.users, seed: o.seed, now, groundTruth: t.groundTruth });
    await ws.store.appendJournal("demo.create", { users: o.users, seed: o.seed, now, signIns: loaded });
    const snapshot = await ws.loadSnapshot();
    o.progress?.("assessing readiness", 0);
    const assessment = assessSnapshot(snapshot, await loadAssessmentConfig(ws));
    o.progress?.("simulating require-MFA-for-all-users", 0);
    // The emergency accounts are detected from the tenant, as for a real one, not taken from the ground truth.
    const blastRadius = demoBlastRadius(snapshot);
    return {
      workspace: o.dir,
      users: o.users,
      seed: o.seed,
      now,
      signInsLoaded: loaded,
      summary: summarizeTenant(snapshot),
      planted: plantedCounts(t.groundTruth),
      assessment,
      blastRadius,
    };
  } finally {
    await ws.close();
  }
}
