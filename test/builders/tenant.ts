// A small fluent builder of tenant snapshots for tests: readable fragments instead of JSON walls.
// Ids are deterministic ("u-<name>", "g-<name>") so expectations can name them.

import type {
  AccessPattern,
  AuthenticationMethodsPolicy,
  AuthenticationStrengthPolicy,
  CollectionName,
  ConditionalAccessPolicy,
  Group,
  NamedLocation,
  RoleAssignment,
  ServicePrincipal,
  SignIn,
  TenantSnapshot,
  User,
  UserAuthenticationMethod,
  UserRegistrationDetails,
} from "../../src/core/model/index.js";
import { COLLECTIONS, emptySnapshot } from "../../src/core/model/index.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] };

export const TEST_NOW = "2026-11-01T12:00:00Z";

export class TenantBuilder {
  readonly s: Mutable<TenantSnapshot>;

  constructor() {
    this.s = emptySnapshot({
      tenantId: "00000000-1111-2222-3333-444444444444",
      tenantDisplayName: "Test Tenant",
      defaultDomain: "test.example",
      initialDomain: "testtenant.onmicrosoft.com",
      capturedAt: TEST_NOW,
      source: "import",
      present: [...COLLECTIONS],
    }) as Mutable<TenantSnapshot>;
  }

  /** Add a member user `u-<name>`; `over` overrides any field. */
  user(name: string, over: Partial<User> = {}): this {
    this.s.users.push({
      id: `u-${name}`,
      userPrincipalName: `${name}@test.example`,
      displayName: name,
      userType: "Member",
      accountEnabled: true,
      signInActivity: { lastSignInDateTime: "2026-10-30T08:00:00Z" },
      ...over,
    });
    return this;
  }

  guest(name: string, over: Partial<User> = {}): this {
    return this.user(name, { userType: "Guest", userPrincipalName: `${name}_ext#EXT#@test.example`, ...over });
  }

  /** Add group `g-<name>` whose members are user names (`alice`) or nested groups (`group:admins`). */
  group(name: string, members: readonly string[] = [], over: Partial<Group> = {}): this {
    this.s.groups.push({ id: `g-${name}`, displayName: name, securityEnabled: true, ...over });
    for (const m of members) {
      if (m.startsWith("group:")) {
        this.s.groupMembers.push({ groupId: `g-${name}`, memberId: `g-${m.slice(6)}`, memberType: "group" });
      } else {
        this.s.groupMembers.push({ groupId: `g-${name}`, memberId: `u-${m}`, memberType: "user" });
      }
    }
    return this;
  }

  /** Assign a role template to user `u-<name>` (tenant scope, active and permanent unless overridden). */
  role(name: string, roleTemplateId: string, over: Partial<RoleAssignment> = {}): this {
    this.s.roleAssignments.push({
      id: `ra-${name}-${roleTemplateId.slice(0, 8)}-${this.s.roleAssignments.length}`,
      principalId: `u-${name}`,
      roleDefinitionId: roleTemplateId,
      directoryScopeId: "/",
      assignmentType: "active",
      endDateTime: null,
      ...over,
    });
    return this;
  }

  policy(p: ConditionalAccessPolicy): this {
    this.s.policies.push(p);
    return this;
  }

  location(l: NamedLocation): this {
    this.s.namedLocations.push(l);
    return this;
  }

  /** Registration report row for `u-<name>` with the given `methodsRegistered` values. */
  registered(name: string, methods: readonly string[], over: Partial<UserRegistrationDetails> = {}): this {
    const strong = methods.some((m) => !["email", "securityQuestion", "appPassword"].includes(m));
    this.s.registrations.push({
      id: `u-${name}`,
      userPrincipalName: `${name}@test.example`,
      userType: "member",
      isMfaRegistered: strong,
      isMfaCapable: strong,
      methodsRegistered: methods,
      ...over,
    });
    return this;
  }

