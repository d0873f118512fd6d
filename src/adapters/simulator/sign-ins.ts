// The sign-in stream: for each (account, day) a deterministic list of sign-in records, generated lazily from
// a sub-seed of (seed, account index, day) so the window never has to sit in memory and any day can be rebuilt.
// One record stands for one session (interactive) or one token refresh (non-interactive): see README, "Volume".

import type {
  AppliedConditionalAccessPolicy,
  AuthenticationDetail,
  SignIn,
  SignInDeviceDetail,
  SignInLocation,
  SignInStatus,
} from "../../core/model/sign-in.js";
import {
  APPS,
  type AppInfo,
  COMPROMISE_ORIGIN,
  FAILURE,
  GUEST_HOMES,
  HOME_TOWNS,
  MOBILE_PREFIXES,
  OFFICES,
  TRAVEL,
} from "./catalog.js";
import type { GenContext } from "./context.js";
import type { Planted } from "./planting.js";
import { type Rng, STREAM } from "./prng.js";
import type { DeviceInfo, MethodCode, Profile } from "./profile.js";
import { DAY_MS, iso, isWeekend } from "./time.js";

export const POLICY_NAMES = {
  adminMfa: "CA01 - Require MFA for administrators",
  azureMfa: "CA02 - Require MFA for Azure management",
  financeMfa: "CA03 - Require MFA for Finance approvers",
} as const;

type CaCase =
  | "base"
  | "adminSf"
  | "adminMfa"
  | "azureOk"
  | "azureFail"
  | "azureEligibleOk"
  | "azureEligibleFail"
  | "emergency"
  | "emergencyAzure";

interface Loc {
  readonly ip: string;
  readonly city: string;
  readonly state: string;
  readonly country: string;
}

export interface Ev {
  t: number;
  interactive: boolean;
  app: AppInfo;
  client: string;
  dev: DeviceInfo | null;
  /** Rich client (true) or browser (false) user agent. */
  rich: boolean;
  loc: Loc;
  code: number;
  additional?: string | null;
  /** The MFA method completed, or null for single factor. */
  mfa: string | null;
  /** MFA was requested (success, interrupt or failure). */
  mfaRequired: boolean;
  ca: CaCase;
  corr: string;
  protocol?: string;
  userAgent?: string | null;
  legacyOs?: string | null;
}

/** Per-tenant caches of the shared, immutable parts of records. */
interface Shared {
  readonly ca: Readonly<Record<CaCase, readonly AppliedConditionalAccessPolicy[]>>;
  readonly caStatus: Readonly<Record<CaCase, string>>;
  /** Interned immutable parts of records (few distinct values): locations, statuses, auth details. */
  readonly locations: Map<string, SignInLocation>;
  readonly statuses: Map<string, SignInStatus>;
  readonly details: Map<string, readonly AuthenticationDetail[]>;
  readonly mfaDetails: Map<string, { readonly authMethod: string; readonly authDetail: null }>;
  readonly devices: Map<DeviceInfo, readonly [SignInDeviceDetail, SignInDeviceDetail]>;
  readonly legacyDevices: Map<string, SignInDeviceDetail>;
  readonly mfaText: Map<Profile, string | null>;
}
const SHARED = new WeakMap<GenContext, Shared>();

