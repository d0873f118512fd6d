// The class space of a policy set: every dimension a sign-in has (target, client app x platform, location,
// sign-in / user / insider risk, auth flow, device) cut into the classes the policies can tell apart.
// Each dimension is cut by the literals the policies name: apps named + "any other app", named locations +
// "anywhere else", device-filter literals (+ unregistered), ... Two values with the same per-policy
// verdicts are one class, and each class carries the mask of the policies it can match. Because every
// condition depends on one dimension only, the policies applying to a sign-in are the AND of its masks.
// The walk over this space is in enumerate.ts; its two questions in prove-access.ts and coverage-gap.ts.

import type { TenantSnapshot } from "../model/snapshot.js";
import { type CompiledEvaluator, compileEvaluator } from "./compile.js";
import { ADMIN_PORTAL_APP_IDS, OFFICE365_APP_IDS, targetOf } from "./conditions/applications.js";
import { buildEnv, type Env, NO, UNRESOLVED, YES } from "./conditions/env.js";
import { deviceCandidates } from "./device-candidates.js";
import { policyMask } from "./enumerate.js";
import { conditionVerdict, type PreparedContext, prepareContext } from "./evaluate.js";
import { cidrContains, parseCidr, parseIp } from "./ip.js";
import {
  CLIENT_APP_TYPES,
  type ClientAppType,
  type ConditionName,
  type DeviceInfo,
  type EvaluatorOptions,
  INSIDER_RISK_LEVELS,
  type InsiderRiskLevel,
  type NormalizedPolicy,
  PLATFORMS,
  type PlatformOrUnknown,
  RISK_LEVELS,
  type RiskLevel,
  type SignInContext,
  TRANSFER_METHODS,
  type TransferMethod,
  type UserAction,
} from "./types.js";

/** One class of one dimension: a label, a representative value, and the policies it can match. */
export interface DimClass<T> {
  readonly label: string;
  readonly value: T;
}

export interface TargetValue {
  readonly application?: string;
  readonly userAction?: UserAction;
  readonly authContext?: string;
}
export interface ClientValue {
  readonly clientAppType: ClientAppType;
  readonly platform: PlatformOrUnknown;
}
export interface LocationValue {
  readonly ipAddress: string | null;
  readonly country: string | null;
  readonly gpsCountry: string | null;
}
export interface Space<T> {
  readonly classes: DimClass<T>[];
  readonly masks: Uint32Array[];
}

/** The dimensions of a policy set, cut into classes, with each class's policy mask. User-independent. */
export interface ClassWalkSpace {
  readonly W: number;
  /** The compiled evaluator of the same set and options (leaves are evaluated through it). */
  readonly evaluator: CompiledEvaluator;
  readonly enforceable: Uint32Array;
  identityOf(userId: string): Uint32Array;
  readonly targets: Space<TargetValue>;
  readonly clients: Space<ClientValue>;
  readonly locations: Space<LocationValue>;
  readonly signInRisks: Space<RiskLevel>;
  readonly userRisks: Space<RiskLevel>;
  readonly insiderRisks: Space<InsiderRiskLevel>;
  readonly flows: Space<TransferMethod>;
  readonly devices: Space<DeviceInfo | null>;
}

export interface EnumerateOptions extends EvaluatorOptions {
  /** Blocked classes listed explicitly (the count is always exact). Default 200. */
  readonly maxListed?: number;
}

const OTHER_APP = "a0a0a0a0-0000-4000-8000-00000000a11a";
const OUTSIDE_IPS = ["192.0.2.123", "198.51.100.234", "203.0.113.254", "100.64.1.1", "8.8.4.4", "2001:db8:ffff::1"];
const OTHER_COUNTRIES = ["AQ", "BV", "HM", "TF", "UM"];

/** A usable address inside a CIDR (network + 1 for IPv4 wider than /31), or null. */
function insideAddress(cidr: string): string | null {
  const [addr, bits] = cidr.split("/");
  if (!addr) return null;
  if (!addr.includes(".")) return addr;
  const p = addr.split(".").map(Number);
  if (p.length !== 4 || p.some((x) => !Number.isInteger(x))) return null;
  const n = ((((p[0] as number) << 24) | ((p[1] as number) << 16) | ((p[2] as number) << 8) | (p[3] as number)) >>>
    0) as number;
  const b = Number(bits ?? 32);
  const v = b >= 31 ? n : (n + 1) >>> 0;
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join(".");
}

/**
 * A dimension from its candidate values: candidates are deduped by (mask, extra), keeping the first
 * representative, whose label says how many it stands for.
 */
