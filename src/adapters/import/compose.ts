// Builds the snapshot an import writes: the latest snapshot's collections with the imported ones applied.
// Configuration (policies, named locations, strengths, methods policy, security defaults, roles, service
// principals, licences, rooms, per-user methods) is REPLACED by what the batch holds: an export of those
// is the whole set. Directory objects and logs (users, groups, registrations, audits) are MERGED by id,
// because admin-center downloads are often filtered views; group members are replaced per group.

import {
  type AccessPattern,
  type AuthenticationMethodsPolicy,
  type AuthenticationStrengthPolicy,
  COLLECTIONS,
  type CollectionName,
  type ConditionalAccessPolicy,
  type DirectoryAudit,
  emptySnapshot,
  type Group,
  type GroupMember,
  type NamedLocation,
  type RoleAssignment,
  type RoleDefinition,
  type Room,
  type SecurityDefaults,
  type ServicePrincipal,
  type SnapshotMeta,
  type SubscribedSku,
  type TenantSnapshot,
  type User,
  type UserAuthenticationMethod,
  type UserRegistrationDetails,
} from "../../core/model/index.js";
import type { ImportKind } from "./kinds.js";

export interface Accumulator {
  readonly users: Map<string, User>;
  readonly groups: Map<string, Group>;
  readonly groupMembers: Map<string, GroupMember[]>;
  readonly registrations: Map<string, UserRegistrationDetails>;
  readonly directoryAudits: Map<string, DirectoryAudit>;
  readonly policies: Map<string, ConditionalAccessPolicy>;
  readonly namedLocations: Map<string, NamedLocation>;
  readonly authenticationStrengths: Map<string, AuthenticationStrengthPolicy>;
  authenticationMethodsPolicy: AuthenticationMethodsPolicy | null;
  securityDefaults: SecurityDefaults | null;
  readonly roleDefinitions: Map<string, RoleDefinition>;
  readonly roleAssignments: Map<string, RoleAssignment>;
  readonly servicePrincipals: Map<string, ServicePrincipal>;
  readonly subscribedSkus: Map<string, SubscribedSku>;
  readonly rooms: Map<string, Room>;
  readonly authenticationMethods: Map<string, UserAuthenticationMethod>;
  readonly patterns: AccessPattern[];
  tenant: Partial<SnapshotMeta> | null;
  /** Time of the newest record seen (sign-ins excluded: the importer tracks those). */
  newest: string | null;
  readonly touched: Set<CollectionName>;
  add(kind: ImportKind, value: unknown): void;
}

const COLLECTION_OF: Partial<Record<ImportKind, CollectionName>> = {
  users: "users",
  groups: "groups",
  "group-members": "groupMembers",
  registrations: "registrations",
  audits: "directoryAudits",
  policies: "policies",
  "named-locations": "namedLocations",
  "authentication-strengths": "authenticationStrengths",
  "authentication-methods-policy": "authenticationMethodsPolicy",
  "security-defaults": "securityDefaults",
  "role-definitions": "roleDefinitions",
  "role-assignments": "roleAssignments",
  "service-principals": "servicePrincipals",
  "subscribed-skus": "subscribedSkus",
  rooms: "rooms",
  "authentication-methods": "authenticationMethods",
};

/** Mark the collection of `kind` as captured even though the file held no records of it (an empty page). */
export function markPresent(acc: Accumulator, kind: ImportKind): void {
  const c = COLLECTION_OF[kind];
  if (c) acc.touched.add(c);
}

/**
 * The same object from two files of one batch (a Graph page and a portal CSV of the same tenant) is
 * combined field by field, the later file winning where both have a value: a CSV lacks some fields.
 */
function put<T extends object>(m: Map<string, T>, id: string, v: T): void {
  const old = m.get(id);
  m.set(id, old ? ({ ...old, ...v } as T) : v);
}

