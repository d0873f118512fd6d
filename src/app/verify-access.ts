// Use case behind `glidepath verify-access`: prove that the chosen accounts keep a way in under the
// current (or proposed) policy set, list every class in which they are blocked, and optionally check
// that no access pattern that succeeds today is blocked after the change (--no-new-lockout).

import { buildDirectoryIndex } from "../core/model/directory-index.js";
import { type AccessPattern, GlidepathError, type TenantSnapshot } from "../core/model/index.js";
import { ADMIN_ROLE_TEMPLATE_IDS } from "../core/model/well-known.js";
import { composePolicySet, type ProposedInput } from "../core/replay/policy-set.js";
import { type AccountProof, type NoNewLockoutResult, noNewLockout, proveAccounts } from "../core/replay/verify.js";
import { buildTemplate } from "../core/rollout/templates.js";
import { signInWindowDays } from "./sign-in-window.js";
import {
  assertPolicySet,
  type EmergencySummary,
  emergencyOf,
  loadPolicyInputs,
  loadSnapshotForReplay,
  type PolicyChange,
  policyChange,
  type SimulateReport,
  simulateSnapshot,
  streamPatterns,
  withSkipped,
  workspaceEmergency,
} from "./simulate.js";
import { openExistingWorkspace } from "./workspace.js";

export type AccountsSpec = "emergency" | "admins" | readonly string[];

export interface VerifyReport {
  readonly tenant: string;
  readonly capturedAt: string;
  readonly accountsSpec: string;
  readonly change: PolicyChange | null;
  readonly emergency: EmergencySummary;
  readonly policiesEvaluated: number;
  readonly proofs: readonly AccountProof[];
  readonly noNewLockout: NoNewLockoutResult | null;
  /** Every proof holds (and no new lockout, when asked). */
  readonly holds: boolean;
}

export interface VerifySnapshotOptions {
  readonly accounts?: AccountsSpec;
  readonly replace?: readonly string[];
  readonly noNewLockout?: boolean;
  readonly except?: readonly string[];
  readonly days?: number;
  readonly emergency?: EmergencySummary;
  readonly now?: string;
  /** Streamed access patterns for --no-new-lockout (default the snapshot's). */
  readonly patterns?: Iterable<AccessPattern>;
}