function shared(ctx: GenContext): Shared {
  let s = SHARED.get(ctx);
  if (s) return s;
  const pol = (id: string, displayName: string, result: string): AppliedConditionalAccessPolicy =>
    Object.freeze({
      id,
      displayName,
      enforcedGrantControls: Object.freeze(["Mfa"]),
      enforcedSessionControls: Object.freeze([]),
      result,
    });
  const { adminMfa, azureMfa, financeMfa } = ctx.policies;
  const set = (p1: string, p2: string) =>
    Object.freeze([
      pol(adminMfa, POLICY_NAMES.adminMfa, p1),
      pol(azureMfa, POLICY_NAMES.azureMfa, p2),
      pol(financeMfa, POLICY_NAMES.financeMfa, "notApplied"),
    ]);
  s = {
    ca: {
      base: set("reportOnlyNotApplied", "notApplied"),
      adminSf: set("reportOnlyInterrupted", "notApplied"),
      adminMfa: set("reportOnlySuccess", "notApplied"),
      azureOk: set("reportOnlySuccess", "success"),
      azureFail: set("reportOnlyInterrupted", "failure"),
      azureEligibleOk: set("reportOnlyNotApplied", "success"),
      azureEligibleFail: set("reportOnlyNotApplied", "failure"),
      emergency: set("reportOnlyNotApplied", "notApplied"),
      emergencyAzure: set("reportOnlyNotApplied", "notApplied"),
    },
    caStatus: {
      base: "notApplied",
      adminSf: "notApplied",
      adminMfa: "notApplied",
      azureOk: "success",
      azureFail: "failure",
      azureEligibleOk: "success",
      azureEligibleFail: "failure",
      emergency: "notApplied",
      emergencyAzure: "notApplied",
    },
    locations: new Map(),
    statuses: new Map(),
    details: new Map(),
    mfaDetails: new Map(),
    devices: new Map(),
    legacyDevices: new Map(),
    mfaText: new Map(),
  };
  SHARED.set(ctx, s);
  return s;
}

const MFA_METHOD_TEXT: Readonly<Record<MethodCode, string>> = {
  F: "FIDO2 security key",
  W: "Windows Hello for Business",
  A: "Mobile app notification",
  P: "Text message",
  O: "OATH verification code",
  V: "Phone call",
  E: "Email",
};

/** The method a person completes MFA with: the strongest they have. */
export function mfaMethodOf(p: Profile): string | null {
  for (const c of ["F", "W", "A", "O", "P", "V"] as const)
    if (p.methods.some((m) => m.code === c)) return MFA_METHOD_TEXT[c];
  return null;
}

/** The day (index) of the emergency accounts' planned test sign-ins. */
export function emergencyDay(ctx: GenContext): number {
  return Math.max(0, ctx.days - 12);
}

/** Does this account ever produce sign-ins? */
export function signsIn(p: Profile): boolean {
  return p.kind !== "shared" && p.kind !== "room" && (p.active || p.kind === "leaver");
}

function officeLoc(p: Profile, rng: Rng): Loc {
  const o = OFFICES[p.office];
  return { ip: o.egress[rng.int(o.egress.length)]!, city: o.city, state: o.state, country: "GB" };
}

function homeLoc(p: Profile): Loc {
  return { ip: p.homeIp, city: p.homeTown, state: "England", country: "GB" };
}

function mobileLoc(p: Profile, rng: Rng): Loc {
  return {
    ip: `${rng.pick(MOBILE_PREFIXES)}.${rng.range(1, 254)}.${rng.range(1, 254)}`,
    city: rng.pick(HOME_TOWNS[p.office]),
    state: "England",
    country: "GB",
  };
}

function tripLoc(i: number, rng: Rng, p: Profile): Loc {
  const [country, city, state, prefix] = TRAVEL[i]!;
  return { ip: `${prefix}.${(p.idx % 250) + 1}.${rng.range(1, 254)}`, city, state, country };
}

/** All sign-ins of one account on one day of the window, in time order. */
export function userDay(ctx: GenContext, planted: Planted, p: Profile, day: number): SignIn[] {
  const plan = planDay(ctx, planted, p, day);
  if (plan === null) return [];
  const out: SignIn[] = new Array(plan.evs.length);
  for (let i = 0; i < plan.evs.length; i++) out[i] = toSignIn(ctx, p, plan.evs[i]!, plan.rng);
  return out;
}

/** The planned events of one account-day (time, kind, outcome) without building records: cheap to scan. */
export interface DayPlan {
  readonly evs: Ev[];
  readonly rng: Rng;
}