export function newAccumulator(): Accumulator {
  const acc: Accumulator = {
    users: new Map(),
    groups: new Map(),
    groupMembers: new Map(),
    registrations: new Map(),
    directoryAudits: new Map(),
    policies: new Map(),
    namedLocations: new Map(),
    authenticationStrengths: new Map(),
    authenticationMethodsPolicy: null,
    securityDefaults: null,
    roleDefinitions: new Map(),
    roleAssignments: new Map(),
    servicePrincipals: new Map(),
    subscribedSkus: new Map(),
    rooms: new Map(),
    authenticationMethods: new Map(),
    patterns: [],
    tenant: null,
    newest: null,
    touched: new Set(),
    add(kind, value) {
      const c = COLLECTION_OF[kind];
      if (c) acc.touched.add(c);
      const v = value as { id?: string | null };
      switch (kind) {
        case "users":
          put(acc.users, (v as User).id, v as User);
          break;
        case "groups": {
          put(acc.groups, (v as Group).id, v as Group);
          break;
        }
        case "group-members": {
          const m = v as GroupMember;
          const l = acc.groupMembers.get(m.groupId);
          if (!l) acc.groupMembers.set(m.groupId, [m]);
          else if (!l.some((x) => x.memberId === m.memberId)) l.push(m);
          break;
        }
        case "registrations":
          put(acc.registrations, (v as UserRegistrationDetails).id, v as UserRegistrationDetails);
          break;
        case "audits":
          acc.directoryAudits.set((v as DirectoryAudit).id, v as DirectoryAudit);
          break;
        case "policies":
          // Policies without an id (templates, request bodies) are told apart by their whole content.
          acc.policies.set(v.id ? `id:${v.id}` : `json:${JSON.stringify(v)}`, v as ConditionalAccessPolicy);
          break;
        case "named-locations":
          acc.namedLocations.set((v as NamedLocation).id, v as NamedLocation);
          break;
        case "authentication-strengths":
          acc.authenticationStrengths.set((v as AuthenticationStrengthPolicy).id, v as AuthenticationStrengthPolicy);
          break;
        case "authentication-methods-policy":
          acc.authenticationMethodsPolicy = v as AuthenticationMethodsPolicy;
          break;
        case "security-defaults":
          acc.securityDefaults = v as SecurityDefaults;
          break;
        case "role-definitions":
          acc.roleDefinitions.set((v as RoleDefinition).id, v as RoleDefinition);
          break;
        case "role-assignments":
          acc.roleAssignments.set(
            `${(v as RoleAssignment).assignmentType}:${(v as RoleAssignment).id}`,
            v as RoleAssignment,
          );
          break;
        case "service-principals":
          acc.servicePrincipals.set((v as ServicePrincipal).id, v as ServicePrincipal);
          break;
        case "subscribed-skus":
          acc.subscribedSkus.set((v as SubscribedSku).skuId, v as SubscribedSku);
          break;
        case "rooms":
          acc.rooms.set((v as Room).id, v as Room);
          break;
        case "authentication-methods": {
          const m = v as UserAuthenticationMethod;
          acc.authenticationMethods.set(`${m.userId}:${m.id}`, m);
          break;
        }
        case "access-patterns":
          acc.patterns.push(v as AccessPattern);
          break;
        case "tenant":
          acc.tenant = { ...(acc.tenant ?? {}), ...(v as Partial<SnapshotMeta>) };
          break;
        case "sign-ins":
          break;
      }
    },
  };
  return acc;
}

/** Fold a file's accumulator into the batch's (later files win on equal ids). */
export function mergeAccumulator(into: Accumulator, from: Accumulator): void {
  const maps = [
    "users",
    "groups",
    "registrations",
    "directoryAudits",
    "policies",
    "namedLocations",
    "authenticationStrengths",
    "roleDefinitions",
    "roleAssignments",
    "servicePrincipals",
    "subscribedSkus",
    "rooms",
    "authenticationMethods",
  ] as const;
  for (const m of maps) {
    const target = into[m] as Map<string, object>;
    for (const [k, v] of from[m] as Map<string, object>) {
      if (m === "users" || m === "groups" || m === "registrations") put(target, k, v);
      else target.set(k, v);
    }
  }
  for (const [g, l] of from.groupMembers) into.groupMembers.set(g, l);
  if (from.authenticationMethodsPolicy) into.authenticationMethodsPolicy = from.authenticationMethodsPolicy;
  if (from.securityDefaults) into.securityDefaults = from.securityDefaults;
  into.patterns.push(...from.patterns);
  if (from.tenant) into.tenant = { ...(into.tenant ?? {}), ...from.tenant };
  if (from.newest && (!into.newest || from.newest > into.newest)) into.newest = from.newest;
  for (const t of from.touched) into.touched.add(t);
}

