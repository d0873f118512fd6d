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

const Kind = { user: 0, group: 1, role: 2 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

interface RefHit {
  readonly m: Tri;
  readonly ref?: Ref;
}
const MISS: RefHit = { m: NO };

function has(kind: Kind, s: Subject, id: string): boolean | null {
  if (kind === Kind.user) return s.id === null ? null : s.id === id;
  if (kind === Kind.group) return s.groups === null ? null : s.groups.has(id);
  return s.roles === null ? null : s.roles.has(id) || s.roles.has(id.toLowerCase());
}

// No closures here: this runs once per (user, policy) when the compiled path pre-resolves identities.
function refIn(refs: readonly Ref[], kind: Kind, s: Subject, env: Env): RefHit {
  if (refs.length === 0) return MISS;
  let sawUnknown: Ref | undefined;
  for (const r of refs) {
    const id = kind === Kind.user ? env.userRef(r) : kind === Kind.group ? env.groupRef(r) : env.roleRef(r);
    if (id === UNRESOLVED) {
      // An ad-hoc identity may name the placeholder itself.
      if (has(kind, s, r.raw) === true) return { m: YES, ref: r };
      sawUnknown ??= r;
      continue;
    }
    const h = has(kind, s, id);
    if (h === true) return { m: YES, ref: r };
    if (h === null) sawUnknown ??= r;
  }
  return sawUnknown ? { m: UNKNOWN, ref: sawUnknown } : MISS;
}

/** Does the users condition include this subject? */
export function evaluateUsers(c: UsersCondition, s: Subject, env: Env): Verdict {
  // Exclusions first: any definite exclusion decides.
  const exclusions: [string, RefHit][] = [
    ["user", refIn(c.excludeUsers, Kind.user, s, env)],
    ["group", refIn(c.excludeGroups, Kind.group, s, env)],
    ["role", refIn(c.excludeRoles, Kind.role, s, env)],
    ["guests or external users", { m: c.excludeAllGuests ? (s.guestType !== null ? YES : NO) : NO }],
    ["guest or external user type", { m: c.excludeGuests ? guestMatch(c.excludeGuests, s) : NO }],
  ];
  let excludeUnknown: string | null = null;
  for (const [what, r] of exclusions) {
    if (r.m === YES) return no(`excluded by ${what}${r.ref ? ` ${label(r.ref, what, env)}` : ""}`);
    if (r.m === UNKNOWN && !excludeUnknown) excludeUnknown = `exclusion by ${what} '${r.ref?.raw}' cannot be resolved`;
  }
  const inclusions: [string, RefHit][] = [
    ["All users", { m: c.includeAll ? YES : NO }],
    ["user", refIn(c.includeUsers, Kind.user, s, env)],
    ["group", refIn(c.includeGroups, Kind.group, s, env)],
    ["role", refIn(c.includeRoles, Kind.role, s, env)],
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

function refTri(refs: readonly Ref[], kind: Kind, s: Subject, env: Env): Tri {
  let unk = false;
  for (const r of refs) {
    const id = kind === Kind.user ? env.userRef(r) : kind === Kind.group ? env.groupRef(r) : env.roleRef(r);
    if (id === UNRESOLVED) {
      if (has(kind, s, r.raw) === true) return YES;
      unk = true;
      continue;
    }
    const h = has(kind, s, id);
    if (h === true) return YES;
    if (h === null) unk = true;
  }
  return unk ? UNKNOWN : NO;
}

/**
 * The same answer as evaluateUsers(...).m without the explanation and without allocating: used by the
 * compiled path to pre-resolve every user once. INVARIANT: usersTri(c, s, env) === evaluateUsers(c, s, env).m
 * (the property tests compare the compiled path with the reference on random inputs).
 */
export function usersTri(c: UsersCondition, s: Subject, env: Env): Tri {
  let exUnknown = false;
  let t = refTri(c.excludeUsers, Kind.user, s, env);
  if (t === YES) return NO;
  if (t === UNKNOWN) exUnknown = true;
  t = refTri(c.excludeGroups, Kind.group, s, env);
  if (t === YES) return NO;
  if (t === UNKNOWN) exUnknown = true;
  t = refTri(c.excludeRoles, Kind.role, s, env);
  if (t === YES) return NO;
  if (t === UNKNOWN) exUnknown = true;
  if (c.excludeAllGuests && s.guestType !== null) return NO;
  if (c.excludeGuests) {
    t = guestMatch(c.excludeGuests, s);
    if (t === YES) return NO;
    if (t === UNKNOWN) exUnknown = true;
  }
  const included: Tri = exUnknown ? UNKNOWN : YES;
  if (c.includeAll) return included;
  let inUnknown = false;
  t = refTri(c.includeUsers, Kind.user, s, env);
  if (t === YES) return included;
  if (t === UNKNOWN) inUnknown = true;
  t = refTri(c.includeGroups, Kind.group, s, env);
  if (t === YES) return included;
  if (t === UNKNOWN) inUnknown = true;
  t = refTri(c.includeRoles, Kind.role, s, env);
  if (t === YES) return included;
  if (t === UNKNOWN) inUnknown = true;
  if (c.includeAllGuests && s.guestType !== null) return included;
  if (c.includeGuests) {
    t = guestMatch(c.includeGuests, s);
    if (t === YES) return included;
    if (t === UNKNOWN) inUnknown = true;
  }
  return inUnknown ? UNKNOWN : NO;
}
