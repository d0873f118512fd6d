// fast-check arbitraries for the Conditional Access engine: a small fixed tenant, random raw policies
// (every condition type, placeholders, malformed filters) and random sign-in contexts.
// Shared by the property tests; kept deterministic through fast-check's seed.

import fc from "fast-check";
import "./fast-check-seed.js";
import type { SignInContext } from "../src/core/engine/index.js";
import type { TenantSnapshot } from "../src/core/model/index.js";
import { APP, ROLE, STRENGTH } from "../src/core/model/index.js";
import { tenant } from "./builders/tenant.js";

export const USERS = ["u0", "u1", "u2", "u3", "u4", "u5", "u6", "g7", "g8"];
const GROUPS = ["ga", "gb", "gc", "gd"];
const ROLES = [ROLE.globalAdministrator, ROLE.securityAdministrator, ROLE.userAdministrator];
const APPS = [
  APP.exchangeOnline,
  APP.sharePointOnline,
  APP.microsoftGraph,
  APP.azurePortal,
  APP.azureServiceManagement,
  APP.teamsService,
];

/** The property-test tenant: members u0-u6, guests g7/g8, nested groups, active and eligible roles, locations. */
export function propertyTenant(): TenantSnapshot {
  const b = tenant();
  for (const u of USERS.slice(0, 7)) b.user(u);
  b.guest("g7").guest("g8");
  b.group("ga", ["u0", "u1", "group:gb"])
    .group("gb", ["u2", "g7"])
    .group("gc", ["u3", "group:gd"])
    .group("gd", ["u4", "u5"]);
  b.role("u0", ROLE.globalAdministrator)
    .role("u1", ROLE.securityAdministrator, { assignmentType: "eligible" })
    .role("u2", ROLE.userAdministrator);
  b.location({
    "@odata.type": "#microsoft.graph.ipNamedLocation",
    id: "loc-hq",
    displayName: "HQ",
    isTrusted: true,
    ipRanges: [{ cidrAddress: "203.0.113.0/24" }, { cidrAddress: "2001:db8::/48" }],
  })
    .location({
      "@odata.type": "#microsoft.graph.ipNamedLocation",
      id: "loc-lab",
      displayName: "Lab",
      isTrusted: false,
      ipRanges: [{ cidrAddress: "198.51.100.0/24" }],
    })
    .location({
      "@odata.type": "#microsoft.graph.countryNamedLocation",
      id: "loc-c",
      displayName: "Countries",
      countriesAndRegions: ["US", "GB"],
      includeUnknownCountriesAndRegions: true,
    });
  return b.build();
}

const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });
const sub = <T>(xs: readonly T[]) => fc.subarray([...xs], { minLength: 0, maxLength: Math.min(3, xs.length) });

const userRefs = fc.constantFrom(...USERS.map((u) => `u-${u}`), "<Placeholder>");
const groupRefs = fc.constantFrom(...GROUPS.map((g) => `g-${g}`), "<GroupPlaceholder>");

const guestsArb = fc.record({
  guestOrExternalUserTypes: fc.constantFrom(
    "b2bCollaborationGuest",
    "internalGuest,b2bCollaborationGuest",
    "b2bDirectConnectUser",
  ),
  externalTenants: fc.constantFrom(
    { membershipKind: "all" },
    { membershipKind: "enumerated", members: ["11111111-2222-3333-4444-555555555555"] },
  ),
});

export const usersArb = fc.record({
  includeUsers: fc.oneof(
    fc.constant(["All"]),
    fc.constant(["None"]),
    fc.constant(["GuestsOrExternalUsers"]),
    fc.array(userRefs, { maxLength: 2 }),
  ),
  excludeUsers: fc.array(fc.oneof(userRefs, fc.constant("GuestsOrExternalUsers")), { maxLength: 2 }),
  includeGroups: fc.array(groupRefs, { maxLength: 2 }),
  excludeGroups: fc.array(groupRefs, { maxLength: 2 }),
  includeRoles: sub(ROLES),
  excludeRoles: sub(ROLES),
  includeGuestsOrExternalUsers: fc.option(guestsArb, { nil: null }),
  excludeGuestsOrExternalUsers: fc.option(guestsArb, { nil: null }),
});

const appsArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      includeApplications: fc.oneof(fc.constant(["All"]), sub([...APPS, "Office365", "MicrosoftAdminPortals"])),
      excludeApplications: sub([...APPS, "Office365"]),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ includeUserActions: sub(["urn:user:registersecurityinfo", "urn:user:registerdevice"]) }),
  },
  { weight: 1, arbitrary: fc.record({ includeAuthenticationContextClassReferences: sub(["c1", "c2"]) }) },
  { weight: 1, arbitrary: fc.constant({ includeApplications: ["<App placeholder>"] }) },
);

const FILTERS = [
  'device.trustType -eq "ServerAD"',
  'device.isCompliant -eq True -or device.trustType -eq "AzureAD"',
  'device.extensionAttribute1 -ne "SAW"',
  'device.displayName -startsWith "SAW" -and device.isCompliant -eq "True"',
  'device.operatingSystem -in ["Windows","iOS"]',
  "device.trustType -eq", // malformed
];

