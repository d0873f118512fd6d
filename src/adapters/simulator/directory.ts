// Directory objects derived from the profiles: users (with signInActivity from the sign-in stream), groups
// and direct memberships, role definitions and assignments, service principals, licences and rooms.

import type {
  Group,
  GroupMember,
  RoleAssignment,
  RoleDefinition,
  Room,
  ServicePrincipal,
  SignInActivity,
  SubscribedSku,
  User,
} from "../../core/model/directory.js";
import { APP, ROLE, ROLE_NAMES, SERVICE_PLAN } from "../../core/model/well-known.js";
import { APPS, DEPARTMENTS, OFFICES } from "./catalog.js";
import type { GenContext } from "./context.js";
import { base64url, type Planted } from "./planting.js";
import { type Rng, STREAM } from "./prng.js";
import type { Profile } from "./profile.js";
import { DAY_MS, iso } from "./time.js";

const MICROSOFT_TENANT = "f8cdef31-a31e-4b4a-93e4-5f571e91255a";

/** Licences: Microsoft 365 E3 and F3 carry Entra ID P1; a small Entra ID P2 add-on covers the IT team (PIM). */
export const SKUS = {
  SPE_E3: {
    skuId: "05e9a617-0261-4cee-bb44-138d3ef5d965",
    plans: [
      [SERVICE_PLAN.entraIdP1, "AAD_PREMIUM"],
      ["8a256a2b-b617-496d-b51b-e76466e88db0", "MFA_PREMIUM"],
      ["efb87545-963c-4e0d-99df-69c6916d9eb0", "EXCHANGE_S_ENTERPRISE"],
      ["5dbe027f-2339-4123-9542-606e4d348a72", "SHAREPOINTENTERPRISE"],
      ["57ff2da0-773e-42df-b2af-ffb7a2317929", "TEAMS1"],
      ["c1ec4a95-1f05-45b3-a911-aa3fa01094f5", "INTUNE_A"],
    ],
  },
  SPE_F1: {
    skuId: "66b55226-6b4f-492c-910c-a3b7a3c9d993",
    plans: [
      [SERVICE_PLAN.entraIdP1, "AAD_PREMIUM"],
      ["8a256a2b-b617-496d-b51b-e76466e88db0", "MFA_PREMIUM"],
      ["4a82b400-a79f-41a4-b4e2-e94f5787b113", "EXCHANGE_S_DESKLESS"],
      ["57ff2da0-773e-42df-b2af-ffb7a2317929", "TEAMS1"],
      ["c1ec4a95-1f05-45b3-a911-aa3fa01094f5", "INTUNE_A"],
    ],
  },
  EXCHANGESTANDARD: {
    skuId: "4b9405b0-7788-4568-add1-99614e613b69",
    plans: [["9aaf7827-d63c-4b61-89c3-182f06f82e5c", "EXCHANGE_S_STANDARD"]],
  },
  AAD_PREMIUM_P2: {
    skuId: "84a661c4-e949-4bd2-a560-ed7766fcaf2b",
    plans: [
      [SERVICE_PLAN.entraIdP2, "AAD_PREMIUM_P2"],
      [SERVICE_PLAN.entraIdP1, "AAD_PREMIUM"],
      ["8a256a2b-b617-496d-b51b-e76466e88db0", "MFA_PREMIUM"],
    ],
  },
} as const;
export type SkuName = keyof typeof SKUS;

