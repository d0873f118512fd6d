// One definition per synced collection: endpoint, version, $select (what the model uses), the largest
// $top the endpoint allows, the least-privileged permission (docs/reference/graph-api.md#permissions) and the to-model mapper.
// `glidepath connect --permissions` and the README's permission list are derived from this table.

import type { Result } from "../../core/model/diagnostics.js";
import type { CollectionName } from "../../core/model/snapshot.js";
import type { GraphVersion } from "./client.js";
import {
  mapAuthenticationMethod,
  mapAuthenticationMethodsPolicy,
  mapAuthenticationStrength,
  mapDirectoryAudit,
  mapGroup,
  mapNamedLocation,
  mapPolicy,
  mapRegistration,
  mapRoleAssignment,
  mapRoleDefinition,
  mapRoom,
  mapSecurityDefaults,
  mapServicePrincipal,
  mapSignIn,
  mapSubscribedSku,
  mapUser,
} from "./to-model/index.js";

/**
 * Collections `glidepath sync --only` accepts: the model's collection names (core/model/snapshot.ts), plus
 * `organization` (the tenant's own record, which fills the snapshot's meta rather than a collection).
 */
export const SYNC_COLLECTIONS = [
  "organization",
  "users",
  "groups",
  "roleDefinitions",
  "roleAssignments",
  "servicePrincipals",
  "policies",
  "namedLocations",
  "authenticationStrengths",
  "authenticationMethodsPolicy",
  "securityDefaults",
  "subscribedSkus",
  "registrations",
  "authenticationMethods",
  "rooms",
  "directoryAudits",
  "signIns",
] as const satisfies readonly (CollectionName | "organization")[];
export type SyncCollection = (typeof SYNC_COLLECTIONS)[number];

/** One paged query: the unit of fetching, checkpointing and resuming. */
export interface SliceDef {
  /** Stable key within a run, e.g. `users`, `signIns:2026-03-01:nonInteractiveUser`. */
  readonly key: string;
  readonly collection: SyncCollection;
  readonly version: GraphVersion;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly permission: string;
  /** A single object, not a collection (`value` array). */
  readonly singleton?: boolean;
  /** Map one raw item; `null` items (e.g. delta removals) are handled by the caller. */
  readonly map: (raw: unknown) => Result<unknown>;
}

export interface CollectionDef {
  readonly name: SyncCollection;
  /** Model collections this fills. */
  readonly fills: readonly CollectionName[];
  readonly version: GraphVersion;
  readonly path: string;
  readonly select?: readonly string[];
  readonly top?: number;
  /** Every permission a read of this collection needs (least-privileged). */
  readonly permissions: readonly string[];
  readonly singleton?: boolean;
  readonly note: string;
}

const USER_SELECT = [
  "id",
  "userPrincipalName",
  "displayName",
  "userType",
  "accountEnabled",
  "jobTitle",
  "department",
  "mail",
  "onPremisesSyncEnabled",
  "createdDateTime",
  "assignedLicenses",
  "externalUserState",
  "signInActivity",
];
const GROUP_SELECT = [
  "id",
  "displayName",
  "description",
  "groupTypes",
  "membershipRule",
  "securityEnabled",
  "mailEnabled",
  "isAssignableToRole",
  "onPremisesSyncEnabled",
  "createdDateTime",
  "members",
];
const ASSIGNMENT_SELECT = ["id", "principalId", "roleDefinitionId", "directoryScopeId", "startDateTime", "endDateTime"];
const SIGN_IN_SELECT = [
  "id",
  "createdDateTime",
  "signInEventTypes",
  "isInteractive",
  "userId",
  "userPrincipalName",
  "userDisplayName",
  "userType",
  "appId",
  "appDisplayName",
  "resourceId",
  "resourceDisplayName",
  "clientAppUsed",
  "correlationId",
  "ipAddress",
  "location",
  "deviceDetail",
  "userAgent",
  "status",
  "conditionalAccessStatus",
  "appliedConditionalAccessPolicies",
  "authenticationRequirement",
  "authenticationDetails",
  "mfaDetail",
  "riskLevelDuringSignIn",
  "originalTransferMethod",
  "authenticationProtocol",
  "servicePrincipalId",
  "servicePrincipalName",
];

