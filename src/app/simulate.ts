// Use case behind `glidepath simulate`: load the workspace snapshot, compose current ± proposed policies,
// replay the window's access patterns and return the blast radius. simulateSnapshot is the same on a
// snapshot already in memory (the demo calls it).

import { readPolicyFiles } from "../adapters/policy-files/read.js";
import {
  type AccessPattern,
  buildDirectoryIndex,
  GlidepathError,
  ROLE,
  type TenantSnapshot,
} from "../core/model/index.js";
import { type EmergencyResolution, resolveEmergency } from "../core/replay/emergency.js";
import {
  composePolicySet,
  type PolicySet,
  type ProposedInput,
  type UnresolvedReference,
} from "../core/replay/policy-set.js";
import { type Simulation, simulate } from "../core/replay/simulate.js";
import { CONFIG_KEY } from "./assess.js";
import { signInWindowDays } from "./sign-in-window.js";
import { openExistingWorkspace, type WorkspaceHandle } from "./workspace.js";

export interface EmergencySummary {
  readonly source: EmergencyResolution["source"];
  readonly userIds: readonly string[];
  readonly users: readonly string[];
  readonly groupId: string | null;
  readonly note: string;
}

export interface PolicyChange {
  readonly added: readonly {
    readonly id: string;
    readonly displayName: string;
    readonly source?: string;
    readonly state: string;
  }[];
  readonly removed: readonly { readonly id: string; readonly displayName: string }[];
  readonly unresolved: readonly UnresolvedReference[];
  /** Warnings from normalising the proposed policies (one line each). */
  readonly warnings: readonly string[];
}

export interface SimulateReport extends Simulation {
  readonly capturedAt: string;
  readonly tenant: string;
  readonly change: PolicyChange;
  readonly emergency: EmergencySummary;
}

/**
 * Read --policy files or folders (any shape the one policy-file reader accepts) into proposed inputs, with
 * one warning line per path skipped (a FIFO, socket or device in a folder is never opened).
 */
export function loadPolicyInputs(paths: readonly string[]): { inputs: ProposedInput[]; skipped: string[] } {
  const { files, skipped } = readPolicyFiles(paths);
  return {
    inputs: files.flatMap((f) => f.policies.map((p) => ({ raw: p.raw, sourceName: p.sourceName }))),
    skipped: skipped.map((s) => `${s.path}: ${s.reason}`),
  };
}

/** `change` with the skipped-path lines leading its warnings. */
export function withSkipped<T extends { readonly change: PolicyChange | null }>(r: T, skipped: readonly string[]): T {
  if (skipped.length === 0 || !r.change) return r;
  return { ...r, change: { ...r.change, warnings: [...skipped, ...r.change.warnings] } };
}

/**
 * Stream the workspace's access patterns (seen since `since`; "" = all), one user at a time, so replay
 * never holds every pattern of a 100,000-user tenant at once.
 */
export function streamPatterns(
  ws: WorkspaceHandle,
  since: string,
  userIds?: readonly string[],
): Iterable<AccessPattern> {
  return ws.store.iteratePatterns({ since: since || undefined, userIds });
}

/**
 * A snapshot without access patterns (they are streamed) and without the collections replay never reads
 * (audit log, rooms, licences), so 100,000-user tenants stay well inside 2 GB.
 */
export async function loadSnapshotForReplay(ws: WorkspaceHandle): Promise<TenantSnapshot> {
  const s = await ws.loadSnapshot({ signIns: "none", patterns: "none" });
  return { ...s, directoryAudits: [], rooms: [], subscribedSkus: [], signIns: [] };
}

/**
 * The emergency accounts the workspace declares (classify), else those detected in the snapshot. Never the
 * simulator's planted ground truth: that is a test oracle, and an answer built on it would hide a failed
 * detection.
 */
export async function workspaceEmergency(ws: WorkspaceHandle, snapshot: TenantSnapshot): Promise<EmergencySummary> {
  const cls = (await ws.store.getConfig<Record<string, string>>(CONFIG_KEY.classifications)) ?? {};
  const declared = Object.entries(cls)
    .filter(([, t]) => t === "emergency")
    .map(([id]) => id);
  // Detection looks only at Global Administrators: give it their patterns when the snapshot has none.
  let s = snapshot;
  if (declared.length === 0 && snapshot.accessPatterns.length === 0) {
    const index = buildDirectoryIndex(snapshot, snapshot.meta.capturedAt);
    const ga = snapshot.users.filter((u) => index.activeRolesOf(u.id).has(ROLE.globalAdministrator)).map((u) => u.id);
    s = { ...snapshot, accessPatterns: [...streamPatterns(ws, "", ga.slice(0, 500))] };
  }
  return emergencyOf(s, declared);
}

/** Resolve the emergency accounts of a snapshot: the declared ids, else the product's detection. */
export function emergencyOf(snapshot: TenantSnapshot, declared: readonly string[]): EmergencySummary {
  const r = resolveEmergency(snapshot, declared, snapshot.meta.capturedAt);
  const upn = new Map(snapshot.users.map((u) => [u.id, u.userPrincipalName]));
  return {
    source: r.source,
    userIds: r.userIds,
    users: r.userIds.map((id) => upn.get(id) ?? id),
    groupId: r.groupId,
    note: r.note,
  };
}

