// Resolves references written by display name or UPN in hand-written or tool-made policies (e.g.
// "includeGroups": ["Finance"]) to object ids, using the directory of the snapshot being built.
// What cannot be resolved is left as written and reported; the assessment reports it as unresolved.

import type {
  ConditionalAccessPolicy,
  Group,
  NamedLocation,
  RoleDefinition,
  ServicePrincipal,
  User,
} from "../../core/model/index.js";
import { isGuid, ROLE_NAMES } from "../../core/model/index.js";

export interface UnresolvedReference {
  readonly policy: string;
  /** e.g. `conditions.users.includeGroups`. */
  readonly path: string;
  readonly value: string;
  readonly reason: string;
}

export interface Directory {
  readonly users?: readonly User[] | null;
  readonly groups?: readonly Group[] | null;
  readonly roleDefinitions?: readonly RoleDefinition[] | null;
  readonly servicePrincipals?: readonly ServicePrincipal[] | null;
  readonly namedLocations?: readonly NamedLocation[] | null;
}

const KEYWORDS: Readonly<Record<string, ReadonlySet<string>>> = {
  users: new Set(["all", "none", "guestsorexternalusers"]),
  groups: new Set([]),
  roles: new Set([]),
  apps: new Set(["all", "none", "office365", "microsoftadminportals", "allagentidresources", "microsoftgraph"]),
  locations: new Set(["all", "alltrusted"]),
};

type Lookup = (v: string) => { id?: string; why?: string };

/** A case-insensitive name → id index; names shared by several objects are ambiguous. */
function index<T>(items: readonly T[], names: (t: T) => (string | null | undefined)[], id: (t: T) => string): Lookup {
  const m = new Map<string, string | null>();
  for (const it of items) {
    for (const n of names(it)) {
      if (!n) continue;
      const k = n.toLowerCase();
      const prev = m.get(k);
      m.set(k, prev === undefined || prev === id(it) ? id(it) : null);
    }
  }
  return (v) => {
    const r = m.get(v.toLowerCase());
    if (r === undefined) return { why: "no object with this name or UPN in the directory" };
    if (r === null) return { why: "the name is shared by several objects (ambiguous)" };
    return { id: r };
  };
}

/**
 * Resolve name references of `policies` against `dir`. Only collections that are present (non-null)
 * are used; references into absent collections are reported as "directory not present".
 */
export function resolvePolicyReferences(
  policies: readonly ConditionalAccessPolicy[],
  dir: Directory,
): { policies: ConditionalAccessPolicy[]; resolved: number; unresolved: UnresolvedReference[] } {
  const lookups: Record<string, Lookup | null> = {
    users: dir.users
      ? index(
          dir.users,
          (u) => [u.userPrincipalName, u.displayName],
          (u) => u.id,
        )
      : null,
    groups: dir.groups
      ? index(
          dir.groups,
          (g) => [g.displayName],
          (g) => g.id,
        )
      : null,
    roles: index(
      [
        ...Object.entries(ROLE_NAMES).map(([id, name]) => ({ id, name })),
        ...(dir.roleDefinitions ?? []).map((r) => ({ id: r.templateId, name: r.displayName })),
      ],
      (r) => [r.name],
      (r) => r.id,
    ),
    apps: dir.servicePrincipals
      ? index(
          dir.servicePrincipals,
          (s) => [s.displayName],
          (s) => s.appId,
        )
      : null,
    locations: dir.namedLocations
      ? index(
          dir.namedLocations,
          (l) => [l.displayName],
          (l) => l.id,
        )
      : null,
  };
  const unresolved: UnresolvedReference[] = [];
  let resolved = 0;
  const out = policies.map((p) => {
    const copy = structuredClone(p) as unknown as Record<string, Record<string, Record<string, unknown>>>;
    const fix = (obj: Record<string, unknown> | undefined | null, key: string, cls: string, path: string) => {
      const list = obj?.[key];
      if (!obj || !Array.isArray(list)) return;
      obj[key] = list.map((v) => {
        if (typeof v !== "string" || isGuid(v) || KEYWORDS[cls]?.has(v.toLowerCase())) return v;
        if (/^<.*>$/.test(v)) {
          unresolved.push({
            policy: p.displayName,
            path: `${path}.${key}`,
            value: v,
            reason: "a template placeholder, not an object",
          });
          return v;
        }
        const look = lookups[cls];
        const r = look
          ? look(v)
          : {
              why: `the ${cls === "apps" ? "service principals" : cls === "locations" ? "named locations" : cls} of the directory are not in the workspace`,
            };
        if (r.id) {
          resolved++;
          return r.id;
        }
        unresolved.push({ policy: p.displayName, path: `${path}.${key}`, value: v, reason: r.why ?? "unresolved" });
        return v;
      });
    };
    const users = copy.conditions?.users as Record<string, unknown> | undefined;
    for (const k of ["includeUsers", "excludeUsers"]) fix(users, k, "users", "conditions.users");
    for (const k of ["includeGroups", "excludeGroups"]) fix(users, k, "groups", "conditions.users");
    for (const k of ["includeRoles", "excludeRoles"]) fix(users, k, "roles", "conditions.users");
    const apps = copy.conditions?.applications as Record<string, unknown> | undefined;
    for (const k of ["includeApplications", "excludeApplications"]) fix(apps, k, "apps", "conditions.applications");
    const locs = copy.conditions?.locations as Record<string, unknown> | undefined;
    for (const k of ["includeLocations", "excludeLocations"]) fix(locs, k, "locations", "conditions.locations");
    return copy as unknown as ConditionalAccessPolicy;
  });
  return { policies: out, resolved, unresolved };
}
