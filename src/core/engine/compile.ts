// The compiled fast path: the same answers as evaluate.ts at millions of sign-ins per second.
// Each condition depends on one dimension of the sign-in (identity, target, client+platform, location,
// risk+flow, device). For every distinct value of a dimension the engine computes, once, two bitsets over
// the policy set: YES (certainly matches) and POSSIBLE (matches or unknown). A sign-in is then a handful
// of memo lookups and word-wise ANDs. Identity masks pre-resolve transitive groups and roles.
// INVARIANT: decide() and evaluate() agree with createEvaluator() on every input (property-tested).

import type { Diagnostic } from "../model/diagnostics.js";
import type { TenantSnapshot } from "../model/snapshot.js";
import { targetOf } from "./conditions/applications.js";
import { buildEnv, type Env, NO, YES } from "./conditions/env.js";
import { usersTri } from "./conditions/users.js";
import { compileDeviceFilter, evaluateDeviceFilter } from "./device-filter/evaluate.js";
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
// INVARIANT: the defaults passed to indexOf() are these tables' indexes (browser 0, unknown 6, none 0).
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
  const compiledFilters: (((d: SignInContext["device"]) => boolean) | null)[] = [];
  const needLocation = policies.some((p) => p.locations !== null);
  const locationPolicies = new Uint32Array(W);
  policies.forEach((p, i) => {
    if (p.locations !== null) locationPolicies[i >>> 5] = (locationPolicies[i >>> 5] as number) | (1 << (i & 31));
  });
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
    compiledFilters.push(p.deviceFilter?.ast ? compileDeviceFilter(p.deviceFilter.ast) : null);
  });

  /** Entry layout: [dimY(W), dimP(W), then per condition Y(W), P(W)]. */
  function computeEntry(dim: DimName, c: PreparedContext): Uint32Array {
    const conds = DIMS[dim];
    const e = new Uint32Array(2 * W * (1 + conds.length));
    e.fill(0xffffffff, 0, 2 * W);
    conds.forEach((name, k) => {
      const off = 2 * W * (1 + k);
      const userSubject = c.subject.kind === "user";
      for (let i = 0; i < n; i++) {
        const p = policies[i] as NormalizedPolicy;
        // Identity pre-resolution runs once per user and policy: the allocation-free users check.
        const m =
          name === "users" && userSubject && p.users
            ? usersTri(p.users, c.subject, env)
            : name === "workloadIdentities" && userSubject
              ? YES
              : conditionVerdict(name, p, c, env).m;
        const w = i >>> 5;
        const b = 1 << (i & 31);
        if (m !== NO) e[off + W + w] = (e[off + W + w] as number) | b;
        if (m === YES) e[off + w] = (e[off + w] as number) | b;
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

  // Memo tables map a dimension value to an OFFSET into that dimension's pool of distinct mask patterns.
  // Most users share a handful of patterns, so the pools stay tiny (cache-resident) and a lookup is one
  // Map probe returning a small integer.
  const pools: Record<Exclude<DimName, "device">, Pool> = {
    identity: new Pool(2 * W * (1 + DIMS.identity.length)),
    target: new Pool(2 * W * (1 + DIMS.target.length)),
    client: new Pool(2 * W * (1 + DIMS.client.length)),
    location: new Pool(2 * W * (1 + DIMS.location.length)),
    misc: new Pool(2 * W * (1 + DIMS.misc.length)),
  };
  const identityMemo = new Map<string, number>();
  const targetMemo = new Map<string, number>();
  const locationMemo = new Map<string, number>();
  const locationByIp = new Map<string, number>();
  const locationByFacts = new Map<string, number>();
  const countryIndex = new Map<string, number>();
  const clientMemo = new Int32Array(4 * 8).fill(-1);
  const miscMemo = new Int32Array(5 * 5 * 4 * 3).fill(-1);

  // Lazily prepared context: only built when a memo misses.
  let pending: SignInContext | null = null;
  let prepared: PreparedContext | null = null;
  const prep = (): PreparedContext => {
    if (!prepared) prepared = prepareContext(pending as SignInContext, env);
    return prepared;
  };
  const intern = (dim: Exclude<DimName, "device">): number => pools[dim].intern(computeEntry(dim, prep()));

  // Offsets of the current sign-in's patterns (set by lookup()).
  let oId = 0;
  let oTg = 0;
  let oCl = 0;
  let oLo = 0;
  let oMi = 0;

  /** Find (or compute) the patterns of a sign-in; false for inputs the memo does not key (ad-hoc, workloads, odd values). */
  function lookupLocation(ctx: SignInContext): number {
    // Location: one probe of ip -> (pattern offset, country index) when the country matches the one seen
    // first for that IP (the common case); otherwise a composite-key table.
    let lo: number | undefined;
    const ip = ctx.ipAddress ?? "";
    const country = ctx.country ?? "";
    let cIdx = countryIndex.get(country);
    if (cIdx === undefined && countryIndex.size < 1023) {
      cIdx = countryIndex.size;
      countryIndex.set(country, cIdx);
    }
    if (!ctx.gpsCountry && cIdx !== undefined) {
      const v = locationByIp.get(ip);
      if (v !== undefined && (v & 1023) === cIdx) lo = v >>> 10;
    }
    if (lo === undefined) {
      const lk = `${ip}|${country}|${ctx.gpsCountry ?? ""}`;
      lo = locationMemo.get(lk);
      if (lo === undefined) {
        if (locationMemo.size >= 1_000_000) {
          locationMemo.clear();
          locationByIp.clear();
        }
        // Many IPs share the same facts (same named locations, trust): reuse their pattern.
        const f = prep().location;
        const sig = `${[...f.ids].sort().join(",")}|${f.trusted ? 1 : 0}|${f.mfaTrustedIps}`;
        lo = locationByFacts.get(sig);
        if (lo === undefined) locationByFacts.set(sig, (lo = intern("location")));
        locationMemo.set(lk, lo);
      }
      if (!ctx.gpsCountry && cIdx !== undefined && !locationByIp.has(ip)) locationByIp.set(ip, lo * 1024 + cIdx);
    }
    return lo;
  }

  function lookup(ctx: SignInContext, withLocation = true): boolean {
    pending = ctx;
    prepared = null;
    const u = ctx.user;
    if (typeof u !== "string") return false;
    const ci = indexOf(CAT_INDEX, ctx.clientAppType, "browser", 0);
    const pi = indexOf(PLATFORM_INDEX, ctx.platform, "unknown", 6);
    const sr = indexOf(RISK_INDEX, ctx.signInRisk, "none", 0);
    const ur = indexOf(RISK_INDEX, ctx.userRisk, "none", 0);
    const ir = indexOf(INSIDER_INDEX, ctx.insiderRisk, "none", 0);
    const fl = indexOf(FLOW_INDEX, ctx.authenticationFlow, "none", 0);
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
    if (id === undefined) identityMemo.set(u, (id = intern("identity")));
    const t = ctx.userAction
      ? `ua:${ctx.userAction}`
      : ctx.authContext
        ? `ac:${ctx.authContext.toLowerCase()}`
        : (ctx.application ?? "");
    let tg = targetMemo.get(t);
    if (tg === undefined) targetMemo.set(t, (tg = intern("target")));
    const ck = ci * 8 + pi;
    let cl = clientMemo[ck] as number;
    if (cl < 0) clientMemo[ck] = cl = intern("client");
    const mk = ((sr * 5 + ur) * 4 + ir) * 3 + fl;
    let mi = miscMemo[mk] as number;
    if (mi < 0) miscMemo[mk] = mi = intern("misc");
    oId = id;
    oTg = tg;
    oCl = cl;
    if (withLocation) oLo = lookupLocation(ctx);
    oMi = mi;
    return true;
  }

  function entries(ctx: SignInContext): Uint32Array[] | null {
    if (!lookup(ctx)) return null;
    return [
      pools.identity.view(oId),
      pools.target.view(oTg),
      pools.client.view(oCl),
      pools.location.view(oLo),
      pools.misc.view(oMi),
    ];
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
      if (((posW[w] as number) & ~clear) === 0) continue; // already out of play
      if (!f.ast) {
        yesW[w] = (yesW[w] as number) & clear;
        continue;
      }
      if ((compiledFilters[i] as (d: SignInContext["device"]) => boolean)(device) !== (f.mode === "include")) {
        yesW[w] = (yesW[w] as number) & clear;
        posW[w] = (posW[w] as number) & clear;
      }
    }
  }

  function decide(ctx: SignInContext): FastDecision {
    if (lookup(ctx, false)) {
      const id = pools.identity.data;
      const tg = pools.target.data;
      const cl = pools.client.data;
      const mi = pools.misc.data;
      let any = 0;
      for (let w = 0; w < W; w++) {
        const v = W + w;
        yesW[w] =
          (live[w] as number) &
          (id[oId + w] as number) &
          (tg[oTg + w] as number) &
          (cl[oCl + w] as number) &
          (mi[oMi + w] as number);
        any |= posW[w] =
          (live[w] as number) &
          (id[oId + v] as number) &
          (tg[oTg + v] as number) &
          (cl[oCl + v] as number) &
          (mi[oMi + v] as number);
      }
      // The location probe and device filters only matter for policies still in play; policies without a
      // location condition have their bit set in every location pattern, so skipping the probe is exact.
      let needLoc = 0;
      if (any !== 0 && needLocation)
        for (let w = 0; w < W; w++) needLoc |= (posW[w] as number) & (locationPolicies[w] as number);
      if (needLoc !== 0) {
        const off = lookupLocation(ctx);
        const lo = pools.location.data;
        any = 0;
        for (let w = 0; w < W; w++) {
          yesW[w] = (yesW[w] as number) & (lo[off + w] as number);
          any |= posW[w] = (posW[w] as number) & (lo[off + W + w] as number);
        }
      }
      if (any !== 0 && filterPolicies.length > 0) applyDeviceFilters(ctx.device ?? null);
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

/**
 * Distinct mask patterns of one dimension, packed in one growing Uint32Array; `intern` returns the
 * offset of an equal pattern when there is one.
 */
class Pool {
  data: Uint32Array;
  private n = 0;
  private readonly byKey = new Map<string, number>();
  constructor(readonly stride: number) {
    this.data = new Uint32Array(stride * 16);
  }
  intern(e: Uint32Array): number {
    const key = e.join(",");
    const hit = this.byKey.get(key);
    if (hit !== undefined) return hit;
    const off = this.n * this.stride;
    if (off + this.stride > this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data.set(e, off);
    this.n++;
    this.byKey.set(key, off);
    return off;
  }
  view(off: number): Uint32Array {
    return this.data.subarray(off, off + this.stride);
  }
}

/** Index of an enum value; the default (index 0 for risks/flows) without a keyed lookup. */
function indexOf(
  table: Readonly<Record<string, number>>,
  v: string | undefined,
  dflt: string,
  dfltIndex: number,
): number | undefined {
  if (v === undefined || v === dflt) return dfltIndex;
  return table[v];
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export { targetOf as _targetOf };
