// The simulated tenant "Northwind Estates": generateTenant builds the directory, configuration, registrations
// and audit log of a seeded organisation of any size, streams 30 days of sign-ins lazily, and records exactly
// what it planted (GroundTruth). writeTenantFiles writes it in the shapes an admin would download.

import type { SignInActivity } from "../../core/model/directory.js";
import { GlidepathError } from "../../core/model/errors.js";
import type { SignIn } from "../../core/model/sign-in.js";
import { COLLECTIONS, type TenantSnapshot } from "../../core/model/snapshot.js";
import { ADMIN_ROLE_TEMPLATE_IDS, ROLE } from "../../core/model/well-known.js";
import { COMPROMISE_ORIGIN, OFFICES, TENANT } from "./catalog.js";
import {
  authenticationMethodsPolicy,
  authenticationStrengths,
  namedLocations,
  policies,
  REPORT_ONLY_SINCE_DAYS,
  SECURITY_DEFAULTS,
} from "./configuration.js";
import { browserVersions, type GenContext, windowOf } from "./context.js";
import {
  groups,
  roleAssignments,
  roleDefinitions,
  rooms,
  servicePrincipals,
  subscribedSkus,
  users,
} from "./directory.js";
import type { GroundTruth } from "./ground-truth.js";
import { type Planted, plant } from "./planting.js";
import { buildProfiles } from "./population.js";
import { SeedRoot, STREAM } from "./prng.js";
import type { Profile } from "./profile.js";
import { isMfaCode, METHOD_VALUE } from "./profile.js";
import { audits, methodObjects, registrationRow } from "./registrations.js";
import { emergencyDay, planDay, signsIn, userDay } from "./sign-ins.js";
import { DAY_MS, iso } from "./time.js";

export type { GroundTruth, LegacyDependency } from "./ground-truth.js";
export { writeTenantFiles } from "./writer.js";

export interface SimulatorOptions {
  users: number;
  seed: string;
  /** ISO-8601, e.g. "2026-11-22T00:00:00Z": the moment the snapshot is taken. */
  now: string;
  /** Days of sign-ins and audit events before `now` (default 30). */
  days?: number;
}

export interface GeneratedTenant {
  /** Everything except sign-ins (signIns = [] and accessPatterns = []); meta.present lists "signIns". */
  readonly snapshot: TenantSnapshot;
  /** Deterministic, re-iterable, streamed (one account-day in memory at a time); oldest day first, then by account, then by time. */
  signIns(): Iterable<SignIn>;
  readonly groundTruth: GroundTruth;
}

/** Internal handle used by the writer: the day-by-day stream. */
export interface TenantInternals {
  readonly ctx: GenContext;
  signInsOfDay(day: number): SignIn[];
}
const INTERNALS = new WeakMap<GeneratedTenant, TenantInternals>();
export function internalsOf(t: GeneratedTenant): TenantInternals {
  const i = INTERNALS.get(t);
  if (!i) throw new Error("not a tenant made by generateTenant");
  return i;
}

export const MIN_USERS = 50;
export const MAX_USERS = 200_000;

/** Check options without generating anything; throws the GlidepathError generateTenant would throw. */
export function validateSimulatorOptions(opts: SimulatorOptions): { nowMs: number; days: number } {
  if (!Number.isInteger(opts.users) || opts.users < MIN_USERS || opts.users > MAX_USERS) {
    throw new GlidepathError(
      "simulator.users",
      `--users must be a whole number from ${MIN_USERS} to ${MAX_USERS}, got ${String(opts.users)}`,
      `pass e.g. --users 500 (the simulated tenant needs at least ${MIN_USERS} accounts to hold every planted situation)`,
    );
  }
  const nowMs = Date.parse(opts.now);
  if (!Number.isFinite(nowMs) || !/^\d{4}-\d{2}-\d{2}/.test(opts.now)) {
    throw new GlidepathError(
      "simulator.now",
      `--now must be an ISO-8601 date-time, got '${opts.now}'`,
      "pass e.g. --now 2026-11-22T00:00:00Z",
    );
  }
  const days = opts.days ?? 30;
  if (!Number.isInteger(days) || days < 7 || days > 90) {
    throw new GlidepathError(
      "simulator.days",
      `--days must be a whole number from 7 to 90, got ${String(opts.days)}`,
      "pass e.g. --days 30",
    );
  }
  if (typeof opts.seed !== "string" || opts.seed.length === 0) {
    throw new GlidepathError("simulator.seed", "--seed must not be empty", "pass e.g. --seed northwind");
  }
  return { nowMs, days };
}

