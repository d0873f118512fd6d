// The compiled fast path: the same answers as evaluate.ts at millions of sign-ins per second.
// Each condition depends on one dimension of the sign-in (identity, target, client+platform, location,
// risk+flow, device). For every distinct value of a dimension the engine computes, once, two bitsets over
// the policy set: YES (certainly matches) and POSSIBLE (matches or unknown). A sign-in is then a handful
// of memo lookups and word-wise ANDs. Identity masks pre-resolve transitive groups and roles.
// INVARIANT: decide() and evaluate() agree with createEvaluator() on every input (property-tested).

import type { Diagnostic } from "../model/diagnostics.js";
import type { TenantSnapshot } from "../model/snapshot.js";
import { targetOf } from "./conditions/applications.js";
import { buildEnv, type Env, NO, UNKNOWN } from "./conditions/env.js";
import { evaluateDeviceFilter } from "./device-filter/evaluate.js";
import {
  _contextDiagnostics,
  combine,
  conditionVerdict,
  EVALUATED_CONDITIONS,
  type Evaluator,
  grantBlocks,
  type PreparedContext,
  prepareContext,
  type RawOutcome,
} from "./evaluate.js";
import {
  CLIENT_APP_TYPES,
  type ConditionName,
  type Decision,
  type EvaluatorOptions,
  INSIDER_RISK_LEVELS,
  type NormalizedPolicy,
  PLATFORMS,
  RISK_LEVELS,
  type SignInContext,
  TRANSFER_METHODS,
} from "./types.js";

/** Control bits of the compact decision. */
export const CONTROL_BIT = {
  mfa: 1,
  authenticationStrength: 2,
  compliantDevice: 4,
  domainJoinedDevice: 8,
  approvedApplication: 16,
  compliantApplication: 32,
  passwordChange: 64,
  riskRemediation: 128,
  termsOfUse: 256,
  custom: 512,
  unknown: 1024,
} as const;

function controlBits(controls: readonly string[]): number {
  let b = 0;
  for (const c of controls) {
    const base = c.includes(":") ? c.slice(0, c.indexOf(":")) : c;
    b |= (CONTROL_BIT as Record<string, number>)[base] ?? 0;
  }
  return b;
}

/**
 * The compact result of decide(). The bitsets are reused between calls: copy them to keep them.
 * Bit i of word i>>>5 is policy i of `policies`.
 */
export interface FastDecision {
  block: boolean;
  /** Controls of the enforced AND (or single-control) policies, as CONTROL_BIT flags. */
  requiredControls: number;
  /** Number of enforced OR policies with several controls (see evaluate() for their detail). */
  alternatives: number;
  enforced: Uint32Array;
  reportOnlyApplied: Uint32Array;
  /** Policies counted as applied only by assumption (an unknown part). */
  uncertain: Uint32Array;
}

export interface CompiledEvaluator extends Evaluator {
  /** The hot path: no explanation, no allocation per call. */
  decide(ctx: SignInContext): FastDecision;
}

/** Dimensions and the conditions each one decides, in EVALUATED_CONDITIONS order within a dimension. */
const DIMS = {
  identity: ["users", "workloadIdentities"],
  target: ["applications"],
  client: ["clientAppTypes", "platforms"],
  location: ["locations"],
  misc: ["signInRisk", "userRisk", "servicePrincipalRisk", "insiderRisk", "authenticationFlows"],
  device: ["devices"],
} as const satisfies Record<string, readonly ConditionName[]>;

type DimName = keyof typeof DIMS;

const CAT_INDEX: Record<string, number> = Object.fromEntries(CLIENT_APP_TYPES.map((c, i) => [c, i]));
const PLATFORM_INDEX: Record<string, number> = Object.fromEntries([...PLATFORMS, "unknown"].map((p, i) => [p, i]));
const RISK_INDEX: Record<string, number> = Object.fromEntries(RISK_LEVELS.map((r, i) => [r, i]));
const INSIDER_INDEX: Record<string, number> = Object.fromEntries(INSIDER_RISK_LEVELS.map((r, i) => [r, i]));
const FLOW_INDEX: Record<string, number> = Object.fromEntries(TRANSFER_METHODS.map((r, i) => [r, i]));

/**
 * Compile a policy set for a snapshot. Same inputs and Decision as createEvaluator(), plus decide().
 * Memo tables grow with the distinct users, apps and locations seen (bounded by the tenant).
 */
