// Emergency (break-glass) accounts: the declared ones, or — when none are declared — candidates detected
// with a stated reason. A detected account is never treated as confirmed: checks report it as a guess.
// Microsoft guidance: https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access

import type { User } from "../model/directory.js";
import type { DirectoryIndex } from "../model/directory-index.js";
import type { ConditionalAccessPolicy } from "../model/policy.js";
import type { TenantSnapshot } from "../model/snapshot.js";
import { ROLE } from "../model/well-known.js";
import type { UserActivity } from "./activity.js";
import type { Confidence } from "./candidates.js";

export interface EmergencyCandidate {
  readonly userId: string;
  readonly userPrincipalName: string;
  readonly displayName: string;
  readonly confidence: Confidence;
  readonly signals: readonly string[];
}

export interface EmergencyAccounts {
  /** `declared`: the workspace config names them; `detected`: guessed from signals; `none`. */
  readonly source: "declared" | "detected" | "none";
  /** The accounts the emergency checks examine: the declared ones, else detected high/medium candidates. */
  readonly userIds: readonly string[];
  readonly declared: readonly string[];
  /** Declared ids that are not in the directory. */
  readonly declaredMissing: readonly string[];
  readonly candidates: readonly EmergencyCandidate[];
}

// "breakglass" needs no alternative of its own: the separator in break[\s._-]?glass is optional.
const NAME = /(break[\s._-]?glass|emergency|\bbg[-_.]?admin|\bbga\d*\b)/i;

/** Does the user's display name or UPN say it is an emergency (break-glass) account? */
export function namedAsEmergency(u: Pick<User, "displayName" | "userPrincipalName">): boolean {
  return NAME.test(u.displayName) || NAME.test(u.userPrincipalName);
}

/** Active, tenant-wide, permanent (no end) Global Administrator assignment made to the user directly. */
export function hasPermanentGlobalAdmin(snapshot: TenantSnapshot, userId: string, now: string): boolean {
  const templateOf = new Map(snapshot.roleDefinitions.map((d) => [d.id, d.templateId]));
  return snapshot.roleAssignments.some(
    (a) =>
      a.principalId === userId &&
      a.assignmentType === "active" &&
      a.directoryScopeId === "/" &&
      (templateOf.get(a.roleDefinitionId) ?? a.roleDefinitionId) === ROLE.globalAdministrator &&
      !a.endDateTime &&
      (!a.startDateTime || a.startDateTime <= now),
  );
}

/** Users and groups that policies exclude by id, for the "excluded from policies" signal. */
function structurallyExcluded(policies: readonly ConditionalAccessPolicy[], index: DirectoryIndex, u: User): number {
  let n = 0;
  for (const p of policies) {
    if ((p.state ?? "") === "disabled") continue;
    const users = p.conditions?.users;
    if (!users) continue;
    const exUsers = users.excludeUsers ?? [];
    const exGroups = users.excludeGroups ?? [];
    if (exUsers.includes(u.id) || exGroups.some((g) => index.groupsOf(u.id).has(g))) n++;
  }
  return n;
}

export function resolveEmergencyAccounts(
  snapshot: TenantSnapshot,
  index: DirectoryIndex,
  activity: ReadonlyMap<string, UserActivity>,
  declared: readonly string[],
  now: string,
): EmergencyAccounts {
  const declaredIds: string[] = [];
  const declaredMissing: string[] = [];
  for (const d of declared) {
    const u = index.findUser(d);
    if (u) declaredIds.push(u.id);
    else declaredMissing.push(d);
  }
  const candidates = detectEmergencyCandidates(snapshot, index, activity, now);
  if (declared.length > 0) {
    return { source: "declared", userIds: declaredIds, declared: declaredIds, declaredMissing, candidates };
  }
  const picked = candidates.filter((c) => c.confidence !== "low").map((c) => c.userId);
  return {
    source: picked.length > 0 ? "detected" : "none",
    userIds: picked,
    declared: [],
    declaredMissing,
    candidates,
  };
}

/** Accounts that look like emergency accounts; every candidate says why. */
export function detectEmergencyCandidates(
  snapshot: TenantSnapshot,
  index: DirectoryIndex,
  activity: ReadonlyMap<string, UserActivity>,
  now: string,
): EmergencyCandidate[] {
  const out: EmergencyCandidate[] = [];
  for (const u of snapshot.users) {
    if (u.userType !== "Member") continue;
    if (!index.activeRolesOf(u.id).has(ROLE.globalAdministrator)) continue;
    const signals: string[] = [];
    let strong = 0;
    let weak = 0;
    const S = (x: string) => {
      strong++;
      signals.push(x);
    };
    const W = (x: string) => {
      weak++;
      signals.push(x);
    };
    if (namedAsEmergency(u)) {
      strong++;
      signals.push(`name '${u.displayName}' says emergency / break-glass`);
    }
    if (u.onPremisesSyncEnabled !== true) W("cloud-only");
    if (hasPermanentGlobalAdmin(snapshot, u.id, now)) W("permanent active Global Administrator");
    if (u.userPrincipalName.toLowerCase().endsWith(".onmicrosoft.com"))
      W("sign-in name on the *.onmicrosoft.com domain");
    const ex = structurallyExcluded(snapshot.policies, index, u);
    if (ex > 0) S(`excluded from ${ex} Conditional Access ${ex === 1 ? "policy" : "policies"}`);
    const a = activity.get(u.id);
    if (!a || a.count <= 5) W(a ? `only ${a.count} sign-ins in the window` : "no sign-ins in the window");
    if (u.assignedLicenses !== undefined && u.assignedLicenses.length === 0) W("no licence assigned");
    if (!u.jobTitle && !u.department) weak++;
    const confidence: Confidence | null =
      strong >= 2 || (strong >= 1 && weak >= 3)
        ? "high"
        : strong >= 1 || weak >= 5
          ? "medium"
          : weak >= 4
            ? "low"
            : null;
    if (confidence)
      out.push({
        userId: u.id,
        userPrincipalName: u.userPrincipalName,
        displayName: u.displayName,
        confidence,
        signals,
      });
  }
  return out;
}
