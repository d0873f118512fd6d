// Exhaustive walk over the condition classes a policy set can tell apart, for one user: the proof that an
// account (an emergency account, an admin) has a way in, and every class in which it is blocked.
// Each dimension (target, client app x platform, location, sign-in / user / insider risk, auth flow,
// device) is cut into classes by the literals the policies name: apps named + "any other app", named
// locations + "anywhere else", device-filter literals (+ unregistered), ... Two values with the same
// per-policy verdicts are one class. Because every condition depends on one dimension only, the set of
// applying policies of a sign-in is the AND of its dimensions' masks; the walk enumerates the product with
// pruning (no enforceable policy left => every class below is allowed) and evaluates each distinct leaf
// once through the engine (evaluate + satisfy on a representative sign-in).
// INVARIANT: a class is reported blocked iff a concrete sign-in of that class is blocked (mutation-tested).

import type { TenantSnapshot } from "../model/snapshot.js";
import { type CompiledEvaluator, compileEvaluator } from "./compile.js";
import { ADMIN_PORTAL_APP_IDS, OFFICE365_APP_IDS, targetOf } from "./conditions/applications.js";
import { isLegacyClient } from "./conditions/client-apps.js";
import { buildEnv, NO, UNRESOLVED, YES } from "./conditions/env.js";
import type { DeviceFilterNode } from "./device-filter/parser.js";
import { conditionVerdict, type PreparedContext, prepareContext } from "./evaluate.js";
import { cidrContains, parseCidr, parseIp } from "./ip.js";
import type { UserCapabilities } from "./methods.js";
import { type BlockedReason, type SatisfyResult, satisfy, type UserOutcome } from "./satisfy.js";
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

/** The partition of every dimension, for one user (the users condition is fixed by the user). */
export interface ClassSpace {
  readonly targets: readonly DimClass<TargetValue>[];
  readonly clients: readonly DimClass<ClientValue>[];
  readonly locations: readonly DimClass<LocationValue>[];
  readonly signInRisks: readonly DimClass<RiskLevel>[];
  readonly userRisks: readonly DimClass<RiskLevel>[];
  readonly insiderRisks: readonly DimClass<InsiderRiskLevel>[];
  readonly flows: readonly DimClass<TransferMethod>[];
  readonly devices: readonly DimClass<DeviceInfo | null>[];
}

/** A concrete class: one value of every dimension. */
export interface ConditionClass {
  readonly target: string;
  readonly client: string;
  readonly location: string;
  readonly signInRisk: string;
  readonly userRisk: string;
  readonly insiderRisk: string;
  readonly flow: string;
  readonly device: string;
}

export interface EnumerateOptions extends EvaluatorOptions {
  /** Blocked classes listed explicitly (the count is always exact). Default 200. */
  readonly maxListed?: number;
}

export interface BlockingPolicy {
  readonly policyId: string;
  readonly displayName: string;
  readonly reason: BlockedReason | "unknown";
  readonly classes: number;
  /** Per dimension, the class labels in which this policy blocks. */
  readonly where: Readonly<Record<keyof ConditionClass, readonly string[]>>;
}

