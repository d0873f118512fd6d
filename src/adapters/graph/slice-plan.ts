// Which slices a sync runs in what order: slice priorities, and the users whose authentication methods
// are read one by one (known only once role assignments and policies are in).

import type { RoleAssignment, TenantSnapshot } from "../../core/model/index.js";
import type { SliceDef, SyncCollection } from "./collections.js";

/** Scheduling priority of a slice: longest first (sign-in days page sequentially and bound the wall time). */
export function weight(s: SliceDef): number {
  if (s.collection === "signIns") return s.key.endsWith("nonInteractiveUser") ? 3 : 2;
  if (s.collection === "users" || s.collection === "registrations" || s.collection === "groups") return 4;
  return 1;
}

/**
 * Users whose methods are read one by one: role holders (active or eligible) and users a policy excludes.
 * Not filtered by the user list, so these reads need not wait for the (long, sequential) users paging:
 * principals that are not users answer 404 and count as having no methods.
 */
export function methodUsers(
  items: (key: string) => readonly unknown[],
  collections: readonly SyncCollection[],
  prev: TenantSnapshot | null,
): string[] {
  const assignments = collections.includes("roleAssignments")
    ? (items("roleAssignments") as readonly RoleAssignment[])
    : (prev?.roleAssignments ?? []);
  const policies = collections.includes("policies")
    ? (items("policies") as readonly TenantSnapshot["policies"][number][])
    : (prev?.policies ?? []);
  const out = new Set<string>();
  for (const a of assignments) if (GUID.test(a.principalId)) out.add(a.principalId);
  for (const p of policies) for (const id of p.conditions?.users?.excludeUsers ?? []) if (GUID.test(id)) out.add(id);
  return [...out];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