const grantArb = fc.oneof(
  fc.constant(null),
  fc.record({
    operator: fc.constantFrom("AND", "OR"),
    builtInControls: fc.subarray(
      ["block", "mfa", "compliantDevice", "domainJoinedDevice", "compliantApplication", "passwordChange"],
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
  }),
  fc.record({
    operator: fc.constant("OR"),
    builtInControls: fc.constant([] as string[]),
    authenticationStrength: fc.record({ id: fc.constantFrom(STRENGTH.mfa, STRENGTH.phishingResistantMfa) }),
  }),
);

/** A raw policy in Graph shape with a unique id. */
export function policyArb(id: string): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      state: fc.constantFrom("enabled", "enabled", "disabled", "enabledForReportingButNotEnforced"),
      users: usersArb,
      applications: appsArb,
      clientAppTypes: maybe(
        fc.oneof(
          fc.constant(["all"]),
          fc.subarray(["browser", "mobileAppsAndDesktopClients", "exchangeActiveSync", "easSupported", "other"], {
            minLength: 1,
          }),
        ),
      ),
      platforms: maybe(
        fc.record({
          includePlatforms: fc.oneof(fc.constant(["all"]), sub(["android", "iOS", "windows", "macOS", "linux"])),
          excludePlatforms: sub(["android", "iOS", "windows"]),
        }),
      ),
      locations: maybe(
        fc.record({
          includeLocations: fc.oneof(
            fc.constant(["All"]),
            fc.constant(["AllTrusted"]),
            sub(["loc-hq", "loc-lab", "loc-c", "<Loc>"]),
          ),
          excludeLocations: sub(["AllTrusted", "loc-hq", "loc-c", "00000000-0000-0000-0000-000000000000"]),
        }),
      ),
      signInRiskLevels: maybe(sub(["low", "medium", "high"])),
      userRiskLevels: maybe(sub(["medium", "high"])),
      insiderRiskLevels: maybe(fc.constantFrom("elevated", "minor,moderate")),
      authenticationFlows: maybe(
        fc.record({ transferMethods: fc.constantFrom("deviceCodeFlow", "deviceCodeFlow,authenticationTransfer") }),
      ),
      devices: maybe(
        fc.record({
          deviceFilter: fc.record({ mode: fc.constantFrom("include", "exclude"), rule: fc.constantFrom(...FILTERS) }),
        }),
      ),
      grant: grantArb,
    })
    .map((r) => {
      const conditions: Record<string, unknown> = { users: r.users, applications: r.applications };
      for (const k of [
        "clientAppTypes",
        "platforms",
        "locations",
        "signInRiskLevels",
        "userRiskLevels",
        "insiderRiskLevels",
        "authenticationFlows",
        "devices",
      ] as const) {
        if (r[k] !== undefined) conditions[k] = r[k];
      }
      return { id, displayName: id, state: r.state, conditions, grantControls: r.grant };
    });
}

export const policySetArb = fc
  .integer({ min: 1, max: 10 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => policyArb(`p${i}`))));

const deviceArb = fc.option(
  fc.record({
    deviceId: fc.constantFrom("d1", "d2"),
    displayName: fc.constantFrom("SAW-1", "LAPTOP-2"),
    isCompliant: fc.boolean(),
    trustType: fc.constantFrom("AzureAD", "ServerAD", "Workplace"),
    operatingSystem: fc.constantFrom("Windows", "iOS", "Android"),
    extensionAttribute1: fc.option(fc.constant("SAW"), { nil: undefined }),
  }),
  { nil: null },
);

export const contextArb: fc.Arbitrary<SignInContext> = fc.record({
  user: fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...USERS.map((u) => `u-${u}`), "u-unknown") },
    {
      weight: 1,
      arbitrary: fc.record({
        userType: fc.constantFrom("member" as const, "guest" as const),
        groupIds: sub(GROUPS.map((g) => `g-${g}`)),
        roleTemplateIds: sub(ROLES),
        isServicePrincipal: fc.boolean(),
      }),
    },
  ),
  application: fc.constantFrom(...APPS, "Office365"),
  userAction: fc.option(fc.constantFrom("registerSecurityInfo" as const, "registerOrJoinDevices" as const), {
    nil: undefined,
    freq: 8,
  }),
  authContext: fc.option(fc.constantFrom("c1", "c2"), { nil: undefined, freq: 8 }),
  clientAppType: fc.constantFrom(
    "browser" as const,
    "mobileAppsAndDesktopClients" as const,
    "exchangeActiveSync" as const,
    "other" as const,
  ),
  platform: fc.constantFrom(
    "android" as const,
    "iOS" as const,
    "windows" as const,
    "macOS" as const,
    "linux" as const,
    "unknown" as const,
  ),
  ipAddress: fc.constantFrom("203.0.113.5", "198.51.100.9", "192.0.2.1", "2001:db8::7", "::ffff:203.0.113.8"),
  country: fc.option(fc.constantFrom("US", "FR", "GB"), { nil: undefined }),
  signInRisk: fc.constantFrom("none" as const, "low" as const, "high" as const),
  userRisk: fc.constantFrom("none" as const, "high" as const),
  insiderRisk: fc.constantFrom("none" as const, "elevated" as const, "moderate" as const),
  device: deviceArb,
  authenticationFlow: fc.constantFrom("none" as const, "deviceCodeFlow" as const, "authenticationTransfer" as const),
});
