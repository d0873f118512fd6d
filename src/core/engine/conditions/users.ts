// The users condition: users, groups (transitive), directory roles (active, tenant scope), guest and
// external user kinds. Exclusion beats inclusion; an unresolvable reference is UNKNOWN.
// https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-users-groups

import type { GuestSpec, Ref, UsersCondition } from "../types.js";
import {
  type Env,
  NO,
  no,
  type Subject,
  type Tri,
  UNKNOWN,
  UNRESOLVED,
  unknown,
  type Verdict,
  YES,
  yes,
} from "./env.js";

function guestMatch(spec: GuestSpec, s: Subject): Tri {
  if (s.guestType === null || !spec.types.includes(s.guestType)) return NO;
  if (spec.tenants === "all") return YES;
  if (s.externalTenantId === null) return UNKNOWN;
  return spec.tenants.includes(s.externalTenantId) ? YES : NO;
}

function refIn(
  refs: readonly Ref[],
  resolve: (r: Ref) => string | typeof UNRESOLVED,
  has: (id: string) => boolean | null,
): { m: Tri; ref?: Ref } {
  let sawUnknown: Ref | undefined;
  for (const r of refs) {
    const id = resolve(r);
    if (id === UNRESOLVED) {
      // An ad-hoc identity may name the placeholder itself.
      if (has(r.raw) === true) return { m: YES, ref: r };
      sawUnknown ??= r;
      continue;
    }
    const h = has(id);
    if (h === true) return { m: YES, ref: r };
    if (h === null) sawUnknown ??= r;
  }
  return sawUnknown ? { m: UNKNOWN, ref: sawUnknown } : { m: NO };
}

/** Does the users condition include this subject? */
export function evaluateUsers(c: UsersCondition, s: Subject, env: Env): Verdict {
  const isUser = (id: string): boolean | null => (s.id === null ? null : s.id === id);
  const inGroup = (id: string): boolean | null => (s.groups === null ? null : s.groups.has(id));
  const hasRole = (id: string): boolean | null =>
    s.roles === null ? null : s.roles.has(id) || s.roles.has(id.toLowerCase());

  // Exclusions first: any definite exclusion decides.
  const exclusions: [string, { m: Tri; ref?: Ref }][] = [
    ["user", refIn(c.excludeUsers, (r) => env.userRef(r), isUser)],
    ["group", refIn(c.excludeGroups, (r) => env.groupRef(r), inGroup)],
    ["role", refIn(c.excludeRoles, (r) => env.roleRef(r), hasRole)],
    ["guests or external users", { m: c.excludeAllGuests ? (s.guestType !== null ? YES : NO) : NO }],
    ["guest or external user type", { m: c.excludeGuests ? guestMatch(c.excludeGuests, s) : NO }],
  ];
  let excludeUnknown: string | null = null;
  for (const [what, r] of exclusions) {
    if (r.m === YES) return no(`excluded by ${what}${r.ref ? ` ${label(r.ref, what, env)}` : ""}`);
    if (r.m === UNKNOWN && !excludeUnknown) excludeUnknown = `exclusion by ${what} '${r.ref?.raw}' cannot be resolved`;
  }
  const inclusions: [string, { m: Tri; ref?: Ref }][] = [
    ["All users", { m: c.includeAll ? YES : NO }],
    ["user", refIn(c.includeUsers, (r) => env.userRef(r), isUser)],
    ["group", refIn(c.includeGroups, (r) => env.groupRef(r), inGroup)],
    ["role", refIn(c.includeRoles, (r) => env.roleRef(r), hasRole)],
    ["guests or external users", { m: c.includeAllGuests ? (s.guestType !== null ? YES : NO) : NO }],
    ["guest or external user type", { m: c.includeGuests ? guestMatch(c.includeGuests, s) : NO }],
  ];
  let includeUnknown: string | null = null;
  for (const [what, r] of inclusions) {
    if (r.m === YES) {
      const why = `included by ${what}${r.ref ? ` ${label(r.ref, what, env)}` : ""}`;
      return excludeUnknown ? unknown(`${why}, but ${excludeUnknown}`) : yes(why);
    }
    if (r.m === UNKNOWN && !includeUnknown) includeUnknown = `inclusion by ${what} '${r.ref?.raw}' cannot be resolved`;
  }
  if (includeUnknown) return unknown(includeUnknown);
  return no("not included");
}

function label(r: Ref, what: string, env: Env): string {
  if (what === "group") {
    const id = env.groupRef(r);
    return id === UNRESOLVED ? r.raw : env.groupName(id);
  }
  return r.raw;
}
