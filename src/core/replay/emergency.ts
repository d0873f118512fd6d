// Which accounts are the emergency (break-glass) accounts, and which group holds them: the declared ones
// (workspace config, `glidepath classify USER emergency`), else a detection with a stated reason.
// Used by --exclude-emergency (templates) and --accounts emergency (verify-access).
// https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access

import { foldActivity } from "../exclusions/activity.js";
import { namedAsEmergency, resolveEmergencyAccounts } from "../exclusions/emergency.js";
import { buildDirectoryIndex, type DirectoryIndex } from "../model/directory-index.js";
import type { TenantSnapshot } from "../model/snapshot.js";
import { ROLE } from "../model/well-known.js";

export interface EmergencyResolution {
  /** `declared` (workspace config), `detected` (guess, stated in `note`), `none`. */
  readonly source: "declared" | "detected" | "none";
  readonly userIds: readonly string[];
  /** The group whose transitive users are exactly (or, failing that, include) the emergency accounts. */
  readonly groupId: string | null;
  readonly note: string;
  /** Declared names that are not in the directory. */
  readonly missing: readonly string[];
}

/**
 * Resolve the emergency accounts. Detection (when nothing is declared): users whose name says so and who
 * hold Global Administrator; else the members of a group that enabled policies exclude and whose members
 * all hold Global Administrator actively (the usual "CA exclusions" group of break-glass accounts).
 */
export function resolveEmergency(
  snapshot: TenantSnapshot,
  declared: readonly string[],
  now: string,
  index: DirectoryIndex = buildDirectoryIndex(snapshot, now),
): EmergencyResolution {
  const missing: string[] = [];
  let ids: string[] = [];
  let source: EmergencyResolution["source"] = "none";
  let note = "";
  if (declared.length > 0) {
    for (const d of declared) {
      const u = index.findUser(d);
      if (u) ids.push(u.id);
      else missing.push(d);
    }
    source = "declared";
    note = "declared in the workspace";
  } else {
    const ga = (id: string) => index.activeRolesOf(id).has(ROLE.globalAdministrator);
    // The assessment's detection first (the same accounts `glidepath assess` reports), then ours.
    const detected = resolveEmergencyAccounts(snapshot, index, foldActivity(snapshot.accessPatterns), [], now);
    const byName = snapshot.users.filter((u) => namedAsEmergency(u) && ga(u.id));
    if (detected.userIds.length > 0) {
      ids = [...detected.userIds];
      source = "detected";
      const upns = detected.candidates.filter((c) => ids.includes(c.userId)).map((c) => c.userPrincipalName);
      note = `not declared — detected ${upns.join(", ")} (Global Administrator, excluded from policies, rarely used); confirm with 'glidepath classify USER emergency'`;
    } else if (byName.length > 0) {
      ids = byName.map((u) => u.id);
      source = "detected";
      note = `not declared — detected by name (${byName.map((u) => u.userPrincipalName).join(", ")}); confirm with 'glidepath classify USER emergency'`;
    } else {
      const excluded = new Set<string>();
      for (const p of snapshot.policies) {
        for (const g of p.conditions?.users?.excludeGroups ?? []) excluded.add(g);
      }
      for (const g of snapshot.groups) {
        if (!excluded.has(g.id)) continue;
        const members = [...index.usersInGroup(g.id)];
        if (members.length > 0 && members.length <= 5 && members.every(ga)) {
          ids = members;
          source = "detected";
          note = `not declared — detected as the Global Administrators in '${g.displayName}', a group the policies exclude; confirm with 'glidepath classify USER emergency'`;
          break;
        }
      }
    }
  }
  return { source, userIds: ids, groupId: groupOf(snapshot, index, ids), note, missing };
}

/** The smallest group whose transitive users include every id; prefer an exact match. */
export function groupOf(snapshot: TenantSnapshot, index: DirectoryIndex, ids: readonly string[]): string | null {
  if (ids.length === 0) return null;
  let best: { id: string; size: number } | null = null;
  for (const g of snapshot.groups) {
    const members = index.usersInGroup(g.id);
    if (!ids.every((i) => members.has(i))) continue;
    if (!best || members.size < best.size) best = { id: g.id, size: members.size };
  }
  return best?.id ?? null;
}