function mergeById<T>(base: readonly T[], add: Map<string, T>, id: (t: T) => string): T[] {
  if (add.size === 0) return [...base];
  const out = new Map<string, T>();
  for (const b of base) out.set(id(b), b);
  for (const [, v] of add) out.set(id(v), v);
  return [...out.values()];
}

export interface ComposeOptions {
  readonly now: string;
  readonly signInsImported: boolean;
  /** The newest record time of the batch (sign-ins included), when known. */
  readonly newest: string | null;
}

/** The next snapshot: `base` (or an empty one) with the batch applied. */
export function composeSnapshot(base: TenantSnapshot | null, acc: Accumulator, o: ComposeOptions): TenantSnapshot {
  const b =
    base ??
    emptySnapshot({
      tenantId: "unknown",
      tenantDisplayName: "Imported tenant",
      capturedAt: o.now,
      source: "import",
    });
  const t = acc.touched;
  const present = new Set<CollectionName>([...b.meta.present, ...t]);
  if (o.signInsImported) {
    present.add("signIns");
    present.add("accessPatterns");
  }
  const members = t.has("groupMembers")
    ? [...b.groupMembers.filter((m) => !acc.groupMembers.has(m.groupId)), ...[...acc.groupMembers.values()].flat()]
    : [...b.groupMembers];
  const { present: _p, ...tenantMeta } = acc.tenant ?? {};
  const meta: SnapshotMeta = {
    ...b.meta,
    ...tenantMeta,
    source: "import",
    capturedAt: acc.tenant?.capturedAt ?? o.newest ?? o.now,
    present: COLLECTIONS.filter((c) => present.has(c)),
  };
  return {
    meta,
    users: mergeById(b.users, acc.users, (u) => u.id),
    groups: mergeById(b.groups, acc.groups, (g) => g.id),
    groupMembers: members,
    roleDefinitions: t.has("roleDefinitions") ? [...acc.roleDefinitions.values()] : [...b.roleDefinitions],
    roleAssignments: t.has("roleAssignments") ? [...acc.roleAssignments.values()] : [...b.roleAssignments],
    servicePrincipals: t.has("servicePrincipals") ? [...acc.servicePrincipals.values()] : [...b.servicePrincipals],
    policies: t.has("policies") ? [...acc.policies.values()] : [...b.policies],
    namedLocations: t.has("namedLocations") ? [...acc.namedLocations.values()] : [...b.namedLocations],
    authenticationStrengths: t.has("authenticationStrengths")
      ? [...acc.authenticationStrengths.values()]
      : [...b.authenticationStrengths],
    authenticationMethodsPolicy: t.has("authenticationMethodsPolicy")
      ? acc.authenticationMethodsPolicy
      : b.authenticationMethodsPolicy,
    securityDefaults: t.has("securityDefaults") ? acc.securityDefaults : b.securityDefaults,
    subscribedSkus: t.has("subscribedSkus") ? [...acc.subscribedSkus.values()] : [...b.subscribedSkus],
    registrations: mergeById(b.registrations, acc.registrations, (r) => r.id),
    authenticationMethods: t.has("authenticationMethods")
      ? [...acc.authenticationMethods.values()]
      : [...b.authenticationMethods],
    rooms: t.has("rooms") ? [...acc.rooms.values()] : [...b.rooms],
    directoryAudits: mergeById(b.directoryAudits, acc.directoryAudits, (a) => a.id),
    signIns: [],
    accessPatterns: [],
  };
}
