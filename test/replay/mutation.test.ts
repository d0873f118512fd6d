// Mutation test of the access proof: 500+ seeded random mutations of a realistic policy set (drop an
// exclusion, widen an include, add a block, tighten a strength). For each, verify-access (the class walk)
// must fail exactly when a brute-force evaluation over concrete sign-ins finds an emergency account
// blocked. The concrete sign-ins are the walk's blocked-class witnesses (soundness: each must really be
// blocked) plus random values drawn from the policies' own literals and from outside them (completeness:
// none may be blocked when the walk says there is no blocked class).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  compileEvaluator,
  type DeviceInfo,
  normalizePolicies,
  PLATFORMS,
  type PlatformOrUnknown,
  type SignInContext,
  satisfy,
} from "../../src/core/engine/index.js";
import { isProofBlock, proveAccess } from "../../src/core/engine/prove-access.js";
import { buildDirectoryIndex } from "../../src/core/model/directory-index.js";
import type { ConditionalAccessPolicy } from "../../src/core/model/policy.js";
import { APP, ROLE, STRENGTH } from "../../src/core/model/well-known.js";
import { buildCapabilityIndex } from "../../src/core/replay/capabilities.js";
import { tenant } from "../builders/tenant.js";

const MUTATIONS = Number(process.env.GLIDEPATH_MUTATIONS ?? 520);
const SAMPLES = 600;

function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    float: next,
    int: (n: number) => Math.floor(next() * n),
    pick<T>(xs: readonly T[]): T {
      return xs[Math.floor(next() * xs.length)] as T;
    },
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof rng>;

const OFFICE = "loc-office";
const COUNTRY = "loc-ukeu";
const E = "g-emergency";

const snapshot = tenant()
  .user("bg1", { userPrincipalName: "bg1@testtenant.onmicrosoft.com" })
  .user("bg2", { userPrincipalName: "bg2@testtenant.onmicrosoft.com" })
  .user("alice")
  .group("emergency", ["bg1", "bg2"])
  .group("pilot", ["alice"])
  .role("bg1", ROLE.globalAdministrator)
  .role("bg2", ROLE.globalAdministrator)
  .registered("bg1", ["fido2SecurityKey"])
  .registered("bg2", ["windowsHelloForBusiness", "microsoftAuthenticatorPush"])
  .location({
    "@odata.type": "#microsoft.graph.ipNamedLocation",
    id: OFFICE,
    displayName: "Office",
    isTrusted: true,
    ipRanges: [{ cidrAddress: "203.0.113.0/24" }],
  })
  .location({
    "@odata.type": "#microsoft.graph.countryNamedLocation",
    id: COUNTRY,
    displayName: "UK and Europe",
    countriesAndRegions: ["GB", "IE", "FR"],
    includeUnknownCountriesAndRegions: false,
  })
  .strength({
    id: "s-cert",
    displayName: "Certificate only",
    policyType: "custom",
    allowedCombinations: ["x509CertificateMultiFactor"],
  })
  .build();

const users = (over: Record<string, unknown> = {}) => ({
  includeUsers: ["All"],
  excludeUsers: [],
  includeGroups: [],
  excludeGroups: [E],
  includeRoles: [],
  excludeRoles: [],
  ...over,
});
const apps = (include: string[] = ["All"], over: Record<string, unknown> = {}) => ({
  includeApplications: include,
  excludeApplications: [],
  includeUserActions: [],
  ...over,
});
const mfa = { operator: "OR", builtInControls: ["mfa"] };
const block = { operator: "OR", builtInControls: ["block"] };