export function planDay(ctx: GenContext, planted: Planted, p: Profile, day: number): DayPlan | null {
  if (!signsIn(p)) return null;
  const rng = ctx.root.derive(STREAM.day, p.idx, day);
  const dayMs = ctx.fromMs + day * DAY_MS;
  const weekend = isWeekend(dayMs);
  const evs: Ev[] = [];
  const g = new DayGen(rng, dayMs, p.roles.length > 0 && p.kind === "person" ? "adminSf" : "base");

  switch (p.kind) {
    case "emergency": {
      if (day !== emergencyDay(ctx)) break;
      const loc = { ...officeLoc(p, rng), ip: OFFICES.london.egress[0]! };
      const first = p.idx === 0;
      const t = dayMs + (first ? 10 * 3600 + 5 * 60 : 10 * 3600 + 20 * 60) * 1000 + rng.int(50_000);
      evs.push(
        g.base({
          t,
          app: first ? APPS.azurePortal : APPS.officeHome,
          client: "Browser",
          loc,
          dev: p.desk,
          mfa: first ? MFA_METHOD_TEXT.F : null,
          mfaRequired: first,
          ca: first ? "emergencyAzure" : "emergency",
        }),
      );
      break;
    }
    case "sync": {
      const t = g.at(0.2, 0.9);
      evs.push(
        g.base({
          t,
          interactive: false,
          app: APPS.aadConnect,
          client: "Mobile Apps and Desktop clients",
          loc: { ...officeLoc(p, rng), ip: OFFICES.london.egress[1]! },
          dev: SERVER,
          rich: true,
          userAgent: null,
        }),
      );
      break;
    }
    case "service": {
      if (p.serviceRole === "printer") {
        if (weekend) break;
        legacyEv(evs, g, p, g.at(8, 17.5), rng);
      } else if (p.serviceRole === "erp") {
        legacyEv(evs, g, p, g.at(0, 24), rng);
      } else {
        evs.push(
          g.base({
            t: g.at(6, 6.2),
            app: APPS.graphPowerShell,
            client: "Mobile Apps and Desktop clients",
            loc: { ...officeLoc(p, rng), ip: OFFICES.london.egress[0]! },
            dev: SERVER,
            rich: true,
            userAgent: null,
            protocol: "ropc",
          }),
        );
      }
      break;
    }
    case "leaver": {
      // Half the leavers still have a phone or PC trying the old account: disabled-account failures only.
      if (!ctx.root.derive(STREAM.day, p.idx, 1_000_000).chance(0.5)) break;
      if (!rng.chance(weekend ? 0.05 : 0.12)) break;
      const dev = p.phone ?? p.desk;
      evs.push(
        g.base({
          t: g.at(7, 21),
          app: APPS.officeDesktopExchange,
          client: "Mobile Apps and Desktop clients",
          loc: p.phone ? mobileLoc(p, rng) : homeLoc(p),
          dev,
          rich: true,
          code: 50057,
          ca: "base",
        }),
      );
      break;
    }
    case "guest": {
      const anchor = day === p.anchorDay;
      if (!anchor && !rng.chance(weekend ? 0.01 : 0.05)) break;
      const [country, city, state, prefix] = GUEST_HOMES[p.guestHome ?? 0]!;
      evs.push(
        g.base({
          t: g.at(8, 18),
          app: rng.chance(0.7) ? APPS.sharePoint : APPS.teams,
          client: "Browser",
          loc: { ip: `${prefix}.${(p.idx % 250) + 1}.${(p.idx % 199) + 20}`, city, state, country },
          dev: planted.unmanagedDevice,
          ca: "base",
        }),
      );
      break;
    }
    case "person":
      personDay(planted, p, day, weekend, rng, evs, g);
      break;
    default:
      break;
  }
  if (evs.length > 1) evs.sort((a, b) => a.t - b.t);
  return { evs, rng };
}

const MOBILE_APPS: readonly (readonly [AppInfo, number])[] = [
  [APPS.teams, 45],
  [APPS.officeDesktopExchange, 45],
  [APPS.officeDesktopSharePoint, 10],
];
const DESK_BROWSER_APPS: readonly (readonly [AppInfo, number])[] = [
  [APPS.outlookWeb, 30],
  [APPS.sharePoint, 25],
  [APPS.officeHome, 25],
];
const DESK_RICH_APPS: readonly (readonly [AppInfo, number])[] = [
  [APPS.officeDesktopExchange, 45],
  [APPS.teams, 40],
  [APPS.officeDesktopSharePoint, 15],
];

