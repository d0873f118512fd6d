// The exhaustive walk over a class space (class-space.ts): every combination of one class per dimension,
// with pruning, written once for both questions asked of it (prove-access.ts, coverage-gap.ts).
// The walk ANDs the class masks dimension by dimension; when no policy of interest is left, every class
// below is alike and is reported in one call (`pruned`) instead of one leaf each.
// INVARIANT: a class is reported blocked iff a concrete sign-in of that class is blocked (mutation-tested).

import type { ClassWalkSpace, ClientValue, DimClass, LocationValue, Space, TargetValue } from "./class-space.js";
import type { DeviceInfo, InsiderRiskLevel, RiskLevel, SignInContext, TransferMethod } from "./types.js";

/** A concrete class: one class label of every dimension. */
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

/** The dimensions the walk descends, in order (cheap-to-prune first); targets are applied at the leaf. */
export type WalkDims = readonly [
  Space<ClientValue>,
  Space<LocationValue>,
  Space<RiskLevel>,
  Space<RiskLevel>,
  Space<InsiderRiskLevel>,
  Space<TransferMethod>,
  Space<DeviceInfo | null>,
];

/** The walked dimensions of a space, in walk order. */
export function walkDims(space: ClassWalkSpace): WalkDims {
  return [
    space.clients,
    space.locations,
    space.signInRisks,
    space.userRisks,
    space.insiderRisks,
    space.flows,
    space.devices,
  ];
}

/** Number of classes per dimension (`targets` as the walk sees them). */
export function dimensionCounts(
  targets: Space<TargetValue>,
  dims: WalkDims,
): Readonly<Record<keyof ConditionClass, number>> {
  return {
    target: targets.classes.length,
    client: dims[0].classes.length,
    location: dims[1].classes.length,
    signInRisk: dims[2].classes.length,
    userRisk: dims[3].classes.length,
    insiderRisk: dims[4].classes.length,
    flow: dims[5].classes.length,
    device: dims[6].classes.length,
  };
}

/** The class picked by `pick` (one index per walked dimension) and target `t`. */
export function classAt(
  targets: Space<TargetValue>,
  dims: WalkDims,
  pick: readonly number[],
  t: number,
): ConditionClass {
  const label = (d: number) => ((dims[d] as Space<unknown>).classes[pick[d] as number] as DimClass<unknown>).label;
  return {
    target: (targets.classes[t] as DimClass<TargetValue>).label,
    client: label(0),
    location: label(1),
    signInRisk: label(2),
    userRisk: label(3),
    insiderRisk: label(4),
    flow: label(5),
    device: label(6),
  };
}

/** A representative sign-in (without its user) of the class picked by `pick` and target `t`. */
export function exampleAt(
  targets: Space<TargetValue>,
  dims: WalkDims,
  pick: readonly number[],
  t: number,
): Omit<SignInContext, "user"> {
  const value = (d: number) => ((dims[d] as Space<unknown>).classes[pick[d] as number] as DimClass<unknown>).value;
  const c = value(0) as ClientValue;
  const l = value(1) as LocationValue;
  return {
    ...(targets.classes[t] as DimClass<TargetValue>).value,
    clientAppType: c.clientAppType,
    platform: c.platform,
    ipAddress: l.ipAddress,
    country: l.country,
    gpsCountry: l.gpsCountry,
    signInRisk: value(2) as RiskLevel,
    userRisk: value(3) as RiskLevel,
    insiderRisk: value(4) as InsiderRiskLevel,
    authenticationFlow: value(5) as TransferMethod,
    device: value(6) as DeviceInfo | null,
  };
}

/** What a walk reports. `pick` holds the class index of every walked dimension (reused between calls). */
export interface WalkVisitor {
  /**
   * No policy of interest is left from dimension `d` on: the `below` combinations of dimensions d.. (times
   * every target) are all alike. `pick` is 0 from `d` on, so `pick` names the first of them.
   */
  pruned(d: number, below: number, pick: readonly number[]): void;
  /** A full combination of the walked dimensions; `acc` is the mask of the policies still in play. */
  leaf(acc: Uint32Array, pick: readonly number[]): void;
}

/**
 * Walk every combination of one class per dimension of `dims`, starting from the policy mask `start`
 * (the identity, narrowed to the policies of interest): a branch whose mask is empty is pruned.
 */
export function walkClasses(W: number, dims: WalkDims, start: Uint32Array, visit: WalkVisitor): void {
  const n = dims.length;
  const suffix = new Array<number>(n + 1).fill(1);
  for (let d = n - 1; d >= 0; d--) suffix[d] = (suffix[d + 1] as number) * (dims[d] as Space<unknown>).classes.length;
  const pick = new Array<number>(n).fill(0);
  const accs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(W));
  accs[0]?.set(start);
  function walk(d: number): void {
    const acc = accs[d] as Uint32Array;
    let any = 0;
    for (let w = 0; w < W; w++) any |= acc[w] as number;
    if (any === 0) {
      for (let e = d; e < n; e++) pick[e] = 0;
      visit.pruned(d, suffix[d] as number, pick);
      return;
    }
    if (d === n) {
      visit.leaf(acc, pick);
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
}

/** A bitset over `policies` (32 per word) of those `pred` holds for. */
export function policyMask<P>(policies: readonly P[], pred: (p: P) => boolean): Uint32Array {
  const m = new Uint32Array(Math.max(1, Math.ceil(policies.length / 32)));
  policies.forEach((p, i) => {
    if (pred(p)) m[i >>> 5] = (m[i >>> 5] as number) | (1 << (i & 31));
  });
  return m;
}