export function users(profiles: readonly Profile[], activity: ReadonlyMap<string, SignInActivity>): User[] {
  const out: User[] = profiles.map((p) => ({
    id: p.id,
    userPrincipalName: p.upn,
    displayName: p.displayName,
    userType: p.kind === "guest" ? "Guest" : "Member",
    accountEnabled: p.enabled,
    jobTitle: p.jobTitle,
    department: p.department,
    mail: p.kind === "guest" ? (p.mail ?? null) : p.kind === "sync" || p.kind === "emergency" ? null : p.upn,
    onPremisesSyncEnabled: p.synced ? true : null,
    createdDateTime: p.createdDateTime,
    signInActivity: activity.get(p.id) ?? {
      lastSignInDateTime: null,
      lastNonInteractiveSignInDateTime: null,
      lastSuccessfulSignInDateTime: null,
    },
    assignedLicenses: p.licences.map((l) => ({ skuId: SKUS[l as SkuName].skuId, disabledPlans: [] })),
    externalUserState: p.kind === "guest" ? (p.externalUserState ?? "Accepted") : null,
  }));
  // Graph lists users in object-id order.
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface GroupsOut {
  readonly groups: Group[];
  readonly members: GroupMember[];
  readonly itTeamGroupId: string;
  readonly executivesGroupId: string;
  readonly missingGroupId: string;
}

export function groups(ctx: GenContext, profiles: readonly Profile[]): GroupsOut {
  const rng = ctx.root.derive(STREAM.ids, 3);
  const groups: Group[] = [];
  const members: GroupMember[] = [];
  const g = (displayName: string, over: Partial<Group> = {}): string => {
    const id = rng.guid();
    groups.push({
      id,
      displayName,
      description: over.description ?? null,
      groupTypes: [],
      membershipRule: null,
      securityEnabled: true,
      mailEnabled: false,
      isAssignableToRole: false,
      onPremisesSyncEnabled: null,
      createdDateTime: iso(ctx.toMs - rng.range(200, 2000) * DAY_MS),
      ...over,
    });
    return id;
  };
  const add = (groupId: string, ps: readonly Profile[]) => {
    for (const p of ps) members.push({ groupId, memberId: p.id, memberType: "user" });
  };
  const emergency = profiles.filter((p) => p.kind === "emergency");
  // The emergency group id is fixed in the context (policies exclude it); create it with that id.
  groups.push({
    id: ctx.emergencyGroupId,
    displayName: "SG-CA-Exclusions",
    description: "Accounts excluded from Conditional Access",
    groupTypes: [],
    membershipRule: null,
    securityEnabled: true,
    mailEnabled: false,
    isAssignableToRole: true,
    onPremisesSyncEnabled: null,
    createdDateTime: iso(ctx.toMs - 520 * DAY_MS),
  });
  add(ctx.emergencyGroupId, emergency);
  const active = (p: Profile) => p.kind === "person";
  const itTeamGroupId = g("SG-IT-Team", { description: "IT department", onPremisesSyncEnabled: true });
  add(
    itTeamGroupId,
    profiles.filter((p) => p.it && active(p)),
  );
  const executivesGroupId = g("SG-Executives", {
    description: "Executive leadership team",
    onPremisesSyncEnabled: true,
  });
  add(
    executivesGroupId,
    profiles.filter((p) => p.exec && active(p)),
  );
  const deptIds: string[] = [];
  for (const d of DEPARTMENTS) {
    const id = g(`SG-Dept-${d.name.replace(/ & /g, "-").replace(/ /g, "")}`, {
      description: `${d.name} department`,
      onPremisesSyncEnabled: true,
    });
    deptIds.push(id);
    add(
      id,
      profiles.filter((p) => active(p) && !p.it && !p.exec && p.department === d.name),
    );
  }
  const allStaff = g("All Staff", {
    description: "Everyone at Northwind Estates (nested department groups)",
    mailEnabled: true,
    groupTypes: [],
  });
  for (const id of [itTeamGroupId, executivesGroupId, ...deptIds])
    members.push({ groupId: allStaff, memberId: id, memberType: "group" });
  const printers = g("SG-ScanToEmail-Devices", {
    description: "Accounts used by multifunction printers for scan to e-mail",
  });
  add(
    printers,
    profiles.filter((p) => p.serviceRole === "printer"),
  );
  const svc = g("SG-Service-Accounts", { description: "User accounts used by systems" });
  add(
    svc,
    profiles.filter((p) => p.kind === "service"),
  );
  members.push({ groupId: svc, memberId: printers, memberType: "group" });
  const guests = g("Partners - Property Projects", {
    description: "Guests from partner organisations",
    groupTypes: ["Unified"],
    mailEnabled: true,
    securityEnabled: false,
  });
  add(
    guests,
    profiles.filter((p) => p.kind === "guest"),
  );
  g("SG-Warehouse-Kiosks", {
    description: "Shared kiosk PCs (dynamic device group)",
    groupTypes: ["DynamicMembership"],
    membershipRule: '(device.displayName -startsWith "NWE-KIOSK")',
  });
  // A group that existed once: CA03 still names it.
  const missingGroupId = rng.guid();
  return { groups, members, itTeamGroupId, executivesGroupId, missingGroupId };
}

export function roleDefinitions(): RoleDefinition[] {
  return Object.values(ROLE).map((id) => ({ id, templateId: id, displayName: ROLE_NAMES[id]!, isBuiltIn: true }));
}

export function roleAssignments(ctx: GenContext, profiles: readonly Profile[]): RoleAssignment[] {
  const rng = ctx.root.derive(STREAM.ids, 4);
  const out: RoleAssignment[] = [];
  for (const p of profiles) {
    for (const r of p.roles) {
      out.push({
        id: base64url(rng, 43),
        principalId: p.id,
        roleDefinitionId: r,
        directoryScopeId: "/",
        assignmentType: "active",
        startDateTime: iso(Date.parse(p.createdDateTime) + rng.range(1, 30) * DAY_MS),
        endDateTime: null,
      });
    }
    for (const r of p.eligibleRoles) {
      out.push({
        id: base64url(rng, 43),
        principalId: p.id,
        roleDefinitionId: r,
        directoryScopeId: "/",
        assignmentType: "eligible",
        startDateTime: iso(ctx.toMs - rng.range(60, 300) * DAY_MS),
        endDateTime: iso(ctx.toMs + rng.range(60, 300) * DAY_MS),
      });
    }
  }
  return out;
}

export function servicePrincipals(ctx: GenContext): ServicePrincipal[] {
  const rng = ctx.root.derive(STREAM.ids, 5);
  const first = (appId: string, displayName: string): ServicePrincipal => ({
    id: rng.guid(),
    appId,
    displayName,
    servicePrincipalType: "Application",
    appOwnerOrganizationId: MICROSOFT_TENANT,
    accountEnabled: true,
  });
  return [
    first(APP.exchangeOnline, "Office 365 Exchange Online"),
    first(APP.sharePointOnline, "Office 365 SharePoint Online"),
    first(APP.microsoftGraph, "Microsoft Graph"),
    first(APP.windowsAzureActiveDirectory, "Windows Azure Active Directory"),
    first(APP.azureServiceManagement, "Windows Azure Service Management API"),
    first(APP.azurePortal, "Azure Portal"),
    first(APP.teamsService, "Microsoft Teams Services"),
    first(APP.teamsClient, "Microsoft Teams"),
    first(APP.officeHome, "OfficeHome"),
    first(APP.microsoftOffice, "Microsoft Office"),
    first(APP.mySignins, "My Signins"),
    first(APP.m365AdminCenter, "Microsoft Office 365 Portal"),
    first(APP.graphPowerShell, "Microsoft Graph Command Line Tools"),
    first(APPS.aadConnect.appId, APPS.aadConnect.appDisplayName),
    {
      id: rng.guid(),
      appId: rng.guid(),
      displayName: "Northwind ERP Connector",
      servicePrincipalType: "Application",
      appOwnerOrganizationId: ctx.tenantId,
      accountEnabled: true,
    },
  ];
}

export function subscribedSkus(profiles: readonly Profile[], planted: Planted): SubscribedSku[] {
  const consumed = new Map<string, number>();
  for (const p of profiles) for (const l of p.licences) consumed.set(l, (consumed.get(l) ?? 0) + 1);
  const sku = (name: SkuName, enabled: number): SubscribedSku => ({
    skuId: SKUS[name].skuId,
    skuPartNumber: name,
    capabilityStatus: "Enabled",
    consumedUnits: consumed.get(name) ?? 0,
    prepaidUnits: { enabled, suspended: 0, warning: 0 },
    servicePlans: SKUS[name].plans.map(([servicePlanId, servicePlanName]) => ({
      servicePlanId,
      servicePlanName,
      provisioningStatus: "Success",
    })),
  });
  const round = (n: number) => Math.ceil((n * 1.05) / 5) * 5;
  return [
    sku("SPE_E3", round(consumed.get("SPE_E3") ?? 0)),
    sku("SPE_F1", round(consumed.get("SPE_F1") ?? 0)),
    sku("EXCHANGESTANDARD", round(consumed.get("EXCHANGESTANDARD") ?? 0)),
    sku("AAD_PREMIUM_P2", planted.p2Seats),
  ];
}

export function rooms(ctx: GenContext, profiles: readonly Profile[]): { rooms: Room[]; byUser: Map<string, Room> } {
  const rng: Rng = ctx.root.derive(STREAM.ids, 6);
  const byUser = new Map<string, Room>();
  const out: Room[] = [];
  for (const p of profiles) {
    if (p.kind !== "room") continue;
    const room: Room = {
      id: rng.guid(),
      displayName: p.displayName.replace(" Meeting Room", ""),
      emailAddress: p.upn,
      capacity: [4, 6, 8, 10, 12, 20][rng.int(6)]!,
      building: OFFICES[p.office].name,
    };
    out.push(room);
    byUser.set(p.id, room);
  }
  return { rooms: out, byUser };
}