/** The realistic set: the roll-out templates plus the policies a mature tenant has. */
const BASE: ConditionalAccessPolicy[] = [
  {
    id: "p1",
    displayName: "MFA all users",
    state: "enabled",
    conditions: { users: users(), applications: apps(), clientAppTypes: ["all"] },
    grantControls: mfa,
  },
  {
    id: "p2",
    displayName: "Block legacy",
    state: "enabled",
    conditions: { users: users(), applications: apps(), clientAppTypes: ["exchangeActiveSync", "other"] },
    grantControls: block,
  },
  {
    id: "p3",
    displayName: "Emergency phishing-resistant",
    state: "enabled",
    conditions: {
      users: users({ includeUsers: [], includeGroups: [E], excludeGroups: [] }),
      applications: apps(),
      clientAppTypes: ["all"],
    },
    grantControls: {
      operator: "OR",
      builtInControls: [],
      authenticationStrength: { id: STRENGTH.phishingResistantMfa },
    },
  },
  {
    id: "p4",
    displayName: "MFA admins",
    state: "enabledForReportingButNotEnforced",
    conditions: {
      users: users({ includeUsers: [], includeRoles: [ROLE.globalAdministrator, ROLE.securityAdministrator] }),
      applications: apps(),
    },
    grantControls: mfa,
  },
  {
    id: "p5",
    displayName: "Block outside UK/EU",
    state: "enabled",
    conditions: {
      users: users(),
      applications: apps(),
      locations: { includeLocations: ["All"], excludeLocations: [COUNTRY, OFFICE] },
    },
    grantControls: block,
  },
  {
    id: "p6",
    displayName: "Compliant device for Office 365 on desktops",
    state: "enabled",
    conditions: {
      users: users(),
      applications: apps(["Office365"]),
      platforms: { includePlatforms: ["windows", "macOS"], excludePlatforms: [] },
      devices: {
        deviceFilter: {
          mode: "exclude",
          rule: 'device.extensionAttribute1 -eq "SAW" -or device.model -startsWith "Surface"',
        },
      },
    },
    grantControls: { operator: "OR", builtInControls: ["compliantDevice", "domainJoinedDevice"] },
  },
  {
    id: "p7",
    displayName: "Block high sign-in risk",
    state: "enabled",
    conditions: { users: users(), applications: apps(), signInRiskLevels: ["high"] },
    grantControls: block,
  },
  {
    id: "p8",
    displayName: "Block device code flow",
    state: "enabled",
    conditions: { users: users(), applications: apps(), authenticationFlows: { transferMethods: "deviceCodeFlow" } },
    grantControls: block,
  },
  {
    id: "p9",
    displayName: "MFA for Azure management",
    state: "enabled",
    conditions: { users: users(), applications: apps([APP.azureServiceManagement]) },
    grantControls: mfa,
  },
  {
    id: "p10",
    displayName: "Register security info from trusted locations",
    state: "enabled",
    conditions: {
      users: users(),
      applications: apps([], { includeUserActions: ["urn:user:registersecurityinfo"] }),
      locations: { includeLocations: ["All"], excludeLocations: ["AllTrusted"] },
    },
    grantControls: block,
  },
];

// biome-ignore lint/suspicious/noExplicitAny: mutations edit raw Graph JSON of any shape.
type Pol = Record<string, any>;
const clone = <T>(x: T): T => structuredClone(x);

const STRENGTHS = [STRENGTH.mfa, STRENGTH.passwordlessMfa, STRENGTH.phishingResistantMfa, "s-cert"];
const RULES = [
  'device.extensionAttribute1 -eq "SAW"',
  'device.trustType -eq "ServerAD"',
  "device.isCompliant -eq True",
  'device.model -startsWith "Surface" -and device.operatingSystem -eq "Windows"',
  'device.extensionAttribute2 -ne "kiosk"',
];