/** Parse `--accounts emergency|admins|UPN,...`. */
export function parseAccounts(v: string | undefined): AccountsSpec {
  if (!v || v === "emergency") return "emergency";
  if (v === "admins") return "admins";
  return v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function accountIds(snapshot: TenantSnapshot, spec: AccountsSpec, emergency: EmergencySummary, now: string): string[] {
  const index = buildDirectoryIndex(snapshot, now);
  if (spec === "emergency") {
    if (emergency.userIds.length === 0) {
      throw new GlidepathError(
        "verify.no-emergency-accounts",
        "--accounts emergency: the workspace declares no emergency accounts and none were detected",
        "declare them with 'glidepath classify USER emergency', or pass --accounts UPN,UPN",
      );
    }
    return [...emergency.userIds];
  }
  if (spec === "admins") {
    const admin = new Set(ADMIN_ROLE_TEMPLATE_IDS);
    return snapshot.users
      .filter((u) => u.accountEnabled && [...index.activeRolesOf(u.id)].some((r) => admin.has(r)))
      .map((u) => u.id);
  }
  return spec.map((s) => {
    const u = index.findUser(s);
    if (!u)
      throw new GlidepathError(
        "verify.unknown-account",
        `--accounts: no user '${s}' in the workspace`,
        "pass user principal names or object ids",
      );
    return u.id;
  });
}

/**
 * Verify access on a loaded snapshot for the current set plus proposed raw policies (Graph JSON objects
 * or {raw, sourceName}). For the demo: verifyAccessSnapshot(snapshot, [template], { accounts: "emergency" }).
 */
export function verifyAccessSnapshot(
  snapshot: TenantSnapshot,
  proposed: readonly (ProposedInput | object)[],
  opts: VerifySnapshotOptions = {},
): VerifyReport {
  const inputs: ProposedInput[] = proposed.map((p, i) =>
    "raw" in p && "sourceName" in p ? (p as ProposedInput) : { raw: p, sourceName: `proposed#${i + 1}` },
  );
  const set = composePolicySet(snapshot, inputs, { replace: opts.replace ?? [] });
  assertPolicySet(set);
  const now = opts.now ?? snapshot.meta.capturedAt;
  const spec = opts.accounts ?? "emergency";
  // Detection folds every access pattern: only when the emergency accounts are asked for.
  const emergency =
    opts.emergency ??
    (spec === "emergency"
      ? emergencyOf(snapshot, [])
      : { source: "none" as const, userIds: [], users: [], groupId: null, note: "not resolved (accounts named)" });
  const ids = accountIds(snapshot, spec, emergency, now);
  const proofs = proveAccounts(snapshot, set.proposed, ids, { now });
  const changed = inputs.length > 0 || (opts.replace ?? []).length > 0;
  const nnl = opts.noNewLockout
    ? noNewLockout(snapshot, set.current, set.proposed, {
        now,
        days: opts.days ?? 30,
        except: opts.except ?? [],
        ...(opts.patterns ? { patterns: opts.patterns } : {}),
      })
    : null;
  return {
    tenant: snapshot.meta.tenantDisplayName,
    capturedAt: snapshot.meta.capturedAt,
    accountsSpec: typeof spec === "string" ? spec : spec.join(","),
    change: changed ? policyChange(set) : null,
    emergency,
    policiesEvaluated: set.proposed.length,
    proofs,
    noNewLockout: nnl,
    holds: proofs.every((p) => p.holds) && (nnl?.holds ?? true),
  };
}

export interface VerifyRequest extends VerifySnapshotOptions {
  readonly dir: string;
  readonly policyFiles: readonly string[];
}

export async function runVerifyAccess(req: VerifyRequest): Promise<VerifyReport> {
  const { inputs, skipped } = loadPolicyInputs(req.policyFiles);
  const ws = await openExistingWorkspace(req.dir);
  try {
    const snapshot = await loadSnapshotForReplay(ws);
    const emergency = await workspaceEmergency(ws, snapshot);
    // The no-new-lockout proof reads the sign-ins the log holds; the days asked beyond them add nothing.
    const { days } = await signInWindowDays(ws.store, snapshot.meta.capturedAt, req.days ?? 30);
    const since = new Date(Date.parse(snapshot.meta.capturedAt) - days * 86_400_000).toISOString();
    const r = verifyAccessSnapshot(snapshot, inputs, {
      ...req,
      days,
      emergency,
      ...(req.noNewLockout ? { patterns: streamPatterns(ws, since) } : {}),
    });
    return withSkipped(r, skipped);
  } finally {
    await ws.close();
  }
}

export interface DemoBlastRadius {
  /** The policy simulated: require MFA for all users, excluding the emergency-account group. */
  readonly policy: object;
  readonly simulation: SimulateReport;
  /** verify-access --accounts emergency over current + that policy. */
  readonly proof: VerifyReport;
}

/**
 * What `glidepath demo` shows after loading the tenant: simulate "require MFA for all users, excluding the
 * emergency group" and prove the emergency accounts keep a way in. `emergencyUserIds` (the declared
 * accounts) are resolved to their group; without them the accounts are detected from the snapshot. Throws GlidepathError when no emergency group can be found.
 */
export function demoBlastRadius(snapshot: TenantSnapshot, emergencyUserIds: readonly string[] = []): DemoBlastRadius {
  const emergency = emergencyOf(snapshot, emergencyUserIds);
  if (!emergency.groupId) {
    throw new GlidepathError(
      "demo.no-emergency-group",
      "no group holds the emergency accounts, so the all-users policy cannot exclude them",
      "declare them with 'glidepath classify USER emergency' and put them in one group",
    );
  }
  const tpl = buildTemplate("require-mfa-all-users", { excludeGroups: [emergency.groupId] });
  if (!tpl.ok) throw new GlidepathError("demo.template", tpl.message, "this is a bug; report it");
  const input = { raw: tpl.policy, sourceName: "require-mfa-all-users" };
  return {
    policy: tpl.policy,
    simulation: simulateSnapshot(snapshot, [input], { emergency }),
    proof: verifyAccessSnapshot(snapshot, [input], { accounts: "emergency", emergency }),
  };
}