/** The collection table. Order = the order slices are started in. */
export const COLLECTION_DEFS: readonly CollectionDef[] = [
  {
    name: "organization",
    fills: [],
    version: "v1.0",
    path: "/organization",
    select: ["id", "displayName", "verifiedDomains"],
    permissions: ["Organization.Read.All"],
    note: "tenant id, name and domains (snapshot meta)",
  },
  {
    name: "users",
    fills: ["users"],
    version: "v1.0",
    path: "/users",
    select: USER_SELECT,
    top: 500, // 999 without signInActivity; 500 with it (docs/reference/graph-api.md#paging)
    permissions: ["User.Read.All", "AuditLog.Read.All"],
    note: "users with signInActivity (AuditLog.Read.All, Entra ID P1)",
  },
  {
    name: "groups",
    fills: ["groups", "groupMembers"],
    version: "v1.0",
    path: "/groups/delta",
    select: GROUP_SELECT,
    permissions: ["GroupMember.Read.All"],
    note: "groups and their direct members via delta (members@delta); the next sync asks only for changes",
  },
  {
    name: "roleDefinitions",
    fills: ["roleDefinitions"],
    version: "v1.0",
    path: "/roleManagement/directory/roleDefinitions",
    select: ["id", "templateId", "displayName", "isBuiltIn"],
    permissions: ["RoleManagement.Read.Directory"],
    note: "directory role definitions",
  },
  {
    name: "roleAssignments",
    fills: ["roleAssignments"],
    version: "v1.0",
    path: "/roleManagement/directory/roleAssignmentScheduleInstances",
    select: ASSIGNMENT_SELECT,
    permissions: ["RoleAssignmentSchedule.Read.Directory", "RoleEligibilitySchedule.Read.Directory"],
    note: "active (incl. PIM-activated) and eligible role assignments",
  },
  {
    name: "servicePrincipals",
    fills: ["servicePrincipals"],
    version: "v1.0",
    path: "/servicePrincipals",
    select: ["id", "appId", "displayName", "servicePrincipalType", "appOwnerOrganizationId", "accountEnabled"],
    top: 999,
    permissions: ["Application.Read.All"],
    note: "service principals (all: policies and sign-ins reference them by appId)",
  },
  {
    name: "policies",
    fills: ["policies"],
    version: "v1.0",
    path: "/identity/conditionalAccess/policies",
    permissions: ["Policy.Read.All"],
    note: "Conditional Access policies",
  },
  {
    name: "namedLocations",
    fills: ["namedLocations"],
    version: "v1.0",
    path: "/identity/conditionalAccess/namedLocations",
    permissions: ["Policy.Read.All"],
    note: "named locations",
  },
  {
    name: "authenticationStrengths",
    fills: ["authenticationStrengths"],
    version: "v1.0",
    path: "/policies/authenticationStrengthPolicies",
    permissions: ["Policy.Read.All"],
    note: "authentication strengths (built-in and custom)",
  },
  {
    name: "authenticationMethodsPolicy",
    fills: ["authenticationMethodsPolicy"],
    version: "v1.0",
    path: "/policies/authenticationMethodsPolicy",
    singleton: true,
    permissions: ["Policy.Read.All"],
    note: "authentication methods policy and registration campaign",
  },
  {
    name: "securityDefaults",
    fills: ["securityDefaults"],
    version: "v1.0",
    path: "/policies/identitySecurityDefaultsEnforcementPolicy",
    singleton: true,
    permissions: ["Policy.Read.All"],
    note: "security defaults",
  },
  {
    name: "subscribedSkus",
    fills: ["subscribedSkus"],
    version: "v1.0",
    path: "/subscribedSkus",
    permissions: ["LicenseAssignment.Read.All"],
    note: "licences (P1/P2 decide which features exist)",
  },
  {
    name: "registrations",
    fills: ["registrations"],
    version: "beta",
    path: "/reports/authenticationMethods/userRegistrationDetails",
    top: 999,
    permissions: ["AuditLog.Read.All"],
    note: "MFA registration report (beta adds defaultMfaMethod)",
  },
  {
    name: "authenticationMethods",
    fills: ["authenticationMethods"],
    version: "v1.0",
    path: "/users/{id}/authentication/methods",
    permissions: ["UserAuthenticationMethod.Read.All"],
    note: "per-user methods, only for admins and users excluded from policies (break-glass candidates)",
  },
  {
    name: "rooms",
    fills: ["rooms"],
    version: "v1.0",
    path: "/places/microsoft.graph.room",
    permissions: ["Place.Read.All"],
    note: "meeting rooms (resource mailboxes that sign in)",
  },
  {
    name: "directoryAudits",
    fills: ["directoryAudits"],
    version: "v1.0",
    path: "/auditLogs/directoryAudits",
    top: 999,
    permissions: ["AuditLog.Read.All"],
    note: "security-info changes (loggedByService 'Authentication Methods') in the window",
  },
  {
    name: "signIns",
    fills: ["signIns", "accessPatterns"],
    version: "beta",
    path: "/auditLogs/signIns",
    select: SIGN_IN_SELECT,
    top: 1000,
    permissions: ["AuditLog.Read.All"],
    note: "interactive and non-interactive sign-ins, one day and event type per query (beta: v1.0 has interactive only)",
  },
];