/** Per account-day helpers (a class, not closures: no per-call function objects in the hot path). */
class DayGen {
  constructor(
    private readonly rng: Rng,
    private readonly dayMs: number,
    private readonly defaultCa: CaCase,
  ) {}

  /** A time between hour h0 and h1 of the day. */
  at(h0: number, h1: number): number {
    return this.dayMs + Math.floor((h0 + this.rng.float() * (h1 - h0)) * 3600_000);
  }

  base(over: Partial<Ev> & Pick<Ev, "t" | "app" | "client" | "loc">): Ev {
    return {
      interactive: true,
      dev: null,
      rich: false,
      code: 0,
      mfa: null,
      mfaRequired: false,
      ca: this.defaultCa,
      corr: this.rng.guid(),
      ...over,
    };
  }
}

const SERVER: DeviceInfo = {
  deviceId: null,
  displayName: null,
  operatingSystem: "Windows",
  browser: null,
  isCompliant: null,
  isManaged: null,
  trustType: null,
  userAgent: "",
  appUserAgent: "",
  appBrowser: null,
};

function legacyEv(evs: Ev[], g: DayGen, p: Profile, t: number, rng: Rng): void {
  const l = p.legacy!;
  let loc: Loc;
  let os: string | null = null;
  if (l.kind === "activeSync") {
    loc = mobileLoc(p, rng);
    os = p.phone?.operatingSystem ?? null;
  } else if (l.kind === "pop3") {
    loc = homeLoc(p);
    os = "Windows10";
  } else {
    const o = OFFICES[p.office];
    loc = {
      ip: l.ipAddress ?? o.egress[0]!,
      city: l.kind === "erp" ? OFFICES.bristol.city : o.city,
      state: o.state,
      country: "GB",
    };
    if (l.kind === "oldOutlook") os = "Windows10";
  }
  evs.push(
    g.base({
      t,
      app: APPS.outlookWeb,
      client: l.clientAppUsed,
      loc,
      dev: null,
      legacyOs: os,
      userAgent: l.userAgent ?? null,
      code: rng.chance(0.02) ? 50126 : 0,
    }),
  );
}