export function generateTenant(opts: SimulatorOptions): GeneratedTenant {
  const { nowMs, days } = validateSimulatorOptions(opts);
  const root = new SeedRoot(opts.seed);
  const cfg = root.derive(STREAM.config);
  const { fromMs, toMs } = windowOf(nowMs, days);
  const ctx: GenContext = {
    root,
    seed: opts.seed,
    users: opts.users,
    now: opts.now,
    nowMs,
    days,
    fromMs,
    toMs,
    tenantId: cfg.guid(),
    policies: { adminMfa: cfg.guid(), azureMfa: cfg.guid(), financeMfa: cfg.guid() },
    emergencyGroupId: cfg.guid(),
    officeLocationId: cfg.guid(),
    ...browserVersions(nowMs),
  };
  const countryLocationId = cfg.guid();
  const { profiles } = buildProfiles(ctx);
  const planted = plant(ctx, profiles);
  const signers = profiles.filter(signsIn);
  /** One day of sign-ins: by account, then by time within the account. */
  const signInsOfDay = (day: number): SignIn[] => {
    const out: SignIn[] = [];
    for (const p of signers) for (const s of userDay(ctx, planted, p, day)) out.push(s);
    return out;
  };

  // signInActivity from the stream itself: the latest sign-ins, scanning days backwards.
  const activity = new Map<string, SignInActivity>();
  for (const p of profiles) activity.set(p.id, signInActivityOf(ctx, planted, p));

  const g = groups(ctx, profiles);
  const isAdmin = (p: Profile) => p.roles.some((r) => ADMIN_ROLE_TEMPLATE_IDS.includes(r)) || p.kind === "emergency";
  const registrations = profiles
    .filter((p) => p.kind !== "shared" && p.kind !== "room")
    .map((p) => [p.upn.toLowerCase(), registrationRow(ctx, p, isAdmin(p))] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map((x) => x[1]);
  const methods = profiles.flatMap((p) => methodObjects(p));
  const aud = audits(ctx, profiles, planted);
  const rm = rooms(ctx, profiles);
  const snapshot: TenantSnapshot = {
    meta: {
      tenantId: ctx.tenantId,
      tenantDisplayName: TENANT.displayName,
      defaultDomain: TENANT.defaultDomain,
      initialDomain: TENANT.initialDomain,
      capturedAt: opts.now,
      source: "simulator",
      present: COLLECTIONS.filter((c) => c !== "accessPatterns"),
      signInWindow: { from: iso(fromMs), to: iso(toMs) },
    },
    users: users(profiles, activity),
    groups: g.groups,
    groupMembers: g.members,
    roleDefinitions: roleDefinitions(),
    roleAssignments: roleAssignments(ctx, profiles),
    servicePrincipals: servicePrincipals(ctx),
    policies: policies(ctx, g.missingGroupId),
    namedLocations: namedLocations(ctx, countryLocationId),
    authenticationStrengths: authenticationStrengths(),
    authenticationMethodsPolicy: authenticationMethodsPolicy(),
    securityDefaults: SECURITY_DEFAULTS,
    subscribedSkus: subscribedSkus(profiles, planted),
    registrations,
    authenticationMethods: methods,
    rooms: rm.rooms,
    directoryAudits: aud.audits,
    signIns: [],
    accessPatterns: [],
  };
  const groundTruth = truth(ctx, profiles, planted, g, rm.byUser, aud.compromiseAuditId);
  const tenant: GeneratedTenant = {
    snapshot,
    groundTruth,
    signIns(): Iterable<SignIn> {
      return {
        *[Symbol.iterator]() {
          // One account-day at a time: nothing of the window is retained here.
          for (let d = 0; d < days; d++) for (const p of signers) yield* userDay(ctx, planted, p, d);
        },
      };
    },
  };
  INTERNALS.set(tenant, { ctx, signInsOfDay });
  return tenant;
}

function signInActivityOf(ctx: GenContext, planted: Planted, p: Profile): SignInActivity {
  let lastI: number | null = null;
  let lastN: number | null = null;
  let lastS: number | null = null;
  if (signsIn(p)) {
    for (let d = ctx.days - 1; d >= 0 && (lastI === null || lastN === null || lastS === null); d--) {
      const plan = planDay(ctx, planted, p, d);
      if (!plan) break;
      for (const e of plan.evs) {
        if (e.interactive) {
          if (lastI === null || e.t > lastI) lastI = e.t;
        } else if (lastN === null || e.t > lastN) lastN = e.t;
        if (e.code === 0 && (lastS === null || e.t > lastS)) lastS = e.t;
      }
    }
  }
  const before = p.lastSeenBefore ?? null;
  return {
    lastSignInDateTime: lastI !== null ? iso(lastI) : before,
    lastNonInteractiveSignInDateTime: lastN !== null ? iso(lastN) : p.active ? null : before,
    lastSuccessfulSignInDateTime: lastS !== null ? iso(lastS) : before,
  };
}

function truth(
  ctx: GenContext,
  profiles: readonly Profile[],
  planted: Planted,
  g: { itTeamGroupId: string; executivesGroupId: string; missingGroupId: string },
  roomsByUser: ReadonlyMap<string, { id: string; emailAddress: string; displayName: string }>,
  compromiseAuditId: string,
): GroundTruth {
  const ids = (f: (p: Profile) => boolean) => profiles.filter(f).map((p) => p.id);
  const mfaCodes = (p: Profile) => [...new Set(p.methods.map((m) => m.code).filter(isMfaCode))];
  const registered = (p: Profile) => mfaCodes(p).length > 0;
  const outOfScope = (p: Profile) =>
    p.kind === "emergency" || p.kind === "service" || p.kind === "sync" || p.kind === "shared" || p.kind === "room";
  const activeMember = (p: Profile) => p.enabled && p.kind !== "guest" && p.active;
  const emergency = profiles.filter((p) => p.kind === "emergency");
  const eDay = emergencyDay(ctx);
  const eDaySignIns = emergency.flatMap((p) => userDay(ctx, planted, p, eDay));
  const stale = planted.stale.map((p) => {
    const failed: string[] = [];
    for (let d = p.newPhoneDay!; d < ctx.days; d++) {
      for (const s of userDay(ctx, planted, p, d)) if (s.status.errorCode === 500121) failed.push(s.id);
    }
    const a = p.methods.find((m) => m.code === "A")!;
    return {
      userId: p.id,
      registeredDevice: a.displayName ?? "",
      registeredAt: a.createdDateTime,
      newDeviceOperatingSystem: p.phone!.operatingSystem,
      newPhoneSince: iso(ctx.fromMs + p.newPhoneDay! * DAY_MS),
      failedSignInIds: failed,
    };
  });
  const c = planted.compromised;
  const cSignIns = userDay(ctx, planted, c, planted.compromiseDay).filter((s) => s.ipAddress === planted.compromiseIp);
  const added = c.methods.find((m) => m.addedBy === "attacker")!;
  const active = ids(activeMember);
  const inScope = ids((p) => activeMember(p) && !outOfScope(p));
  const inScopeSet = new Set(inScope);
  const activeProfiles = profiles.filter(activeMember);
  const regActive = activeProfiles.filter(registered).length;
  const regIn = activeProfiles.filter((p) => inScopeSet.has(p.id) && registered(p)).length;
  const legacy = profiles.filter((p) => p.legacy).map((p) => p.legacy!);
  return {
    seed: ctx.seed,
    users: ctx.users,
    now: ctx.now,
    days: ctx.days,
    tenantId: ctx.tenantId,
    emergencyAccountIds: emergency.map((p) => p.id),
    emergencyGroupId: ctx.emergencyGroupId,
    emergencyAccounts: emergency.map((p) => {
      const pr = p.methods.some((m) => m.code === "F" || m.code === "W");
      return {
        userId: p.id,
        userPrincipalName: p.upn,
        displayName: p.displayName,
        methodsRegistered: p.methods.map((m) => METHOD_VALUE[m.code]),
        hasPhishingResistantMethod: pr,
        problem: pr ? null : "noPhishingResistantMethod",
      };
    }),
    emergencySignIns: eDaySignIns.map((s) => ({
      userId: s.userId,
      signInId: s.id,
      createdDateTime: s.createdDateTime,
      appId: s.appId,
      multiFactor: s.authenticationRequirement === "multiFactorAuthentication",
    })),
    itTeamGroupId: g.itTeamGroupId,
    itTeamUserIds: ids((p) => p.it && p.kind === "person"),
    adminUserIds: planted.admins.map((p) => p.id),
    globalAdminUserIds: ids((p) => p.kind === "person" && p.roles.includes(ROLE.globalAdministrator)),
    eligibleAdminUserIds: planted.eligibleAdmins.map((p) => p.id),
    executivesGroupId: g.executivesGroupId,
    executiveUserIds: ids((p) => p.exec),
    cfoUserId: profiles.find((p) => p.jobTitle === "Chief Financial Officer")!.id,
    adminWithoutMfaUserIds: [planted.adminWithoutMfa.id],
    noSmartphoneUserIds: ids((p) => (p.kind === "person" || p.kind === "leaver") && !p.hasSmartphone),
    sharedMailboxUserIds: ids((p) => p.kind === "shared"),
    sharedMailboxSignInEnabledUserIds: ids((p) => p.kind === "shared" && p.enabled),
    roomUserIds: ids((p) => p.kind === "room"),
    rooms: profiles
      .filter((p) => p.kind === "room")
      .map((p) => {
        const r = roomsByUser.get(p.id)!;
        return { id: r.id, userId: p.id, emailAddress: r.emailAddress, displayName: r.displayName };
      }),
    serviceAccountUserIds: ids((p) => p.kind === "service"),
    ropcServiceAccountUserIds: ids((p) => p.serviceRole === "ropc"),
    syncAccountUserId: profiles.find((p) => p.kind === "sync")!.id,
    guestUserIds: ids((p) => p.kind === "guest"),
    disabledUserIds: ids((p) => p.kind === "leaver"),
    inactiveMemberUserIds: ids((p) => p.kind === "person" && p.enabled && !p.active),
    activeMemberUserIds: active,
    inScopeActiveMemberUserIds: inScope,
    outOfScopeUserIds: ids(outOfScope),
    unregisteredActiveMemberIds: ids((p) => activeMember(p) && !registered(p)),
    unregisteredInScopeActiveMemberIds: ids((p) => inScopeSet.has(p.id) && !registered(p)),
    singleMethodUserIds: ids(
      (p) => mfaCodes(p).length === 1 && p.methods.filter((m) => isMfaCode(m.code)).length === 1,
    ),
    smsVoiceOnlyUserIds: ids((p) => registered(p) && mfaCodes(p).every((c) => c === "P" || c === "V")),
    staleAuthenticatorUserIds: planted.stale.map((p) => p.id),
    staleAuthenticators: stale,
    compromisedUserId: c.id,
    compromise: {
      userId: c.id,
      auditEventId: compromiseAuditId,
      activityDateTime: added.createdDateTime,
      country: COMPROMISE_ORIGIN.country,
      ipAddress: planted.compromiseIp,
      addedMethodId: added.id,
      signInIds: cSignIns.map((s) => s.id),
    },
    legacyDependencies: legacy,
    legacyUserIds: [...new Set(legacy.map((l) => l.userId))],
    officeLocationId: ctx.officeLocationId,
    officeIpRanges: Object.values(OFFICES).map((o) => o.cidr),
    policies: [
      {
        id: ctx.policies.adminMfa,
        displayName: "CA01 - Require MFA for administrators",
        state: "enabledForReportingButNotEnforced",
        problem: "reportOnlyStale",
        reportOnlySince: iso(ctx.toMs - REPORT_ONLY_SINCE_DAYS * DAY_MS + 40_000_000),
      },
      {
        id: ctx.policies.azureMfa,
        displayName: "CA02 - Require MFA for Azure management",
        state: "enabled",
        problem: null,
      },
      {
        id: ctx.policies.financeMfa,
        displayName: "CA03 - Require MFA for Finance approvers",
        state: "enabled",
        problem: "deletedGroupReference",
        missingGroupId: g.missingGroupId,
      },
    ],
    authenticationMethodsPolicyWeakness: {
      methodConfigurationId: "TemporaryAccessPass",
      state: "disabled",
      why: "Temporary Access Pass is disabled: people without a smartphone and people who replaced their phone cannot be onboarded or recovered with a TAP.",
    },
    securityDefaultsEnabled: false,
    licences: { entraIdP1: true, entraIdP2: true, p2Seats: planted.p2Seats },
    expected: {
      registrationRateActiveMembers: activeProfiles.length ? regActive / activeProfiles.length : 0,
      registrationRateInScope: inScope.length ? regIn / inScope.length : 0,
    },
  };
}