export function collectionDef(name: SyncCollection): CollectionDef {
  const d = COLLECTION_DEFS.find((c) => c.name === name);
  if (!d) throw new Error(`unknown collection ${name}`);
  return d;
}

/** A permission and the collections that need it, for `connect --permissions` and the README. */
export interface PermissionNeed {
  readonly permission: string;
  readonly collections: readonly SyncCollection[];
}

/** The read permissions a sync of `collections` needs (application permissions; delegated names are the same). */
export function readPermissions(collections: readonly SyncCollection[] = SYNC_COLLECTIONS): PermissionNeed[] {
  const map = new Map<string, SyncCollection[]>();
  for (const d of COLLECTION_DEFS) {
    if (!collections.includes(d.name)) continue;
    for (const p of d.permissions) {
      const l = map.get(p) ?? [];
      l.push(d.name);
      map.set(p, l);
    }
  }
  return [...map].sort(([a], [b]) => a.localeCompare(b)).map(([permission, cs]) => ({ permission, collections: cs }));
}

/** Permissions the roll-out's writes will need (not requested by read-only commands). */
export const WRITE_PERMISSIONS: readonly { permission: string; use: string }[] = [
  { permission: "Policy.ReadWrite.ConditionalAccess", use: "create, update and delete Conditional Access policies" },
  { permission: "Group.ReadWrite.All", use: "create roll-out ring groups" },
  { permission: "GroupMember.ReadWrite.All", use: "add and remove ring members" },
  { permission: "Mail.Send", use: "send roll-out notices (scope it with an application access policy)" },
  { permission: "UserAuthMethod-TAP.ReadWrite.All", use: "create Temporary Access Passes for users without a method" },
];

const DAY_MS = 86_400_000;

function q(def: CollectionDef, extra: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  if (def.select) out.$select = def.select.join(",");
  if (def.top) out.$top = String(def.top);
  return { ...out, ...extra };
}

function slice(def: CollectionDef, map: SliceDef["map"], over: Partial<SliceDef> = {}): SliceDef {
  return {
    key: def.name,
    collection: def.name,
    version: def.version,
    path: def.path,
    query: q(def),
    permission: def.permissions[0] as string,
    ...(def.singleton ? { singleton: true } : {}),
    map,
    ...over,
  };
}

/** Raw organization → the meta fields it feeds. */
export function mapOrganization(
  raw: unknown,
): Result<{ id: string; displayName: string; defaultDomain: string | null; initialDomain: string | null }> {
  const o = raw as {
    id?: unknown;
    displayName?: unknown;
    verifiedDomains?: { name?: string; isDefault?: boolean; isInitial?: boolean }[];
  };
  if (!o || typeof o.id !== "string") {
    return {
      ok: false,
      diagnostics: [{ code: "graph.missing-field", severity: "error", message: "organization: 'id' is missing" }],
    };
  }
  const d = Array.isArray(o.verifiedDomains) ? o.verifiedDomains : [];
  return {
    ok: true,
    diagnostics: [],
    value: {
      id: o.id,
      displayName: typeof o.displayName === "string" ? o.displayName : o.id,
      defaultDomain: d.find((x) => x.isDefault)?.name ?? null,
      initialDomain: d.find((x) => x.isInitial)?.name ?? null,
    },
  };
}

/** A group from delta, with its members@delta edges (and removals) kept beside the mapped group. */
export interface GroupDeltaItem {
  readonly id: string;
  readonly removed: boolean;
  readonly group: unknown | null;
  readonly members: readonly { id: string; type: string; removed: boolean }[];
}