function personDay(planted: Planted, p: Profile, day: number, weekend: boolean, rng: Rng, evs: Ev[], g: DayGen): void {
  if (!p.active) return;
  const anchor = day === p.anchorDay;
  const onTrip = p.trip !== undefined && day >= p.trip[0] && day <= p.trip[1];
  const phone = p.newPhoneDay !== undefined && day < p.newPhoneDay ? (p.oldPhone ?? p.phone) : p.phone;
  let sessions = 0;
  if (onTrip) sessions = rng.chance(0.45) ? 1 : 0;
  else if (weekend) sessions = rng.chance(0.06) ? 1 : 0;
  else if (rng.chance(p.activity)) sessions = rng.chance(0.15) ? 2 : 1;
  if (anchor && sessions === 0) sessions = 1;
  const atOffice = !weekend && !onTrip && (p.usesKiosk || !rng.chance(p.wfh));

  for (let i = 0; i < sessions; i++) {
    const mobile = phone !== null && ((anchor && i === 0) || rng.chance(p.deskless ? 0.65 : 0.2));
    let loc: Loc;
    if (onTrip) loc = tripLoc(p.trip![2], rng, p);
    else if (!mobile) loc = atOffice ? officeLoc(p, rng) : homeLoc(p);
    else {
      const r = rng.float();
      loc = r < 0.55 ? mobileLoc(p, rng) : r < 0.8 && atOffice ? officeLoc(p, rng) : homeLoc(p);
    }
    const dev = mobile ? phone! : p.desk;
    let app: AppInfo;
    let browser: boolean;
    if (mobile) {
      browser = rng.chance(0.2);
      app = browser ? (rng.chance(0.5) ? APPS.outlookWeb : APPS.sharePoint) : rng.weighted(MOBILE_APPS);
    } else {
      browser = rng.chance(p.usesKiosk ? 0.85 : 0.55);
      app = browser ? rng.weighted(DESK_BROWSER_APPS) : rng.weighted(DESK_RICH_APPS);
    }
    const t = weekend || onTrip ? g.at(9, 21) : mobile ? g.at(6.5, 21.5) : g.at(7.5, 18.5);
    const client = browser ? "Browser" : "Mobile Apps and Desktop clients";
    const r = rng.float();
    if (r < 0.0015) {
      // Smart lockout: three wrong passwords, locked, then success after the lockout period.
      for (let k = 0; k < 3; k++)
        evs.push(g.base({ t: t + k * 40_000, app, client, loc, dev, rich: !browser, code: 50126 }));
      evs.push(g.base({ t: t + 120_000, app, client, loc, dev, rich: !browser, code: 50053 }));
      evs.push(g.base({ t: t + rng.range(20, 40) * 60_000, app, client, loc, dev, rich: !browser }));
    } else if (r < 0.0015 + 0.045) {
      evs.push(g.base({ t, app, client, loc, dev, rich: !browser, code: 50126 }));
      evs.push(g.base({ t: t + rng.range(30, 180) * 1000, app, client, loc, dev, rich: !browser }));
    } else {
      evs.push(g.base({ t, app, client, loc, dev, rich: !browser }));
    }
  }

  // Token refreshes of the rich clients (non-interactive).
  if (rng.chance(weekend ? 0.08 : 0.3) && !(onTrip && rng.chance(0.5))) {
    const mobile = phone !== null && rng.chance(p.deskless ? 0.6 : 0.3);
    const dev = mobile ? phone! : p.desk;
    const loc = onTrip
      ? tripLoc(p.trip![2], rng, p)
      : mobile
        ? mobileLoc(p, rng)
        : atOffice
          ? officeLoc(p, rng)
          : homeLoc(p);
    const app = rng.chance(0.55) ? APPS.teams : APPS.officeDesktopExchange;
    evs.push(
      g.base({
        t: g.at(0, 24),
        interactive: false,
        app,
        client: "Mobile Apps and Desktop clients",
        loc,
        dev,
        rich: true,
      }),
    );
  }

  // Administrators in the Azure portal and the Microsoft 365 admin center: MFA every time.
  if (p.portalUser && !weekend && !onTrip && (rng.chance(0.35) || anchor)) {
    const azure = rng.chance(0.6);
    const app = azure ? APPS.azurePortal : APPS.m365Admin;
    const eligibleOnly = p.roles.length === 0;
    const ok: CaCase = azure ? (eligibleOnly ? "azureEligibleOk" : "azureOk") : eligibleOnly ? "base" : "adminMfa";
    const fail: CaCase = azure ? (eligibleOnly ? "azureEligibleFail" : "azureFail") : eligibleOnly ? "base" : "adminSf";
    const loc = atOffice ? officeLoc(p, rng) : homeLoc(p);
    const method = mfaMethodOf(p)!;
    const t = g.at(8, 17.5);
    const corr = rng.guid();
    const common = { app, client: "Browser", loc, dev: p.desk, mfaRequired: true } as const;
    const r = rng.float();
    if (r < 0.03) {
      evs.push(
        g.base({
          ...common,
          t,
          corr,
          code: 500121,
          ca: fail,
          additional: "MFA denied; user declined the authentication",
        }),
      );
      evs.push(g.base({ ...common, t: t + 95_000, mfa: method, ca: ok, additional: "MFA successfully completed" }));
    } else if (r < 0.05) {
      evs.push(g.base({ ...common, t, corr, code: 50074, ca: fail, additional: "MFA required in Azure AD" }));
    } else if (r < 0.65) {
      evs.push(g.base({ ...common, t, corr, code: 50074, ca: fail, additional: "MFA required in Azure AD" }));
      evs.push(
        g.base({
          ...common,
          t: t + rng.range(8, 40) * 1000,
          corr,
          mfa: method,
          ca: ok,
          additional: "MFA successfully completed",
        }),
      );
    } else {
      evs.push(g.base({ ...common, t, corr, mfa: method, ca: ok, additional: "MFA successfully completed" }));
    }
  }

  // Legacy clients of people.
  if (p.legacy) {
    const k = p.legacy.kind;
    const want =
      k === "oldOutlook"
        ? !weekend && atOffice && !onTrip
        : k === "activeSync"
          ? rng.chance(weekend ? 0.6 : 0.9)
          : rng.chance(0.5);
    if (want || anchor) legacyEv(evs, g, p, k === "oldOutlook" ? g.at(7.8, 9.5) : g.at(7, 22), rng);
  }

  // Stale Authenticator: the new phone cannot answer, the notification goes to the old one.
  if (
    p.newPhoneDay !== undefined &&
    day >= p.newPhoneDay &&
    day <= p.newPhoneDay + 3 &&
    (day === p.newPhoneDay || rng.chance(0.5))
  ) {
    const t = g.at(9, 19);
    evs.push(
      g.base({
        t,
        app: APPS.mySignins,
        client: "Browser",
        loc: mobileLoc(p, rng),
        dev: p.phone,
        mfaRequired: true,
        code: 500121,
        additional: "MFA denied; user did not respond to mobile app notification",
      }),
    );
  }

  // The compromise: MFA fatigue from an unfamiliar country, then security info added (see audit log).
  if (p.compromised && day === planted.compromiseDay) {
    const loc = {
      ip: planted.compromiseIp,
      city: COMPROMISE_ORIGIN.city,
      state: COMPROMISE_ORIGIN.state,
      country: COMPROMISE_ORIGIN.country,
    };
    const common = {
      app: APPS.mySignins,
      client: "Browser",
      loc,
      dev: planted.unmanagedDevice,
      mfaRequired: true,
    } as const;
    const t = planted.compromiseMs;
    evs.push(
      g.base({ ...common, t: t - 170_000, code: 500121, additional: "MFA denied; user declined the authentication" }),
    );
    evs.push(
      g.base({ ...common, t: t - 110_000, code: 500121, additional: "MFA denied; user declined the authentication" }),
    );
    evs.push(g.base({ ...common, t, mfa: MFA_METHOD_TEXT.A, additional: "MFA successfully completed" }));
  }
}

