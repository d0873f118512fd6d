// The coverage gap: the condition classes in which an identity gets no MFA requirement from the policies
// ("is this user covered?"). Walks the class space (enumerate.ts) over the policies that demand MFA.

import type { ClassWalkSpace, DimClass, Space, TargetValue } from "./class-space.js";
import {
  type ConditionClass,
  classAt,
  dimensionCounts,
  exampleAt,
  policyMask,
  walkClasses,
  walkDims,
} from "./enumerate.js";
import { grantBlocks } from "./evaluate.js";
import type { NormalizedPolicy, SignInContext } from "./types.js";

/** Does the policy demand MFA whatever the user chooses (block counts: nothing gets through)? */
export function demandsMfa(p: NormalizedPolicy): boolean {
  if (grantBlocks(p)) return true;
  const g = p.grant;
  if (!g) return false;
  const cs = g.controls.filter((c) => c !== "block");
  const isMfa = (c: string) => c === "mfa" || c.startsWith("authenticationStrength:");
  if (cs.length === 0) return false;
  return g.operator === "AND" ? cs.some(isMfa) : cs.every(isMfa);
}

/** The policies of a set that demand MFA (`demandsMfa`), as a bitset in policy order. */
export function mfaMask(policies: readonly NormalizedPolicy[]): Uint32Array {
  return policyMask(policies, demandsMfa);
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

const KEYS = ["client", "location", "signInRisk", "userRisk", "insiderRisk", "flow", "device"] as const;

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
  const { W } = space;
  const dims = walkDims(space);
  // Resource access only: user actions and authentication contexts are not sign-ins to an app.
  const keep = space.targets.classes.map((c, i) => (c.value.application ? i : -1)).filter((i) => i >= 0);
  const targets: Space<TargetValue> = {
    classes: keep.map((i) => space.targets.classes[i] as DimClass<TargetValue>),
    masks: keep.map((i) => space.targets.masks[i] as Uint32Array),
  };
  // Only the policies that demand MFA matter: a branch none of them can reach is uncovered throughout.
  const cover = mfaMask(policies);
  const start = new Uint32Array(W);
  for (let w = 0; w < W; w++) start[w] = (identity[w] as number) & (cover[w] as number);
  const T = targets.classes.length;
  const where: Record<string, Set<string>> = {};
  const uncovered: (ConditionClass & { example: Omit<SignInContext, "user"> })[] = [];
  let total = 0;
  let gaps = 0;
  const note = (d: number, pick: readonly number[], t: number | null) => {
    // Labels of the fixed dimensions, and every label of the free ones (d..end) and of targets when t is null.
    for (let e = 0; e < dims.length; e++) {
      const s = (where[KEYS[e] as string] ??= new Set());
      if (e < d) s.add(((dims[e] as Space<unknown>).classes[pick[e] as number] as DimClass<unknown>).label);
      else for (const c of (dims[e] as Space<unknown>).classes) if (s.size < 16) s.add(c.label);
    }
    const ts = (where.target ??= new Set());
    if (t !== null) ts.add((targets.classes[t] as DimClass<TargetValue>).label);
    else for (const c of targets.classes) if (ts.size < 16) ts.add(c.label);
  };
  const listOne = (pick: readonly number[], t: number) => {
    if (uncovered.length >= maxListed) return;
    // Gap examples have never named a GPS country; the JSON output keeps that shape.
    const { gpsCountry: _gps, ...example } = exampleAt(targets, dims, pick, t);
    uncovered.push({ ...classAt(targets, dims, pick, t), example });
  };
  walkClasses(W, dims, start, {
    pruned(d, below, pick) {
      total += below * T;
      gaps += below * T;
      note(d, pick, null);
      for (let t = 0; t < T && uncovered.length < maxListed; t++) listOne(pick, t);
    },
    leaf(acc, pick) {
      for (let t = 0; t < T; t++) {
        total++;
        const tm = targets.masks[t] as Uint32Array;
        let hit = 0;
        for (let w = 0; w < W; w++) hit |= (acc[w] as number) & (tm[w] as number);
        if (hit === 0) {
          gaps++;
          note(dims.length, pick, t);
          listOne(pick, t);
        }
      }
    },
  });
  return {
    classesTotal: total,
    classesUncovered: gaps,
    uncovered,
    where: Object.fromEntries(Object.entries(where).map(([k, s]) => [k, [...s]])) as unknown as CoverageGap["where"],
    dimensions: dimensionCounts(targets, dims),
  };
}