function dropExclusion(ps: Pol[], r: Rng): string {
  const cands: [Pol, string, string][] = [];
  for (const p of ps) {
    const c = p.conditions;
    if (c.users?.excludeGroups?.length) cands.push([c.users, "excludeGroups", p.id]);
    if (c.users?.excludeUsers?.length) cands.push([c.users, "excludeUsers", p.id]);
    if (c.locations?.excludeLocations?.length) cands.push([c.locations, "excludeLocations", p.id]);
    if (c.platforms?.excludePlatforms?.length) cands.push([c.platforms, "excludePlatforms", p.id]);
    if (c.applications?.excludeApplications?.length) cands.push([c.applications, "excludeApplications", p.id]);
  }
  if (cands.length === 0) return "none";
  const [o, k, id] = r.pick(cands);
  o[k] = (o[k] as string[]).filter((_, i, a) => i !== r.int(a.length));
  return `drop ${k} of ${id}`;
}

function widenInclude(ps: Pol[], r: Rng): string {
  const p = r.pick(ps);
  const c = p.conditions;
  switch (r.int(6)) {
    case 0:
      c.users = { ...c.users, includeUsers: ["All"], includeGroups: [], includeRoles: [] };
      return `${p.id} users -> All`;
    case 1:
      if (c.applications.includeUserActions?.length) return "none";
      c.applications = { ...c.applications, includeApplications: ["All"] };
      return `${p.id} apps -> All`;
    case 2:
      c.clientAppTypes = ["all"];
      return `${p.id} clients -> all`;
    case 3:
      if (c.platforms) c.platforms = { ...c.platforms, includePlatforms: ["all"] };
      return `${p.id} platforms -> all`;
    case 4:
      if (c.locations) c.locations = { ...c.locations, includeLocations: ["All"] };
      return `${p.id} locations -> All`;
    default:
      if (c.signInRiskLevels?.length) c.signInRiskLevels = ["medium", "high"];
      else if (c.authenticationFlows)
        c.authenticationFlows = { transferMethods: "deviceCodeFlow,authenticationTransfer" };
      return `${p.id} risk/flows widened`;
  }
}

function addBlock(ps: Pol[], r: Rng, n: number): string {
  const who = r.pick([
    { includeUsers: ["All"] },
    { includeGroups: [E] },
    { includeUsers: ["u-bg1"] },
    { includeRoles: [ROLE.globalAdministrator] },
    { includeGroups: ["g-pilot"] },
  ]);
  const target = r.pick([
    apps(),
    apps(["Office365"]),
    apps([APP.azureServiceManagement]),
    apps(["MicrosoftAdminPortals"]),
    apps([], { includeUserActions: ["urn:user:registersecurityinfo"] }),
    apps(["All"], { excludeApplications: [APP.exchangeOnline] }),
  ]);
  const conditions: Pol = {
    users: users({ includeUsers: [], ...who, excludeGroups: r.chance(0.4) ? [E] : [] }),
    applications: target,
  };
  if (r.chance(0.4))
    conditions.clientAppTypes = r.pick([
      ["browser"],
      ["mobileAppsAndDesktopClients"],
      ["exchangeActiveSync", "other"],
      ["browser", "other"],
    ]);
  if (r.chance(0.4)) {
    conditions.platforms = r.chance(0.5)
      ? { includePlatforms: [r.pick(PLATFORMS)], excludePlatforms: [] }
      : { includePlatforms: ["all"], excludePlatforms: [r.pick(PLATFORMS)] };
  }
  if (r.chance(0.5)) {
    conditions.locations = r.pick([
      { includeLocations: ["All"], excludeLocations: [COUNTRY] },
      { includeLocations: [OFFICE], excludeLocations: [] },
      { includeLocations: ["AllTrusted"], excludeLocations: [] },
      { includeLocations: [COUNTRY], excludeLocations: [OFFICE] },
    ]);
  }
  if (r.chance(0.25)) conditions.signInRiskLevels = [r.pick(["low", "medium", "high"])];
  if (r.chance(0.15)) conditions.userRiskLevels = ["high"];
  if (r.chance(0.15))
    conditions.authenticationFlows = { transferMethods: r.pick(["deviceCodeFlow", "authenticationTransfer"]) };
  if (r.chance(0.3))
    conditions.devices = { deviceFilter: { mode: r.pick(["include", "exclude"]), rule: r.pick(RULES) } };
  ps.push({
    id: `x${n}`,
    displayName: `Added block ${n}`,
    state: r.chance(0.8) ? "enabled" : "enabledForReportingButNotEnforced",
    conditions,
    grantControls: block,
  });
  return `add block x${n}`;
}