function space<T>(
  what: string,
  cands: DimClass<T>[],
  mask: (v: T) => Uint32Array,
  extra: (v: T) => string = () => "",
): Space<T> {
  const byKey = new Map<string, { label: string; n: number; value: T; mask: Uint32Array }>();
  for (const c of cands) {
    const m = mask(c.value);
    const k = `${m.join(".")}|${extra(c.value)}`;
    const e = byKey.get(k);
    if (e) e.n++;
    else byKey.set(k, { label: c.label, n: 1, value: c.value, mask: m });
  }
  const classes: DimClass<T>[] = [];
  const masks: Uint32Array[] = [];
  for (const e of byKey.values()) {
    const label = byKey.size === 1 ? `any ${what}` : e.n > 1 ? `${e.label} (+${e.n - 1} alike)` : e.label;
    classes.push({ label, value: e.value });
    masks.push(e.mask);
  }
  return { classes, masks };
}

/** Targets: every app named, one unnamed member of each bundle, any other app, user actions, auth contexts. */
function targetCandidates(policies: readonly NormalizedPolicy[], env: Env): DimClass<TargetValue>[] {
  const named = new Set<string>();
  const authContexts = new Set<string>();
  for (const p of policies) {
    const a = p.applications;
    if (!a) continue;
    for (const r of [...a.include, ...a.exclude]) {
      const t = env.appRef(r);
      if (t !== UNRESOLVED) named.add(t);
    }
    for (const c of a.authContexts) authContexts.add(c);
  }
  const targetCands: DimClass<TargetValue>[] = [];
  for (const t of named)
    if (t !== "Office365" && t !== "MicrosoftAdminPortals")
      targetCands.push({ label: `app ${t}`, value: { application: t } });
  const o365 = [...OFFICE365_APP_IDS].find((x) => !named.has(x));
  if (o365) targetCands.push({ label: "an Office 365 app", value: { application: o365 } });
  const portal = [...ADMIN_PORTAL_APP_IDS].find((x) => !named.has(x));
  if (portal) targetCands.push({ label: "an admin portal", value: { application: portal } });
  targetCands.push({ label: "any other app", value: { application: OTHER_APP } });
  targetCands.push({ label: "register security info", value: { userAction: "registerSecurityInfo" } });
  targetCands.push({ label: "register or join devices", value: { userAction: "registerOrJoinDevices" } });
  for (const c of authContexts) targetCands.push({ label: `authentication context ${c}`, value: { authContext: c } });
  return targetCands;
}

/** Client app type x platform (EAS on supported platforms is its own case). */
function clientCandidates(): DimClass<ClientValue>[] {
  const clientCands: DimClass<ClientValue>[] = [];
  for (const cat of CLIENT_APP_TYPES) {
    for (const platform of [...PLATFORMS, "unknown" as const])
      clientCands.push({ label: `${cat} on ${platform}`, value: { clientAppType: cat, platform } });
  }
  return clientCands;
}

/** Locations: a point inside every range, outside all of them, and every named / unknown / other country. */
function locationCandidates(snapshot: TenantSnapshot, env: Env, opts: EnumerateOptions): DimClass<LocationValue>[] {
  const ranges = snapshot.namedLocations.flatMap((l) => (l.ipRanges ?? []).map((r) => r.cidrAddress));
  for (const c of opts.mfaTrustedIps ?? []) ranges.push(c);
  const parsed = ranges.map((r) => parseCidr(r)).filter((c) => c !== null);
  const ips: (string | null)[] = [null];
  for (const r of ranges) {
    const a = insideAddress(r);
    if (a && !ips.includes(a)) ips.push(a);
  }
  const outside = OUTSIDE_IPS.find((ip) => {
    const a = parseIp(ip);
    return a !== null && !parsed.some((c) => cidrContains(c, a));
  });
  if (outside) ips.push(outside);
  const countries: (string | null)[] = [null];
  let gps = false;
  for (const l of snapshot.namedLocations) {
    for (const c of l.countriesAndRegions ?? [])
      if (!countries.includes(c.toUpperCase())) countries.push(c.toUpperCase());
    if ((l.countryLookupMethod ?? "").toLowerCase() === "authenticatorappgps") gps = true;
  }
  const other = OTHER_COUNTRIES.find((c) => !countries.includes(c));
  if (other) countries.push(other);
  const locCands: DimClass<LocationValue>[] = [];
  for (const ip of ips) {
    for (const country of countries) {
      for (const gpsCountry of gps ? countries : [null]) {
        const f = env.locationFacts(ip, country, gpsCountry);
        const names = [...f.ids].map((id) => env.locationName(id));
        const label = names.length ? `in ${names.join(" + ")}` : "anywhere else";
        locCands.push({
          label: `${label} (${ip ?? "no IP"}, ${country ?? "unknown country"}${gpsCountry ? `, GPS ${gpsCountry}` : ""})`,
          value: { ipAddress: ip, country, gpsCountry },
        });
      }
    }
  }
  return locCands;
}

