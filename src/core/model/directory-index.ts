// Lookup structures over a snapshot's directory: users by id/UPN, transitive group membership, roles.
// Built once per snapshot; transitive membership is memoised per group so 100,000 users stay cheap.

import type { Group, RoleAssignment, User } from "./directory.js";
import type { TenantSnapshot } from "./snapshot.js";

export interface DirectoryIndex {
  readonly userById: ReadonlyMap<string, User>;
  /** Keyed by lower-cased UPN. */
  readonly userByUpn: ReadonlyMap<string, User>;
  readonly groupById: ReadonlyMap<string, Group>;
  /** Every group the principal (user, service principal or group) is in, directly or through nesting. */
  groupsOf(principalId: string): ReadonlySet<string>;
  /** Every user in the group, directly or through nested groups. */
  usersInGroup(groupId: string): ReadonlySet<string>;
  /**
   * Role template ids the user holds actively at tenant scope ("/") at `now`, directly or through a
   * role-assignable group. AU-scoped and eligible-only assignments are not included: CA ignores them.
   */
  activeRolesOf(userId: string): ReadonlySet<string>;
  /** Role template ids the user is eligible for (PIM) but has not activated. */
  eligibleRolesOf(userId: string): ReadonlySet<string>;
  /** Find a user by object id or UPN (case-insensitive). */
  findUser(idOrUpn: string): User | undefined;
}

const EMPTY: ReadonlySet<string> = new Set();

function isCurrent(a: RoleAssignment, now: string | undefined): boolean {
  if (!now) return true;
  if (a.startDateTime && a.startDateTime > now) return false;
  if (a.endDateTime && a.endDateTime <= now) return false;
  return true;
}

/** Build the index. `now` (ISO string) drops role assignments that have not started or have ended. */
export function buildDirectoryIndex(snapshot: TenantSnapshot, now?: string): DirectoryIndex {
  const userById = new Map<string, User>();
  const userByUpn = new Map<string, User>();
  for (const u of snapshot.users) {
    userById.set(u.id, u);
    userByUpn.set(u.userPrincipalName.toLowerCase(), u);
  }
  const groupById = new Map<string, Group>();
  for (const g of snapshot.groups) groupById.set(g.id, g);

  // Direct edges in both directions.
  const directGroupsOf = new Map<string, string[]>();
  const directMembersOf = new Map<string, { users: string[]; groups: string[] }>();
  for (const m of snapshot.groupMembers) {
    let up = directGroupsOf.get(m.memberId);
    if (!up) directGroupsOf.set(m.memberId, (up = []));
    up.push(m.groupId);
    let down = directMembersOf.get(m.groupId);
    if (!down) directMembersOf.set(m.groupId, (down = { users: [], groups: [] }));
    if (m.memberType === "user") down.users.push(m.memberId);
    else if (m.memberType === "group") down.groups.push(m.memberId);
  }

  // Ancestors of a group (itself excluded), memoised; cycles are tolerated (Entra forbids them, files may not).
  const ancestorsMemo = new Map<string, ReadonlySet<string>>();
  function ancestorsOfGroup(groupId: string): ReadonlySet<string> {
    const memo = ancestorsMemo.get(groupId);
    if (memo) return memo;
    const out = new Set<string>();
    const stack = [...(directGroupsOf.get(groupId) ?? [])];
    while (stack.length > 0) {
      const g = stack.pop() as string;
      if (out.has(g)) continue;
      out.add(g);
      const cached = ancestorsMemo.get(g);
      if (cached) {
        for (const a of cached) out.add(a);
        continue;
      }
      for (const p of directGroupsOf.get(g) ?? []) stack.push(p);
    }
    out.delete(groupId);
    ancestorsMemo.set(groupId, out);
    return out;
  }

  const groupsOfMemo = new Map<string, ReadonlySet<string>>();
  function groupsOf(principalId: string): ReadonlySet<string> {
    const memo = groupsOfMemo.get(principalId);
    if (memo) return memo;
    const direct = directGroupsOf.get(principalId);
    if (!direct) return EMPTY;
    const out = new Set<string>();
    for (const g of direct) {
      out.add(g);
      for (const a of ancestorsOfGroup(g)) out.add(a);
    }
    groupsOfMemo.set(principalId, out);
    return out;
  }

  const usersInGroupMemo = new Map<string, ReadonlySet<string>>();
  function usersInGroup(groupId: string): ReadonlySet<string> {
    const memo = usersInGroupMemo.get(groupId);
    if (memo) return memo;
    const out = new Set<string>();
    const seen = new Set<string>([groupId]);
    const stack = [groupId];
    while (stack.length > 0) {
      const g = stack.pop() as string;
      const d = directMembersOf.get(g);
      if (!d) continue;
      for (const u of d.users) out.add(u);
      for (const child of d.groups) {
        if (!seen.has(child)) {
          seen.add(child);
          stack.push(child);
        }
      }
    }
    usersInGroupMemo.set(groupId, out);
    return out;
  }

  // Role template id for a role definition id (custom roles keep their own id).
  const templateOf = new Map<string, string>();
  for (const d of snapshot.roleDefinitions) templateOf.set(d.id, d.templateId);
  const activeDirect = new Map<string, Set<string>>();
  const eligibleDirect = new Map<string, Set<string>>();
  for (const a of snapshot.roleAssignments) {
    if (a.directoryScopeId !== "/" || !isCurrent(a, now)) continue;
    const target = a.assignmentType === "active" ? activeDirect : eligibleDirect;
    let set = target.get(a.principalId);
    if (!set) target.set(a.principalId, (set = new Set()));
    set.add(templateOf.get(a.roleDefinitionId) ?? a.roleDefinitionId);
  }

  function rolesOf(source: Map<string, Set<string>>, userId: string): ReadonlySet<string> {
    const direct = source.get(userId);
    let out: Set<string> | undefined;
    for (const g of groupsOf(userId)) {
      const viaGroup = source.get(g);
      if (!viaGroup) continue;
      out ??= new Set(direct);
      for (const r of viaGroup) out.add(r);
    }
    return out ?? direct ?? EMPTY;
  }

  const activeMemo = new Map<string, ReadonlySet<string>>();
  return {
    userById,
    userByUpn,
    groupById,
    groupsOf,
    usersInGroup,
    activeRolesOf(userId) {
      let r = activeMemo.get(userId);
      if (!r) activeMemo.set(userId, (r = rolesOf(activeDirect, userId)));
      return r;
    },
    eligibleRolesOf(userId) {
      const active = this.activeRolesOf(userId);
      const eligible = rolesOf(eligibleDirect, userId);
      if (eligible.size === 0) return EMPTY;
      return new Set([...eligible].filter((r) => !active.has(r)));
    },
    findUser(idOrUpn) {
      return userById.get(idOrUpn) ?? userByUpn.get(idOrUpn.toLowerCase());
    },
  };
}