  method(name: string, odataType: string, over: Partial<UserAuthenticationMethod> = {}): this {
    this.s.authenticationMethods.push({
      userId: `u-${name}`,
      id: `m-${name}-${this.s.authenticationMethods.length}`,
      "@odata.type": odataType,
      ...over,
    });
    return this;
  }

  signIn(sig: SignIn): this {
    this.s.signIns.push(sig);
    return this;
  }

  pattern(p: AccessPattern): this {
    this.s.accessPatterns.push(p);
    return this;
  }

  servicePrincipal(sp: ServicePrincipal): this {
    this.s.servicePrincipals.push(sp);
    return this;
  }

  strength(sp: AuthenticationStrengthPolicy): this {
    this.s.authenticationStrengths.push(sp);
    return this;
  }

  methodsPolicy(p: AuthenticationMethodsPolicy): this {
    this.s.authenticationMethodsPolicy = p;
    return this;
  }

  securityDefaults(isEnabled: boolean): this {
    this.s.securityDefaults = { isEnabled };
    return this;
  }

  /** Mark collections as not captured (checks must answer `skipped`). */
  missing(...collections: CollectionName[]): this {
    this.s.meta = { ...this.s.meta, present: this.s.meta.present.filter((c) => !collections.includes(c)) };
    return this;
  }

  /** Licences: an Entra ID P1 (and optionally P2) SKU with `seats` seats. */
  licences(o: { p1: boolean; p2?: boolean; seats?: number }): this {
    const plans = [];
    if (o.p1 || o.p2)
      plans.push({ servicePlanId: "41781fb2-bc02-4b7c-bd55-b576c07bb09d", servicePlanName: "AAD_PREMIUM" });
    if (o.p2) plans.push({ servicePlanId: "eec0eb4f-6444-4f95-aba0-50c24d67f998", servicePlanName: "AAD_PREMIUM_P2" });
    plans.push({ servicePlanId: "9aaf7827-d63c-4b61-89c3-182f06f82e5c", servicePlanName: "EXCHANGE_S_STANDARD" });
    this.s.subscribedSkus.push({
      skuId: `sku-${this.s.subscribedSkus.length}`,
      skuPartNumber: o.p2 ? "SPE_E5" : o.p1 ? "SPB" : "O365_BUSINESS_ESSENTIALS",
      capabilityStatus: "Enabled",
      prepaidUnits: { enabled: o.seats ?? 100 },
      servicePlans: plans,
    });
    return this;
  }

  /** A room in the places directory with mailbox `email`. */
  room(name: string, email: string): this {
    this.s.rooms.push({ id: `room-${name}`, displayName: name, emailAddress: email });
    return this;
  }

  /**
   * An access pattern of `u-<name>`: by default one successful interactive browser sign-in from Windows
   * on 2026-10-30. Override anything, e.g. `{ clientAppUsed: "IMAP4", count: 40, successCount: 40 }`.
   */
  uses(name: string, over: Partial<AccessPattern> = {}): this {
    const count = over.count ?? 1;
    this.s.accessPatterns.push({
      userId: `u-${name}`,
      userPrincipalName: `${name}@test.example`,
      signInEventType: "interactiveUser",
      appId: "00000002-0000-0ff1-ce00-000000000000",
      appDisplayName: "Office 365 Exchange Online",
      resourceId: null,
      clientAppUsed: "Browser",
      operatingSystem: "Windows 10",
      browser: "Edge",
      deviceId: null,
      deviceDisplayName: null,
      trustType: null,
      isCompliant: null,
      ipAddress: "203.0.113.10",
      countryOrRegion: "GB",
      count,
      successCount: over.successCount ?? count,
      failureCount: 0,
      interruptCount: 0,
      mfaCount: 0,
      lastErrorCode: null,
      firstSeen: "2026-10-30T08:00:00Z",
      lastSeen: "2026-10-30T08:00:00Z",
      ...over,
    });
    return this;
  }

  build(): TenantSnapshot {
    return structuredClone(this.s) as TenantSnapshot;
  }
}

export function tenant(): TenantBuilder {
  return new TenantBuilder();
}