/** Build the class space once per policy set (reuse it for every account). */
export function buildClassSpace(
  snapshot: TenantSnapshot,
  policies: readonly NormalizedPolicy[],
  opts: EnumerateOptions = {},
): ClassWalkSpace {
  const env = buildEnv(snapshot, opts);
  const n = policies.length;
  const W = Math.max(1, Math.ceil(n / 32));
  const assume = (opts.unknownApplies ?? "assumeApplies") === "assumeApplies";
  const enforceable = policyMask(
    policies,
    (p) => p.state === "enabled" || (p.state === "reportOnly" && opts.reportOnlyAsEnabled === true),
  );
  // Only the users condition reads the subject; every other dimension is the same for every user.
  const base: PreparedContext = prepareContext({ user: snapshot.users[0]?.id ?? "glidepath-probe" }, env);
  const maskOf = (names: readonly ConditionName[], c: PreparedContext): Uint32Array => {
    const m = new Uint32Array(W);
    for (let i = 0; i < n; i++) {
      const p = policies[i] as NormalizedPolicy;
      let ok = true;
      for (const name of names) {
        const v = conditionVerdict(name, p, c, env).m;
        if (v === NO || (!assume && v !== YES)) {
          ok = false;
          break;
        }
      }
      if (ok) m[i >>> 5] = (m[i >>> 5] as number) | (1 << (i & 31));
    }
    return m;
  };
  const identityOf = (userId: string): Uint32Array => {
    const m = maskOf(["users", "workloadIdentities"], prepareContext({ user: userId }, env));
    for (let w = 0; w < W; w++) m[w] = (m[w] as number) & (enforceable[w] as number);
    return m;
  };

  const targetCands = targetCandidates(policies, env);
  const targetCtx = (v: TargetValue): SignInContext => ({ user: "glidepath-probe", ...v });
  const targets = space(
    "app",
    targetCands,
    (v) => maskOf(["applications"], { ...base, target: targetOf(targetCtx(v)) }),
    (v) => (v.userAction === "registerSecurityInfo" ? "reg" : ""),
  );

  const clientCands = clientCandidates();
  const clients = space(
    "client",
    clientCands,
    (v) => maskOf(["clientAppTypes", "platforms"], { ...base, clientAppType: v.clientAppType, platform: v.platform }),
    (v) => `${v.clientAppType}|${v.platform === "iOS" || v.platform === "android" ? "m" : ""}`,
  );

  const locCands = locationCandidates(snapshot, env, opts);
  const locations = space("location", locCands, (v) =>
    maskOf(["locations"], { ...base, location: env.locationFacts(v.ipAddress, v.country, v.gpsCountry) }),
  );

  const levels = <T extends string>(
    all: readonly T[],
    cond: ConditionName,
    field: keyof PreparedContext,
    what: string,
  ) =>
    space(
      what,
      all.map((v) => ({ label: `${what} ${v}`, value: v })),
      (v) => maskOf([cond], { ...base, [field]: v } as PreparedContext),
    );
  const signInRisks = levels(RISK_LEVELS, "signInRisk", "signInRisk", "sign-in risk");
  const userRisks = levels(RISK_LEVELS, "userRisk", "userRisk", "user risk");
  const insiderRisks = levels(INSIDER_RISK_LEVELS, "insiderRisk", "insiderRisk", "insider risk");
  const flows = levels(TRANSFER_METHODS, "authenticationFlows", "flow", "flow");
  const devices = space(
    "device",
    deviceCandidates(policies),
    (v) => maskOf(["devices"], { ...base, device: v }),
    (v) =>
      v
        ? `${v.isCompliant === true ? "c" : "n"}${String(v.trustType ?? "").toLowerCase() === "serverad" ? "h" : ""}`
        : "-",
  );

  return {
    W,
    evaluator: compileEvaluator(snapshot, policies, opts),
    enforceable,
    identityOf,
    targets,
    clients,
    locations,
    signInRisks,
    userRisks,
    insiderRisks,
    flows,
    devices,
  };
}