function intern<K, V>(m: Map<K, V>, k: K, make: () => V): V {
  let v = m.get(k);
  if (v === undefined) {
    v = make();
    m.set(k, v);
  }
  return v;
}

const NULL_DEVICE: SignInDeviceDetail = Object.freeze({
  deviceId: null,
  displayName: null,
  operatingSystem: null,
  browser: null,
  isCompliant: null,
  isManaged: null,
  trustType: null,
});

function deviceDetailOf(sh: Shared, e: Ev): SignInDeviceDetail {
  const legacy = e.client !== "Browser" && e.client !== "Mobile Apps and Desktop clients";
  if (legacy) {
    const os = e.legacyOs ?? null;
    return intern(sh.legacyDevices, os ?? "", () => Object.freeze({ ...NULL_DEVICE, operatingSystem: os }));
  }
  const dev = e.dev;
  if (!dev) return NULL_DEVICE;
  let pair = sh.devices.get(dev);
  if (!pair) {
    const d = {
      deviceId: dev.deviceId,
      displayName: dev.displayName,
      operatingSystem: dev.operatingSystem,
      isCompliant: dev.isCompliant,
      isManaged: dev.isManaged,
      trustType: dev.trustType,
    };
    pair = [Object.freeze({ ...d, browser: dev.browser }), Object.freeze({ ...d, browser: dev.appBrowser })];
    sh.devices.set(dev, pair);
  }
  return e.rich ? pair[1] : pair[0];
}

/**
 * Authentication steps of a record. Interned (shared, frozen) across records, so they carry no
 * authenticationStepDateTime; the JSON writer adds it (= createdDateTime).
 */
