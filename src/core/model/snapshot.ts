// The tenant snapshot: everything Glidepath knows about one tenant at one moment, as plain immutable data.
// Checks, engine, replay and gates take it with config and `now` and return values (docs/design.md#rule-3).

import type { DirectoryAudit } from "./audit.js";
import type {
  Group,
  GroupMember,
  RoleAssignment,
  RoleDefinition,
  Room,
  ServicePrincipal,
  SubscribedSku,
  User,
} from "./directory.js";
import type {
  AuthenticationMethodsPolicy,
  AuthenticationStrengthPolicy,
  ConditionalAccessPolicy,
  NamedLocation,
  SecurityDefaults,
} from "./policy.js";
import type { UserAuthenticationMethod, UserRegistrationDetails } from "./registration.js";
import type { AccessPattern, SignIn } from "./sign-in.js";

/** The collections a snapshot can hold. */
export const COLLECTIONS = [
  "users",
  "groups",
  "groupMembers",
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
  "accessPatterns",
] as const;

export type CollectionName = (typeof COLLECTIONS)[number];

export type SnapshotSource = "simulator" | "graph" | "import";

export interface SnapshotMeta {
  readonly tenantId: string;
  readonly tenantDisplayName: string;
  /** Primary verified domain, e.g. `northwindestates.com`; `*.onmicrosoft.com` is the initial domain. */
  readonly defaultDomain?: string | null;
  readonly initialDomain?: string | null;
  /** When the directory state was captured (ISO-8601 UTC). */
  readonly capturedAt: string;
  readonly source: SnapshotSource;
  /**
   * Collections that were actually captured. An empty collection that is listed here means "none exist";
   * one that is missing means "not known" — checks must answer `skipped`, never pass, on unknown data.
   */
  readonly present: readonly CollectionName[];
  /** The window the sign-in data covers, when there is any. */
  readonly signInWindow?: { readonly from: string; readonly to: string } | null;
  /** How many sign-ins the workspace has seen in that window (the raw `signIns` kept may be fewer). */
  readonly signInCount?: number;
}

/**
 * One tenant at one moment. `signIns` holds the raw sign-ins the workspace kept, which can be a subset
 * (failures, legacy protocols, recent days); `accessPatterns` is the complete aggregate of the window.
 */
export interface TenantSnapshot {
  readonly meta: SnapshotMeta;
  readonly users: readonly User[];
  readonly groups: readonly Group[];
  readonly groupMembers: readonly GroupMember[];
  readonly roleDefinitions: readonly RoleDefinition[];
  readonly roleAssignments: readonly RoleAssignment[];
  readonly servicePrincipals: readonly ServicePrincipal[];
  readonly policies: readonly ConditionalAccessPolicy[];
  readonly namedLocations: readonly NamedLocation[];
  readonly authenticationStrengths: readonly AuthenticationStrengthPolicy[];
  readonly authenticationMethodsPolicy: AuthenticationMethodsPolicy | null;
  readonly securityDefaults: SecurityDefaults | null;
  readonly subscribedSkus: readonly SubscribedSku[];
  readonly registrations: readonly UserRegistrationDetails[];
  readonly authenticationMethods: readonly UserAuthenticationMethod[];
  readonly rooms: readonly Room[];
  readonly directoryAudits: readonly DirectoryAudit[];
  readonly signIns: readonly SignIn[];
  readonly accessPatterns: readonly AccessPattern[];
}

/** An empty snapshot with nothing captured; builders and importers start from it. */
export function emptySnapshot(
  meta: Omit<SnapshotMeta, "present"> & { present?: readonly CollectionName[] },
): TenantSnapshot {
  return {
    meta: { ...meta, present: meta.present ?? [] },
    users: [],
    groups: [],
    groupMembers: [],
    roleDefinitions: [],
    roleAssignments: [],
    servicePrincipals: [],
    policies: [],
    namedLocations: [],
    authenticationStrengths: [],
    authenticationMethodsPolicy: null,
    securityDefaults: null,
    subscribedSkus: [],
    registrations: [],
    authenticationMethods: [],
    rooms: [],
    directoryAudits: [],
    signIns: [],
    accessPatterns: [],
  };
}