/** Turn composition errors into one coded error naming the file and field. */
export function assertPolicySet(set: PolicySet): void {
  if (set.errors.length === 0) return;
  const first = set.errors[0];
  const more =
    set.errors.length > 1
      ? ` (+${set.errors.length - 1} more: ${set.errors
          .slice(1, 4)
          .map((e) => e.message)
          .join("; ")})`
      : "";
  throw new GlidepathError(
    first?.code ?? "policy.invalid",
    `${first?.message ?? "invalid policy"} [field: ${first?.path}]${more}`,
    first?.code === "policy.duplicate-id"
      ? "pass --replace ID to simulate a change to that policy, or remove the id from the file to add a new policy"
      : first?.path === "--replace"
        ? "list the current policy ids with 'glidepath tenant --format json'"
        : "fix the named field of the policy file (Graph conditionalAccessPolicy JSON)",
  );
}

export function policyChange(set: PolicySet): PolicyChange {
  const added = set.proposed.filter((p) => set.addedIds.includes(p.id));
  return {
    added: added.map((p) => ({
      id: p.id,
      displayName: p.displayName,
      state: p.state,
      ...(p.sourceName ? { source: p.sourceName } : {}),
    })),
    removed: set.current
      .filter((p) => set.removedIds.includes(p.id))
      .map((p) => ({ id: p.id, displayName: p.displayName })),
    unresolved: set.unresolved,
    warnings: set.diagnostics
      .filter((d) => d.severity === "warning" && d.file)
      .map((d) => `${d.file}: ${d.path ? `${d.path}: ` : ""}${d.message}`),
  };
}

export interface SimulateSnapshotOptions {
  readonly replace?: readonly string[];
  readonly days?: number;
  /** Default: the snapshot's capture time. */
  readonly now?: string;
  /** Default: resolved from the snapshot (detected), else none. */
  readonly emergency?: EmergencySummary;
  /** Streamed access patterns (default the snapshot's). */
  readonly patterns?: Iterable<AccessPattern>;
}

/**
 * Simulate proposed raw policies (Graph JSON objects, or {raw, sourceName}) against a loaded snapshot.
 * Throws GlidepathError on invalid input. For the demo: simulateSnapshot(snapshot, [template]).
 */
export function simulateSnapshot(
  snapshot: TenantSnapshot,
  proposed: readonly (ProposedInput | object)[],
  opts: SimulateSnapshotOptions = {},
): SimulateReport {
  const inputs: ProposedInput[] = proposed.map((p, i) =>
    "raw" in p && "sourceName" in p ? (p as ProposedInput) : { raw: p, sourceName: `proposed#${i + 1}` },
  );
  const set = composePolicySet(snapshot, inputs, { replace: opts.replace ?? [] });
  assertPolicySet(set);
  const emergency = opts.emergency ?? emergencyOf(snapshot, []);
  const now = opts.now ?? snapshot.meta.capturedAt;
  const sim = simulate(snapshot, set.current, set.proposed, {
    now,
    days: opts.days ?? 30,
    emergencyUserIds: emergency.userIds,
    emergencyGroupIds: emergency.groupId ? [emergency.groupId] : [],
    ...(opts.patterns ? { patterns: opts.patterns } : {}),
  });
  return {
    capturedAt: snapshot.meta.capturedAt,
    tenant: snapshot.meta.tenantDisplayName,
    change: policyChange(set),
    emergency,
    ...sim,
  };
}

export interface SimulateRequest {
  readonly dir: string;
  readonly policyFiles: readonly string[];
  readonly replace?: readonly string[];
  readonly days?: number;
}

export async function runSimulate(req: SimulateRequest): Promise<SimulateReport> {
  if (req.policyFiles.length === 0 && (req.replace ?? []).length === 0) {
    throw new GlidepathError(
      "simulate.no-change",
      "simulate needs a proposed change: --policy FILE (one or more) and/or --replace ID",
      "write a policy with 'glidepath policy template require-mfa-all-users --exclude-emergency > p.json', then 'glidepath simulate --policy p.json'",
    );
  }
  const { inputs, skipped } = loadPolicyInputs(req.policyFiles);
  const ws = await openExistingWorkspace(req.dir);
  try {
    const snapshot = await loadSnapshotForReplay(ws);
    const emergency = await workspaceEmergency(ws, snapshot);
    const { days, requestedDays } = await signInWindowDays(ws.store, snapshot.meta.capturedAt, req.days ?? 30);
    const since = new Date(Date.parse(snapshot.meta.capturedAt) - days * 86_400_000).toISOString();
    const r = simulateSnapshot(snapshot, inputs, {
      replace: req.replace ?? [],
      days,
      emergency,
      patterns: streamPatterns(ws, since),
    });
    const report = withSkipped(r, skipped);
    if (requestedDays === undefined) return report;
    return { ...report, summary: { ...report.summary, window: { ...report.summary.window, requestedDays } } };
  } finally {
    await ws.close();
  }
}