export interface AccessProof {
  readonly userId: string;
  /**
   * Proof holds: at least one way in to an application (allowed, or prompted for something the account's
   * methods meet), and no class blocked (legacy protocols failing a grant control excepted: they cannot do MFA).
   */
  readonly holds: boolean;
  readonly classesTotal: number;
  /** Classes where the account gets in with its registered methods (allowed or prompted). */
  readonly classesWayIn: number;
  /** Classes where the account would first have to register a method. */
  readonly classesMustRegister: number;
  readonly classesBlocked: number;
  /** Legacy-protocol classes that fail because legacy clients cannot do MFA (expected, not a failure). */
  readonly classesLegacyOnly: number;
  /** A representative way in, when there is one. */
  readonly wayIn: ConditionClass | null;
  /** Blocked classes (up to maxListed), each with a concrete sign-in of the class that is blocked. */
  readonly blocked: readonly (ConditionClass & {
    readonly policyId: string;
    readonly reason: string;
    readonly example: SignInContext;
  })[];
  readonly blockingPolicies: readonly BlockingPolicy[];
  /** Number of classes per dimension. */
  readonly dimensions: Readonly<Record<keyof ConditionClass, number>>;
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

function walkFilter(n: DeviceFilterNode, f: (prop: string, op: string, v: string | readonly string[]) => void): void {
  if (n.kind === "cmp") f(n.property, n.operator, n.value);
  else for (const i of n.items) walkFilter(i, f);
}

/** Candidate devices from the filter literals: unregistered, then per compliance x join, then literal combinations. */
export function deviceCandidates(policies: readonly NormalizedPolicy[], cap = 1536): DimClass<DeviceInfo | null>[] {
  const values = new Map<string, Set<string>>();
  for (const p of policies) {
    const ast = p.deviceFilter?.ast;
    if (!ast) continue;
    walkFilter(ast, (prop, op, v) => {
      let s = values.get(prop);
      if (!s) values.set(prop, (s = new Set()));
      const vs = typeof v === "string" ? [v] : v;
      for (const x of vs) s.add(x);
      if (op === "startsWith" || op === "notStartsWith") for (const x of vs) s.add(`${x}zz`);
      if (op === "endsWith" || op === "notEndsWith") for (const x of vs) s.add(`zz${x}`);
      if (op === "contains" || op === "notContains") for (const x of vs) s.add(`zz${x}zz`);
    });
  }
  for (const [prop, s] of values) {
    if (prop === "isCompliant") {
      s.add("True");
      s.add("False");
      continue;
    }
    if (prop === "trustType") {
      for (const t of ["AzureAD", "ServerAD", "Workplace"]) s.add(t);
      continue;
    }
    // A value no literal matches, and one that satisfies several literals at once.
    s.add("glidepath-other");
    if (s.size > 2) s.add([...s].filter((x) => x !== "glidepath-other").join(""));
  }
  const props = [...values.keys()].filter((k) => k !== "isCompliant" && k !== "trustType");
  const out: DimClass<DeviceInfo | null>[] = [{ label: "unregistered device", value: null }];
  const compliance = values.has("isCompliant")
    ? [...(values.get("isCompliant") as Set<string>)].map((x) => x.toLowerCase() === "true")
    : [true, false];
  const trusts = values.has("trustType")
    ? [...(values.get("trustType") as Set<string>)]
    : ["AzureAD", "ServerAD", "Workplace"];
  // Cartesian product of the literal properties, each with "unset" (null) as well.
  let combos: Record<string, string | null>[] = [{}];
  for (const prop of props) {
    const next: Record<string, string | null>[] = [];
    for (const c of combos) {
      for (const v of [null, ...(values.get(prop) as Set<string>)]) {
        next.push({ ...c, [prop]: v });
        if (next.length * compliance.length * trusts.length > cap) break;
      }
    }
    combos = next;
  }
  for (const c of combos) {
    for (const isCompliant of compliance) {
      for (const trustType of trusts) {
        const d: Record<string, unknown> = { deviceId: "d0d0d0d0-0000-4000-8000-0000000000de", isCompliant, trustType };
        const parts: string[] = [`${trustType}`, isCompliant ? "compliant" : "not compliant"];
        for (const [k, v] of Object.entries(c)) {
          if (v === null) continue;
          d[k] = k === "physicalIds" || k === "systemLabels" ? [v] : v;
          parts.push(`${k}=${v}`);
        }
        out.push({ label: `registered device (${parts.join(", ")})`, value: d as DeviceInfo });
      }
    }
  }
  return out;
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
  const enforceable = new Uint32Array(W);
  policies.forEach((p, i) => {
    if (p.state === "enabled" || (p.state === "reportOnly" && opts.reportOnlyAsEnabled === true)) {
      enforceable[i >>> 5] = (enforceable[i >>> 5] as number) | (1 << (i & 31));
    }
  });
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

  /** Dedupe candidates by (mask, extra), keeping the first representative; label says how many it stands for. */
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

  // Targets: every app named, one unnamed member of each bundle, any other app, user actions, auth contexts.
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
  const targetCtx = (v: TargetValue): SignInContext => ({ user: "glidepath-probe", ...v });
  const targets = space(
    "app",
    targetCands,
    (v) => maskOf(["applications"], { ...base, target: targetOf(targetCtx(v)) }),
    (v) => (v.userAction === "registerSecurityInfo" ? "reg" : ""),
  );

  // Client app type x platform (EAS on supported platforms is its own case).
  const clientCands: DimClass<ClientValue>[] = [];
  for (const cat of CLIENT_APP_TYPES) {
    for (const platform of [...PLATFORMS, "unknown" as const])
      clientCands.push({ label: `${cat} on ${platform}`, value: { clientAppType: cat, platform } });
  }
  const clients = space(
    "client",
    clientCands,
    (v) => maskOf(["clientAppTypes", "platforms"], { ...base, clientAppType: v.clientAppType, platform: v.platform }),
    (v) => `${v.clientAppType}|${v.platform === "iOS" || v.platform === "android" ? "m" : ""}`,
  );

  // Locations: a point inside every range, outside all of them, and every named / unknown / other country.
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

/**
 * Prove access for one user over every condition class. `caps` are the user's registered methods.
 * Pessimistic by default (unknownApplies = assumeApplies), so an unresolvable reference counts as applying.
 */
export function proveAccess(
  snapshot: TenantSnapshot,
  policies: readonly NormalizedPolicy[],
  userId: string,
  caps: UserCapabilities,
  opts: EnumerateOptions = {},
  prebuilt?: ClassWalkSpace,
): AccessProof {
  const sp = prebuilt ?? buildClassSpace(snapshot, policies, opts);
  const { W, targets, clients, locations, signInRisks, userRisks, insiderRisks, flows, devices } = sp;
  const identity = sp.identityOf(userId);
  // The walk. Dimension order: cheap-to-prune first, target last (its mask is applied at the leaf).
  const dims = [clients, locations, signInRisks, userRisks, insiderRisks, flows, devices] as Space<unknown>[];
  const regTarget = targets.classes.findIndex((c) => c.value.userAction === "registerSecurityInfo");
  const evaluator = sp.evaluator;
  const strengths = snapshot.authenticationStrengths;
  const memo = new Map<string, SatisfyResult>();
  const maxListed = opts.maxListed ?? 200;
  const suffix = new Array<number>(dims.length + 1).fill(1);
  for (let d = dims.length - 1; d >= 0; d--)
    suffix[d] = (suffix[d + 1] as number) * (dims[d] as Space<unknown>).classes.length;
  const T = targets.classes.length;

  const isApp = targets.classes.map((c) => c.value.application !== undefined);
  const appTargets = isApp.filter(Boolean).length;
  const firstApp = isApp.indexOf(true);
  let appWays = 0;
  let total = 0;
  let wayIn = 0;
  let mustReg = 0;
  let blockedN = 0;
  let legacyOnly = 0;
  let wayInExample: ConditionClass | null = null;
  const blocked: (ConditionClass & { policyId: string; reason: string; example: SignInContext })[] = [];
  const byPolicy = new Map<string, { reason: string; classes: number; where: Record<string, Set<string>> }>();
  const pick = new Array<number>(dims.length).fill(0);

  const classOf = (t: number): ConditionClass => ({
    target: (targets.classes[t] as DimClass<TargetValue>).label,
    client: (clients.classes[pick[0] as number] as DimClass<ClientValue>).label,
    location: (locations.classes[pick[1] as number] as DimClass<LocationValue>).label,
    signInRisk: (signInRisks.classes[pick[2] as number] as DimClass<RiskLevel>).label,
    userRisk: (userRisks.classes[pick[3] as number] as DimClass<RiskLevel>).label,
    insiderRisk: (insiderRisks.classes[pick[4] as number] as DimClass<InsiderRiskLevel>).label,
    flow: (flows.classes[pick[5] as number] as DimClass<TransferMethod>).label,
    device: (devices.classes[pick[6] as number] as DimClass<DeviceInfo | null>).label,
  });
  const contextOf = (t: number): SignInContext => {
    const c = (clients.classes[pick[0] as number] as DimClass<ClientValue>).value;
    const l = (locations.classes[pick[1] as number] as DimClass<LocationValue>).value;
    return {
      user: userId,
      ...(targets.classes[t] as DimClass<TargetValue>).value,
      clientAppType: c.clientAppType,
      platform: c.platform,
      ipAddress: l.ipAddress,
      country: l.country,
      gpsCountry: l.gpsCountry,
      signInRisk: (signInRisks.classes[pick[2] as number] as DimClass<RiskLevel>).value,
      userRisk: (userRisks.classes[pick[3] as number] as DimClass<RiskLevel>).value,
      insiderRisk: (insiderRisks.classes[pick[4] as number] as DimClass<InsiderRiskLevel>).value,
      authenticationFlow: (flows.classes[pick[5] as number] as DimClass<TransferMethod>).value,
      device: (devices.classes[pick[6] as number] as DimClass<DeviceInfo | null>).value,
    };
  };

  const accs: Uint32Array[] = Array.from({ length: dims.length + 1 }, () => new Uint32Array(W));
  accs[0]?.set(identity);
  const leafKey = new Uint32Array(W);
  const regKey = new Uint32Array(W);

  function leaf(): void {
    const acc = accs[dims.length] as Uint32Array;
    const cv = (clients.classes[pick[0] as number] as DimClass<ClientValue>).value;
    const dv = (devices.classes[pick[6] as number] as DimClass<DeviceInfo | null>).value;
    const flags = `${cv.clientAppType}|${cv.platform === "iOS" || cv.platform === "android" ? "m" : ""}|${dv ? `${dv.isCompliant === true ? "c" : "n"}${String(dv.trustType ?? "").toLowerCase() === "serverad" ? "h" : ""}` : "-"}`;
    if (regTarget >= 0) {
      const rm = targets.masks[regTarget] as Uint32Array;
      for (let w = 0; w < W; w++) regKey[w] = (acc[w] as number) & (rm[w] as number);
    }
    for (let t = 0; t < T; t++) {
      total++;
      const tm = targets.masks[t] as Uint32Array;
      let any = 0;
      for (let w = 0; w < W; w++) {
        leafKey[w] = (acc[w] as number) & (tm[w] as number);
        any |= leafKey[w] as number;
      }
      let r: SatisfyResult | null = null;
      if (any !== 0) {
        const k = `${leafKey.join(".")}|${regKey.join(".")}|${flags}|${t === regTarget ? "r" : ""}`;
        r = memo.get(k) ?? null;
        if (!r) {
          const ctx = contextOf(t);
          r = satisfy(evaluator.evaluate(ctx), caps, ctx, {
            strengths,
            ...(ctx.userAction !== "registerSecurityInfo"
              ? { registrationDecision: evaluator.evaluate({ ...ctx, userAction: "registerSecurityInfo" }) }
              : {}),
          });
          memo.set(k, r);
        }
      }
      const outcome: UserOutcome = r ? r.outcome : "allowed";
      if (outcome === "allowed" || outcome === "prompted") {
        wayIn++;
        // A way in is access to an application; user actions and auth contexts alone are not.
        if (isApp[t]) {
          appWays++;
          if (!wayInExample) wayInExample = classOf(t);
        }
      } else if (outcome === "mustRegister") mustReg++;
      else if (isLegacyClient(cv.clientAppType) && r?.blockedReason === "legacyProtocol") legacyOnly++;
      else {
        blockedN++;
        const c = classOf(t);
        const pid = r?.blockingPolicyId ?? "(unknown)";
        if (blocked.length < maxListed)
          blocked.push({ ...c, policyId: pid, reason: r?.blockedReason ?? "unknown", example: contextOf(t) });
        let bp = byPolicy.get(pid);
        if (!bp) byPolicy.set(pid, (bp = { reason: r?.blockedReason ?? "unknown", classes: 0, where: {} }));
        bp.classes++;
        for (const [k, v] of Object.entries(c)) {
          const s = (bp.where[k] ??= new Set());
          if (s.size < 12) s.add(v);
        }
      }
    }
  }

  function walk(d: number): void {
    const acc = accs[d] as Uint32Array;
    let any = 0;
    for (let w = 0; w < W; w++) any |= acc[w] as number;
    if (any === 0) {
      // Nothing can apply below: every class is a way in.
      const below = (suffix[d] as number) * T;
      total += below;
      wayIn += below;
      appWays += (suffix[d] as number) * appTargets;
      if (!wayInExample && firstApp >= 0) {
        for (let e = d; e < dims.length; e++) pick[e] = 0;
        wayInExample = classOf(firstApp);
      }
      return;
    }
    if (d === dims.length) {
      leaf();
      return;
    }
    const dim = dims[d] as Space<unknown>;
    const next = accs[d + 1] as Uint32Array;
    for (let i = 0; i < dim.classes.length; i++) {
      pick[d] = i;
      const m = dim.masks[i] as Uint32Array;
      for (let w = 0; w < W; w++) next[w] = (acc[w] as number) & (m[w] as number);
      walk(d + 1);
    }
  }
  walk(0);

  const nameOf = new Map(policies.map((p) => [p.id, p.displayName]));
  const dimensions = {
    target: T,
    client: clients.classes.length,
    location: locations.classes.length,
    signInRisk: signInRisks.classes.length,
    userRisk: userRisks.classes.length,
    insiderRisk: insiderRisks.classes.length,
    flow: flows.classes.length,
    device: devices.classes.length,
  };
  return {
    userId,
    holds: blockedN === 0 && appWays > 0,
    classesTotal: total,
    classesWayIn: wayIn,
    classesMustRegister: mustReg,
    classesBlocked: blockedN,
    classesLegacyOnly: legacyOnly,
    wayIn: wayInExample,
    blocked,
    blockingPolicies: [...byPolicy.entries()]
      .map(([policyId, b]) => ({
        policyId,
        displayName: nameOf.get(policyId) ?? policyId,
        reason: b.reason as BlockedReason,
        classes: b.classes,
        where: Object.fromEntries(
          Object.entries(b.where).map(([k, s]) => [k, [...s]]),
        ) as unknown as BlockingPolicy["where"],
      }))
      .sort((a, b) => b.classes - a.classes),
    dimensions,
  };
}

/** Is a satisfy result a proof-relevant block? Legacy protocols failing MFA are expected, not a lockout. */
export function isProofBlock(ctx: SignInContext, r: SatisfyResult): boolean {
  return (
    r.outcome === "blocked" && !(isLegacyClient(ctx.clientAppType ?? "browser") && r.blockedReason === "legacyProtocol")
  );
}

/** Does the policy demand MFA whatever the user chooses (block counts: nothing gets through)? */
export function demandsMfa(p: NormalizedPolicy): boolean {
  const g = p.grant;
  if (!g) return false;
  if (g.controls.includes("block") && (g.operator === "AND" || g.controls.length === 1)) return true;
  const cs = g.controls.filter((c) => c !== "block");
  const isMfa = (c: string) => c === "mfa" || c.startsWith("authenticationStrength:");
  if (cs.length === 0) return false;
  return g.operator === "AND" ? cs.some(isMfa) : cs.every(isMfa);
}

export interface CoverageGap {
  readonly classesTotal: number;
  /** Classes in which no enforced policy demands MFA (or blocks). */
  readonly classesUncovered: number;
  /** Up to `maxListed` uncovered classes with a concrete example sign-in (user omitted). */
  readonly uncovered: readonly (ConditionClass & { readonly example: Omit<SignInContext, "user"> })[];
  /** Per dimension, the class labels that occur among the uncovered classes. */
  readonly where: Readonly<Record<keyof ConditionClass, readonly string[]>>;
  readonly dimensions: Readonly<Record<keyof ConditionClass, number>>;
}

/**
 * The classes in which an identity (its users-condition mask, from `space.identityOf`) gets no MFA
 * requirement from the policies. Use `unknownApplies: "assumeNotApplies"` for the space: "is this user
 * covered?" counts an unknown condition as not applying (docs/design.md#rule-6).
 */
export function coverageGap(
  policies: readonly NormalizedPolicy[],
  space: ClassWalkSpace,
  identity: Uint32Array,
  maxListed = 50,
): CoverageGap {
  const { W, clients, locations, signInRisks, userRisks, insiderRisks, flows, devices } = space;
  // Resource access only: user actions and authentication contexts are not sign-ins to an app.
  const keep = space.targets.classes.map((c, i) => (c.value.application ? i : -1)).filter((i) => i >= 0);
  const targets: Space<TargetValue> = {
    classes: keep.map((i) => space.targets.classes[i] as DimClass<TargetValue>),
    masks: keep.map((i) => space.targets.masks[i] as Uint32Array),
  };
  const cover = new Uint32Array(W);
  policies.forEach((p, i) => {
    if (demandsMfa(p)) cover[i >>> 5] = (cover[i >>> 5] as number) | (1 << (i & 31));
  });
  const dims = [clients, locations, signInRisks, userRisks, insiderRisks, flows, devices] as Space<unknown>[];
  const keys = ["client", "location", "signInRisk", "userRisk", "insiderRisk", "flow", "device"] as const;
  const T = targets.classes.length;
  const suffix = new Array<number>(dims.length + 1).fill(1);
  for (let d = dims.length - 1; d >= 0; d--)
    suffix[d] = (suffix[d + 1] as number) * (dims[d] as Space<unknown>).classes.length;
  const pick = new Array<number>(dims.length).fill(0);
  const where: Record<string, Set<string>> = {};
  const uncovered: (ConditionClass & { example: Omit<SignInContext, "user"> })[] = [];
  let total = 0;
  let gaps = 0;
  const note = (d: number, t: number | null) => {
    // Labels of the fixed dimensions, and every label of the free ones (d..end) and of targets when t is null.
    for (let e = 0; e < dims.length; e++) {
      const s = (where[keys[e] as string] ??= new Set());
      if (e < d) s.add(((dims[e] as Space<unknown>).classes[pick[e] as number] as DimClass<unknown>).label);
      else for (const c of (dims[e] as Space<unknown>).classes) if (s.size < 16) s.add(c.label);
    }
    const ts = (where.target ??= new Set());
    if (t !== null) ts.add((targets.classes[t] as DimClass<TargetValue>).label);
    else for (const c of targets.classes) if (ts.size < 16) ts.add(c.label);
  };
  const listOne = (t: number) => {
    if (uncovered.length >= maxListed) return;
    const cl = (i: number) => (dims[i] as Space<unknown>).classes[pick[i] as number] as DimClass<unknown>;
    const cv = cl(0).value as ClientValue;
    const lv = cl(1).value as LocationValue;
    uncovered.push({
      target: (targets.classes[t] as DimClass<TargetValue>).label,
      client: cl(0).label,
      location: cl(1).label,
      signInRisk: cl(2).label,
      userRisk: cl(3).label,
      insiderRisk: cl(4).label,
      flow: cl(5).label,
      device: cl(6).label,
      example: {
        ...(targets.classes[t] as DimClass<TargetValue>).value,
        clientAppType: cv.clientAppType,
        platform: cv.platform,
        ipAddress: lv.ipAddress,
        country: lv.country,
        signInRisk: cl(2).value as RiskLevel,
        userRisk: cl(3).value as RiskLevel,
        insiderRisk: cl(4).value as InsiderRiskLevel,
        authenticationFlow: cl(5).value as TransferMethod,
        device: cl(6).value as DeviceInfo | null,
      },
    });
  };
  const accs: Uint32Array[] = Array.from({ length: dims.length + 1 }, () => new Uint32Array(W));
  accs[0]?.set(identity);
  function walk(d: number): void {
    const acc = accs[d] as Uint32Array;
    let any = 0;
    for (let w = 0; w < W; w++) any |= (acc[w] as number) & (cover[w] as number);
    if (any === 0) {
      const below = (suffix[d] as number) * T;
      total += below;
      gaps += below;
      note(d, null);
      if (uncovered.length < maxListed) {
        for (let e = d; e < dims.length; e++) pick[e] = 0;
        for (let t = 0; t < T && uncovered.length < maxListed; t++) listOne(t);
      }
      return;
    }
    if (d === dims.length) {
      for (let t = 0; t < T; t++) {
        total++;
        const tm = targets.masks[t] as Uint32Array;
        let hit = 0;
        for (let w = 0; w < W; w++) hit |= (acc[w] as number) & (tm[w] as number) & (cover[w] as number);
        if (hit === 0) {
          gaps++;
          note(d, t);
          listOne(t);
        }
      }
      return;
    }
    const dim = dims[d] as Space<unknown>;
    const next = accs[d + 1] as Uint32Array;
    for (let i = 0; i < dim.classes.length; i++) {
      pick[d] = i;
      const m = dim.masks[i] as Uint32Array;
      for (let w = 0; w < W; w++) next[w] = (acc[w] as number) & (m[w] as number);
      walk(d + 1);
    }
  }
  walk(0);
  return {
    classesTotal: total,
    classesUncovered: gaps,
    uncovered,
    where: Object.fromEntries(Object.entries(where).map(([k, s]) => [k, [...s]])) as unknown as CoverageGap["where"],
    dimensions: {
      target: T,
      client: clients.classes.length,
      location: locations.classes.length,
      signInRisk: signInRisks.classes.length,
      userRisk: userRisks.classes.length,
      insiderRisk: insiderRisks.classes.length,
      flow: flows.classes.length,
      device: devices.classes.length,
    },
  };
}