function detailsOf(sh: Shared, p: Profile, e: Ev, mfaText: string | null): readonly AuthenticationDetail[] {
  const key = `${e.interactive ? 1 : 0}|${p.synced ? 1 : 0}|${e.code}|${e.mfaRequired ? 1 : 0}|${e.mfa ?? mfaText ?? ""}|${e.additional ?? ""}|${p.kind === "emergency" ? 1 : 0}`;
  return intern(sh.details, key, () => {
    const details: AuthenticationDetail[] = [];
    if (!e.interactive) {
      details.push({
        authenticationMethod: "Previously satisfied",
        authenticationMethodDetail: null,
        succeeded: true,
        authenticationStepResultDetail: "First factor requirement satisfied by claim in the token",
        authenticationStepRequirement: "Primary authentication",
      });
    } else if (p.kind === "emergency" && e.mfa === MFA_METHOD_TEXT.F) {
      details.push({
        authenticationMethod: "FIDO2 security key",
        authenticationMethodDetail: null,
        succeeded: true,
        authenticationStepResultDetail: "MFA successfully completed",
        authenticationStepRequirement: "Primary authentication",
      });
    } else {
      const pwOk = e.code !== 50126 && e.code !== 50053 && e.code !== 50057;
      details.push({
        authenticationMethod: "Password",
        authenticationMethodDetail: p.synced ? "Password Hash Sync" : "Cloud password",
        succeeded: pwOk,
        authenticationStepResultDetail: pwOk
          ? "Correct password"
          : e.code === 50126
            ? "Invalid username or password"
            : FAILURE[e.code as 50053 | 50057],
        authenticationStepRequirement: "Primary authentication",
      });
      if (e.mfaRequired && pwOk) {
        details.push({
          authenticationMethod: e.mfa ?? mfaText ?? "Mobile app notification",
          authenticationMethodDetail: null,
          succeeded: e.code === 0,
          authenticationStepResultDetail: e.additional ?? null,
          authenticationStepRequirement: "Multifactor authentication",
        });
      }
    }
    for (const d of details) Object.freeze(d);
    return Object.freeze(details);
  });
}

function toSignIn(ctx: GenContext, p: Profile, e: Ev, rng: Rng): SignIn {
  const sh = shared(ctx);
  const success = e.code === 0;
  let mfaText = sh.mfaText.get(p);
  if (mfaText === undefined) {
    mfaText = mfaMethodOf(p);
    sh.mfaText.set(p, mfaText);
  }
  const interrupt = e.code === 50074 || e.code === 50076;
  const additional = e.additional ?? (interrupt ? "MFA required in Azure AD" : null);
  const loc = e.loc;
  const dev = e.dev;
  return {
    id: rng.guid(),
    createdDateTime: iso(e.t),
    signInEventType: e.interactive ? "interactiveUser" : "nonInteractiveUser",
    userId: p.id,
    userPrincipalName: p.upn,
    userDisplayName: p.displayName,
    userType: p.kind === "guest" ? "guest" : "member",
    appId: e.app.appId,
    appDisplayName: e.app.appDisplayName,
    resourceId: e.app.resourceId,
    resourceDisplayName: e.app.resourceDisplayName,
    clientAppUsed: e.client,
    correlationId: e.corr,
    ipAddress: loc.ip,
    location: intern(sh.locations, `${loc.city}|${loc.state}|${loc.country}`, () =>
      Object.freeze({ city: loc.city, state: loc.state, countryOrRegion: loc.country }),
    ),
    deviceDetail: deviceDetailOf(sh, e),
    userAgent: e.userAgent !== undefined ? e.userAgent : e.rich ? dev?.appUserAgent || null : dev?.userAgent || null,
    status: intern(sh.statuses, `${e.code}|${additional ?? ""}`, () =>
      Object.freeze({
        errorCode: e.code,
        failureReason: success ? null : (FAILURE[e.code as keyof typeof FAILURE] ?? "Other."),
        additionalDetails: additional,
      }),
    ),
    conditionalAccessStatus: sh.caStatus[e.ca],
    appliedConditionalAccessPolicies: sh.ca[e.ca],
    authenticationRequirement: e.mfaRequired ? "multiFactorAuthentication" : "singleFactorAuthentication",
    authenticationDetails: detailsOf(sh, p, e, mfaText),
    mfaDetail:
      e.mfa && success
        ? intern(sh.mfaDetails, e.mfa, () => Object.freeze({ authMethod: e.mfa!, authDetail: null }))
        : null,
    riskLevelDuringSignIn: "none",
    authenticationProtocol: e.protocol ?? "none",
  };
}