function tightenStrength(ps: Pol[], r: Rng): string {
  const p = r.pick(ps.filter((x) => x.grantControls && !x.grantControls.builtInControls?.includes("block")));
  if (!p) return "none";
  if (r.chance(0.7)) {
    p.grantControls = { operator: "OR", builtInControls: [], authenticationStrength: { id: r.pick(STRENGTHS) } };
    return `${p.id} strength ${p.grantControls.authenticationStrength.id}`;
  }
  p.grantControls = {
    ...p.grantControls,
    operator: "AND",
    builtInControls: [...(p.grantControls.builtInControls ?? []), "compliantDevice"],
  };
  return `${p.id} + compliantDevice (AND)`;
}

const APPS_POOL = [
  APP.exchangeOnline,
  APP.sharePointOnline,
  APP.teamsService,
  APP.azureServiceManagement,
  APP.azurePortal,
  APP.m365AdminCenter,
  APP.microsoftGraph,
  APP.officeHome,
  "12345678-aaaa-4bbb-8ccc-1234567890ab",
];
const IPS = [null, "203.0.113.9", "203.0.113.200", "81.2.69.142", "8.8.8.8", "198.51.100.7"];
const COUNTRIES = [null, "GB", "IE", "FR", "US", "NG", "DE"];

function randomDevice(r: Rng): DeviceInfo | null {
  if (r.chance(0.3)) return null;
  const d: Record<string, unknown> = {
    deviceId: "dev-1",
    isCompliant: r.chance(0.5),
    trustType: r.pick(["AzureAD", "ServerAD", "Workplace"]),
  };
  if (r.chance(0.5)) d.extensionAttribute1 = r.pick(["SAW", "saw", "other"]);
  if (r.chance(0.4)) d.extensionAttribute2 = r.pick(["kiosk", "desk"]);
  if (r.chance(0.5)) d.model = r.pick(["Surface Pro 9", "Latitude 7440", "surface laptop"]);
  if (r.chance(0.5)) d.operatingSystem = r.pick(["Windows", "iOS", "MacMDM"]);
  return d as DeviceInfo;
}

function randomContext(r: Rng, user: string): SignInContext {
  const target = r.chance(0.12)
    ? { userAction: r.pick(["registerSecurityInfo", "registerOrJoinDevices"] as const) }
    : { application: r.pick(APPS_POOL) };
  return {
    user,
    ...target,
    clientAppType: r.pick(["browser", "mobileAppsAndDesktopClients", "exchangeActiveSync", "other"] as const),
    platform: r.pick([...PLATFORMS, "unknown"] as PlatformOrUnknown[]),
    ipAddress: r.pick(IPS),
    country: r.pick(COUNTRIES),
    signInRisk: r.pick(["none", "none", "low", "medium", "high", "hidden"] as const),
    userRisk: r.pick(["none", "none", "none", "high"] as const),
    authenticationFlow: r.pick(["none", "none", "deviceCodeFlow", "authenticationTransfer"] as const),
    device: randomDevice(r),
  };
}