export function mapGroupDelta(raw: unknown): Result<GroupDeltaItem> {
  const o = raw as Record<string, unknown>;
  if (!o || typeof o !== "object" || typeof o.id !== "string") {
    return {
      ok: false,
      diagnostics: [{ code: "graph.missing-field", severity: "error", message: "group: 'id' is missing" }],
    };
  }
  const membersRaw = Array.isArray(o["members@delta"]) ? (o["members@delta"] as Record<string, unknown>[]) : [];
  const members = membersRaw
    .filter((m) => typeof m?.id === "string")
    .map((m) => ({
      id: m.id as string,
      type: String(m["@odata.type"] ?? "#microsoft.graph.user").replace("#microsoft.graph.", ""),
      removed: "@removed" in m,
    }));
  if ("@removed" in o) return { ok: true, diagnostics: [], value: { id: o.id, removed: true, group: null, members } };
  const g = mapGroup(o);
  if (!g.ok) return g;
  return { ok: true, diagnostics: g.diagnostics, value: { id: o.id, removed: false, group: g.value, members } };
}

export interface SliceContext {
  /** Window of sign-ins and audits: [from, to). */
  readonly from: string;
  readonly to: string;
  /** Delta link from the previous sync, per collection. */
  readonly deltaLinks: Readonly<Record<string, string>>;
}

/** The slices of one collection (stage 1; authenticationMethods is built from staged data: `methodSlices`). */
export function slicesFor(name: SyncCollection, ctx: SliceContext): SliceDef[] {
  const def = collectionDef(name);
  switch (name) {
    case "organization":
      return [slice(def, mapOrganization)];
    case "users":
      return [slice(def, mapUser)];
    case "groups":
      return [slice(def, mapGroupDelta)];
    case "roleDefinitions":
      return [slice(def, mapRoleDefinition)];
    case "roleAssignments":
      return [
        slice(def, (r) => mapRoleAssignment(r, "active"), { key: "roleAssignments:active" }),
        slice(def, (r) => mapRoleAssignment(r, "eligible"), {
          key: "roleAssignments:eligible",
          path: "/roleManagement/directory/roleEligibilityScheduleInstances",
          permission: def.permissions[1] as string,
        }),
      ];
    case "servicePrincipals":
      return [slice(def, mapServicePrincipal)];
    case "policies":
      return [slice(def, mapPolicy)];
    case "namedLocations":
      return [slice(def, mapNamedLocation)];
    case "authenticationStrengths":
      return [slice(def, mapAuthenticationStrength)];
    case "authenticationMethodsPolicy":
      return [slice(def, mapAuthenticationMethodsPolicy)];
    case "securityDefaults":
      return [slice(def, mapSecurityDefaults)];
    case "subscribedSkus":
      return [slice(def, mapSubscribedSku)];
    case "registrations":
      return [slice(def, mapRegistration)];
    case "rooms":
      return [slice(def, mapRoom)];
    case "directoryAudits":
      return [
        slice(def, mapDirectoryAudit, {
          query: q(def, {
            $filter: `loggedByService eq 'Authentication Methods' and activityDateTime ge ${ctx.from} and activityDateTime lt ${ctx.to}`,
          }),
        }),
      ];
    case "signIns": {
      // One query per UTC day and event type: each pages sequentially (opaque nextLinks), so slicing is
      // what lets sign-ins download in parallel; it also keeps each query small, as Microsoft advises.
      const out: SliceDef[] = [];
      const from = Date.parse(ctx.from);
      const to = Date.parse(ctx.to);
      for (let t = from; t < to; t += DAY_MS) {
        const a = new Date(t).toISOString().replace(".000Z", "Z");
        const b = new Date(Math.min(t + DAY_MS, to)).toISOString().replace(".000Z", "Z");
        for (const type of ["interactiveUser", "nonInteractiveUser"]) {
          out.push(
            slice(def, mapSignIn, {
              key: `signIns:${a}:${type}`,
              query: q(def, {
                $filter: `createdDateTime ge ${a} and createdDateTime lt ${b} and signInEventTypes/any(t: t eq '${type}')`,
              }),
            }),
          );
        }
      }
      return out;
    }
    case "authenticationMethods":
      return [];
  }
}

/** Stage 2: per-user method slices for the users that need them. */
export function methodSlices(userIds: Iterable<string>): SliceDef[] {
  const def = collectionDef("authenticationMethods");
  return [...new Set(userIds)].sort().map((id) =>
    slice(def, (r) => mapAuthenticationMethod(id, r), {
      key: `authenticationMethods:${id}`,
      path: `/users/${encodeURIComponent(id)}/authentication/methods`,
    }),
  );
}