export function compileEvaluator(
  snapshot: TenantSnapshot,
  policies: readonly NormalizedPolicy[],
  opts: EvaluatorOptions = {},
): CompiledEvaluator {
  const env: Env = buildEnv(snapshot, opts);
  const n = policies.length;
  const W = Math.max(1, Math.ceil(n / 32));
  const assume = (opts.unknownApplies ?? "assumeApplies") === "assumeApplies";

  const live = new Uint32Array(W); // not disabled
  const enforceable = new Uint32Array(W);
  const reportOnly = new Uint32Array(W);
  const blockMask = new Uint32Array(W);
  const orMask = new Uint32Array(W);
  const bitsOf = new Uint32Array(n);
  const filterPolicies: number[] = [];
  policies.forEach((p, i) => {
    const w = i >>> 5;
    const b = 1 << (i & 31);
    if (p.state !== "disabled") live[w] = (live[w] as number) | b;
    if (p.state === "enabled" || (p.state === "reportOnly" && opts.reportOnlyAsEnabled === true)) {
      enforceable[w] = (enforceable[w] as number) | b;
    }
    if (p.state === "reportOnly") reportOnly[w] = (reportOnly[w] as number) | b;
    if (grantBlocks(p)) blockMask[w] = (blockMask[w] as number) | b;
    else if (p.grant) {
      const controls = p.grant.controls.filter((c) => c !== "block");
      if (controls.length > 1 && p.grant.operator === "OR") orMask[w] = (orMask[w] as number) | b;
      else bitsOf[i] = controlBits(controls);
    }
    if (p.deviceFilter) filterPolicies.push(i);
  });

  /** Entry layout: [dimY(W), dimP(W), then per condition Y(W), P(W)]. */
  function computeEntry(dim: DimName, c: PreparedContext): Uint32Array {
    const conds = DIMS[dim];
    const e = new Uint32Array(2 * W * (1 + conds.length));
    e.fill(0xffffffff, 0, 2 * W);
    conds.forEach((name, k) => {
      const off = 2 * W * (1 + k);
      for (let i = 0; i < n; i++) {
        const v = conditionVerdict(name, policies[i] as NormalizedPolicy, c, env);
        const w = i >>> 5;
        const b = 1 << (i & 31);
        if (v.m !== NO) e[off + W + w] = (e[off + W + w] as number) | b;
        if (v.m !== NO && v.m !== UNKNOWN) e[off + w] = (e[off + w] as number) | b;
      }
      for (let w = 0; w < W; w++) {
        e[w] = (e[w] as number) & (e[off + w] as number);
        e[W + w] = (e[W + w] as number) & (e[off + W + w] as number);
      }
    });
    return e;
  }

  function deviceEntry(c: PreparedContext): Uint32Array {
    const e = new Uint32Array(4 * W);
    for (let w = 0; w < W; w++) e[w] = e[W + w] = e[2 * W + w] = e[3 * W + w] = 0xffffffff;
    if (c.subject.kind !== "user") return e;
    for (const i of filterPolicies) {
      const f = (policies[i] as NormalizedPolicy).deviceFilter;
      if (!f) continue;
      const w = i >>> 5;
      const clear = ~(1 << (i & 31));
      if (!f.ast) {
        e[w] = e[2 * W + w] = (e[w] as number) & clear; // unknown: possible but not certain
        continue;
      }
      const hit = evaluateDeviceFilter(f.ast, c.device);
      if (hit !== (f.mode === "include")) {
        e[w] = e[2 * W + w] = (e[w] as number) & clear;
        e[W + w] = e[3 * W + w] = (e[W + w] as number) & clear;
      }
    }
    return e;
  }

  const identityMemo = new Map<string, Uint32Array>();
  const targetMemo = new Map<string, Uint32Array>();
  /** ip -> (country|gps) -> entry: no string building on the hot path. */
  const locationMemo = new Map<string, Map<string, Uint32Array>>();
  let locationEntries = 0;
  const clientMemo: (Uint32Array | undefined)[] = [];
  const miscMemo: (Uint32Array | undefined)[] = [];

  // Lazily prepared context: only built when a memo misses.
  let pending: SignInContext | null = null;
  let prepared: PreparedContext | null = null;
  const prep = (): PreparedContext => {
    if (!prepared) prepared = prepareContext(pending as SignInContext, env);
    return prepared;
  };

  // The five memoised entries of the current sign-in (set by lookup()).
  let eId: Uint32Array | undefined;
  let eTg: Uint32Array | undefined;
  let eCl: Uint32Array | undefined;
  let eLo: Uint32Array | undefined;
  let eMi: Uint32Array | undefined;

  /** Find (or compute) the memo entries of a sign-in; false for inputs the memo does not key (ad-hoc, workloads, odd values). */
  function lookup(ctx: SignInContext): boolean {
    pending = ctx;
    prepared = null;
    const u = ctx.user;
    if (typeof u !== "string") return false;
    const ci = CAT_INDEX[ctx.clientAppType ?? "browser"];
    const pi = PLATFORM_INDEX[ctx.platform ?? "unknown"];
    const sr = RISK_INDEX[ctx.signInRisk ?? "none"];
    const ur = RISK_INDEX[ctx.userRisk ?? "none"];
    const ir = INSIDER_INDEX[ctx.insiderRisk ?? "none"];
    const fl = FLOW_INDEX[ctx.authenticationFlow ?? "none"];
    if (
      ci === undefined ||
      pi === undefined ||
      sr === undefined ||
      ur === undefined ||
      ir === undefined ||
      fl === undefined
    ) {
      return false;
    }
    let id = identityMemo.get(u);
    if (!id) identityMemo.set(u, (id = computeEntry("identity", prep())));
    const t = ctx.userAction
      ? `ua:${ctx.userAction}`
      : ctx.authContext
        ? `ac:${ctx.authContext.toLowerCase()}`
        : (ctx.application ?? "");
    let tg = targetMemo.get(t);
    if (!tg) targetMemo.set(t, (tg = computeEntry("target", prep())));
    const ck = ci * 8 + pi;
    let cl = clientMemo[ck];
    if (!cl) clientMemo[ck] = cl = computeEntry("client", prep());
    const ip = ctx.ipAddress ?? "";
    let byCountry = locationMemo.get(ip);
    if (!byCountry) {
      if (locationEntries > 200_000) {
        locationMemo.clear();
        locationEntries = 0;
      }
      locationMemo.set(ip, (byCountry = new Map()));
    }
    const ck2 = ctx.gpsCountry ? `${ctx.country ?? ""}|${ctx.gpsCountry}` : (ctx.country ?? "");
    let lo = byCountry.get(ck2);
    if (!lo) {
      byCountry.set(ck2, (lo = computeEntry("location", prep())));
      locationEntries++;
    }
    const mk = ((sr * 5 + ur) * 4 + ir) * 3 + fl;
    let mi = miscMemo[mk];
    if (!mi) miscMemo[mk] = mi = computeEntry("misc", prep());
    eId = id;
    eTg = tg;
    eCl = cl;
    eLo = lo;
    eMi = mi;
    return true;
  }

  function entries(ctx: SignInContext): Uint32Array[] | null {
    return lookup(ctx) ? ([eId, eTg, eCl, eLo, eMi] as Uint32Array[]) : null;
  }

  function directEntries(): Uint32Array[] {
    const c = prep();
    return [
      computeEntry("identity", c),
      computeEntry("target", c),
      computeEntry("client", c),
      computeEntry("location", c),
      computeEntry("misc", c),
    ];
  }

  const out: FastDecision = {
    block: false,
    requiredControls: 0,
    alternatives: 0,
    enforced: new Uint32Array(W),
    reportOnlyApplied: new Uint32Array(W),
    uncertain: new Uint32Array(W),
  };
  const yesW = new Uint32Array(W);
  const posW = new Uint32Array(W);

  function combineMasks(ctx: SignInContext): Uint32Array[] {
    const es = entries(ctx) ?? directEntries();
    for (let w = 0; w < W; w++) {
      yesW[w] = live[w] as number;
      posW[w] = live[w] as number;
    }
    for (const e of es) {
      for (let w = 0; w < W; w++) {
        yesW[w] = (yesW[w] as number) & (e[w] as number);
        posW[w] = (posW[w] as number) & (e[W + w] as number);
      }
    }
    if (filterPolicies.length > 0 || typeof ctx.user !== "string") {
      const d = deviceEntry(prep());
      es.push(d);
      for (let w = 0; w < W; w++) {
        yesW[w] = (yesW[w] as number) & (d[w] as number);
        posW[w] = (posW[w] as number) & (d[W + w] as number);
      }
    }
    return es;
  }

  /** Clear policy bits whose device filter rejects the device (user sign-ins only). */
  function applyDeviceFilters(device: SignInContext["device"]): void {
    for (let k = 0; k < filterPolicies.length; k++) {
      const i = filterPolicies[k] as number;
      const f = (policies[i] as NormalizedPolicy).deviceFilter as NonNullable<NormalizedPolicy["deviceFilter"]>;
      const w = i >>> 5;
      const clear = ~(1 << (i & 31));
      if (!f.ast) {
        yesW[w] = (yesW[w] as number) & clear;
        continue;
      }
      if (evaluateDeviceFilter(f.ast, device) !== (f.mode === "include")) {
        yesW[w] = (yesW[w] as number) & clear;
        posW[w] = (posW[w] as number) & clear;
      }
    }
  }

  function decide(ctx: SignInContext): FastDecision {
    if (lookup(ctx)) {
      const id = eId as Uint32Array;
      const tg = eTg as Uint32Array;
      const cl = eCl as Uint32Array;
      const lo = eLo as Uint32Array;
      const mi = eMi as Uint32Array;
      for (let w = 0; w < W; w++) {
        const v = W + w;
        yesW[w] =
          (live[w] as number) &
          (id[w] as number) &
          (tg[w] as number) &
          (cl[w] as number) &
          (lo[w] as number) &
          (mi[w] as number);
        posW[w] =
          (live[w] as number) &
          (id[v] as number) &
          (tg[v] as number) &
          (cl[v] as number) &
          (lo[v] as number) &
          (mi[v] as number);
      }
      if (filterPolicies.length > 0) applyDeviceFilters(ctx.device ?? null);
    } else {
      combineMasks(ctx);
    }
    let block = false;
    let req = 0;
    let alts = 0;
    for (let w = 0; w < W; w++) {
      const counted = assume ? (posW[w] as number) : (yesW[w] as number);
      const enf = counted & (enforceable[w] as number);
      out.enforced[w] = enf;
      out.reportOnlyApplied[w] = counted & (reportOnly[w] as number);
      out.uncertain[w] = counted & ~(yesW[w] as number);
      if (enf & (blockMask[w] as number)) block = true;
      let rest = enf & ~(blockMask[w] as number);
      alts += popcount(rest & (orMask[w] as number));
      rest &= ~(orMask[w] as number);
      while (rest !== 0) {
        const bit = 31 - Math.clz32(rest & -rest);
        req |= bitsOf[(w << 5) + bit] as number;
        rest &= rest - 1;
      }
    }
    out.block = block;
    out.requiredControls = req;
    out.alternatives = alts;
    return out;
  }

  function evaluate(ctx: SignInContext): Decision {
    const es = combineMasks(ctx);
    const c = prep();
    const outcomes: RawOutcome[] = [];
    // Per-condition masks in EVALUATED_CONDITIONS order.
    const condMasks = new Map<ConditionName, { e: Uint32Array; off: number }>();
    const dimOrder: DimName[] = ["identity", "target", "client", "location", "misc", "device"];
    dimOrder.forEach((dim, d) => {
      const e = es[d];
      if (!e) return;
      DIMS[dim].forEach((name, k) => {
        condMasks.set(name, { e, off: 2 * W * (1 + k) });
      });
    });
    for (let i = 0; i < n; i++) {
      const p = policies[i] as NormalizedPolicy;
      const w = i >>> 5;
      const b = 1 << (i & 31);
      if (p.state === "disabled") {
        outcomes.push({ kind: "notApplied", condition: "state", reason: "policy is disabled" });
        continue;
      }
      let failed: ConditionName | null = null;
      let unsure: ConditionName | null = null;
      for (const name of EVALUATED_CONDITIONS) {
        const m = condMasks.get(name);
        if (!m) continue; // devices without any filter policy: always matches
        const y = ((m.e[m.off + w] as number) & b) !== 0;
        const pos = ((m.e[m.off + W + w] as number) & b) !== 0;
        if (!pos) {
          failed = name;
          break;
        }
        if (!y && !unsure) unsure = name;
      }
      // Explanations come from the condition that the bitsets picked.
      if (failed) {
        outcomes.push({
          kind: "notApplied",
          condition: failed,
          reason: `${failed}: ${conditionVerdict(failed, p, c, env).detail}`,
        });
      } else if (unsure) {
        outcomes.push({
          kind: "error",
          condition: unsure,
          reason: `cannot evaluate ${unsure}: ${conditionVerdict(unsure, p, c, env).detail}`,
        });
      } else {
        const ud = conditionVerdict(c.subject.kind === "user" ? "users" : "workloadIdentities", p, c, env).detail;
        const ad = conditionVerdict("applications", p, c, env).detail;
        outcomes.push({ kind: "applied", condition: null, reason: `applies: ${ud}; ${ad}` });
      }
    }
    return combine(policies, outcomes, opts, _contextDiagnostics(ctx, c));
  }

  return { policies, diagnostics: env.diagnostics as readonly Diagnostic[], decide, evaluate };
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export { targetOf as _targetOf };