describe(`mutation test: verify-access vs brute force over ${MUTATIONS} mutated policy sets`, () => {
  it("agrees exactly on 'is an emergency account blocked somewhere'", (t) => {
    const index = buildDirectoryIndex(snapshot);
    const caps = buildCapabilityIndex(snapshot, index);
    const r = rng(20261122);
    const opts = { unknownApplies: "assumeApplies" as const, reportOnlyAsEnabled: true, now: "2026-11-01T12:00:00Z" };
    let failing = 0;
    let passing = 0;
    const kinds: Record<string, number> = {};
    const disagreements: string[] = [];
    // The unmutated set: both emergency accounts proven.
    {
      const { policies } = normalizePolicies(BASE);
      for (const u of ["u-bg1", "u-bg2"])
        assert.ok(proveAccess(snapshot, policies, u, caps.of(u), opts).holds, `base set, ${u}`);
    }
    for (let m = 0; m < MUTATIONS; m++) {
      const ps: Pol[] = clone(BASE) as Pol[];
      const applied: string[] = [];
      const count = r.chance(0.3) ? 2 : 1;
      for (let k = 0; k < count; k++) {
        const kind = r.pick(["drop", "widen", "add", "tighten"] as const);
        kinds[kind] = (kinds[kind] ?? 0) + 1;
        applied.push(
          kind === "drop"
            ? dropExclusion(ps, r)
            : kind === "widen"
              ? widenInclude(ps, r)
              : kind === "add"
                ? addBlock(ps, r, m)
                : tightenStrength(ps, r),
        );
      }
      const { policies } = normalizePolicies(ps);
      const ev = compileEvaluator(snapshot, policies, opts);
      let walkBlocked = false;
      let bruteBlocked = false;
      let witness = "";
      for (const user of ["u-bg1", "u-bg2"]) {
        const c = caps.of(user);
        const proof = proveAccess(snapshot, policies, user, c, { ...opts, maxListed: 60 });
        if (proof.classesBlocked > 0) walkBlocked = true;
        // Memoised on the engine's own decide() (the enforced policies) and what satisfy reads.
        const memo = new Map<string, boolean>();
        const blockedAt = (ctx: SignInContext) => {
          const f = ev.decide(ctx);
          const key0 = `${f.enforced.join(".")}|${f.block}`;
          const regCtx = { ...ctx, userAction: "registerSecurityInfo" as const };
          const key = `${key0}|${ev.decide(regCtx).enforced.join(".")}|${ctx.userAction ?? ""}|${ctx.clientAppType}|${ctx.platform}|${ctx.device ? `${ctx.device.isCompliant}${ctx.device.trustType}` : "-"}`;
          let hit = memo.get(key);
          if (hit === undefined) {
            const d = ev.evaluate(ctx);
            const reg = ctx.userAction === "registerSecurityInfo" ? undefined : ev.evaluate(regCtx);
            hit = isProofBlock(
              ctx,
              satisfy(d, c, ctx, {
                strengths: snapshot.authenticationStrengths,
                ...(reg ? { registrationDecision: reg } : {}),
              }),
            );
            memo.set(key, hit);
          }
          return hit;
        };
        // Soundness: every witness the walk lists is blocked when evaluated concretely.
        for (const b of proof.blocked) {
          assert.ok(
            blockedAt(b.example),
            `mutation ${m} (${applied.join("; ")}): witness not blocked: ${JSON.stringify(b.example)}`,
          );
          bruteBlocked = true;
        }
        // Completeness: random concrete sign-ins.
        for (let s = 0; s < SAMPLES && !bruteBlocked; s++) {
          const ctx = randomContext(r, user);
          if (blockedAt(ctx)) {
            bruteBlocked = true;
            witness = JSON.stringify(ctx);
          }
        }
      }
      if (walkBlocked !== bruteBlocked)
        disagreements.push(
          `mutation ${m} (${applied.join("; ")}): walk ${walkBlocked}, brute force ${bruteBlocked} ${witness}`,
        );
      if (walkBlocked) failing++;
      else passing++;
    }
    t.diagnostic(
      `mutations ${MUTATIONS}: walk fails ${failing}, passes ${passing}; kinds ${JSON.stringify(kinds)}; disagreements ${disagreements.length}`,
    );
    assert.deepEqual(disagreements, []);
    // The mutations must exercise both answers.
    assert.ok(failing > 50 && passing > 50, `failing ${failing}, passing ${passing}`);
    assert.ok(
      Object.values(kinds).every((n) => n > 50),
      JSON.stringify(kinds),
    );
  });
});
