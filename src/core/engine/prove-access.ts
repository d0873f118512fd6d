// The access proof: does an account (an emergency account, an admin) have a way in, in every condition
// class the policies can tell apart, and where exactly is it blocked? Walks the class space (enumerate.ts)
// and evaluates each distinct leaf once through the engine (evaluate + satisfy on a representative sign-in).

import type { TenantSnapshot } from "../model/snapshot.js";
import {
  buildClassSpace,
  type ClassWalkSpace,
  type ClientValue,
  type DimClass,
  type EnumerateOptions,
} from "./class-space.js";
import { isLegacyClient } from "./conditions/client-apps.js";
import { type ConditionClass, classAt, dimensionCounts, exampleAt, walkClasses, walkDims } from "./enumerate.js";
import type { UserCapabilities } from "./methods.js";
import { type BlockedReason, type SatisfyResult, satisfy, type UserOutcome } from "./satisfy.js";
import type { DeviceInfo, NormalizedPolicy, SignInContext } from "./types.js";

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
  const { W, targets } = sp;
  const dims = walkDims(sp);
  const [clients, , , , , , devices] = dims;
  const regTarget = targets.classes.findIndex((c) => c.value.userAction === "registerSecurityInfo");
  const evaluator = sp.evaluator;
  const strengths = snapshot.authenticationStrengths;
  const memo = new Map<string, SatisfyResult>();
  const maxListed = opts.maxListed ?? 200;
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
  const contextOf = (pick: readonly number[], t: number): SignInContext => ({
    user: userId,
    ...exampleAt(targets, dims, pick, t),
  });
  const leafKey = new Uint32Array(W);
  const regKey = new Uint32Array(W);

  const leaf = (acc: Uint32Array, pick: readonly number[]): void => {
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
          const ctx = contextOf(pick, t);
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
          if (!wayInExample) wayInExample = classAt(targets, dims, pick, t);
        }
      } else if (outcome === "mustRegister") mustReg++;
      else if (isLegacyClient(cv.clientAppType) && r?.blockedReason === "legacyProtocol") legacyOnly++;
      else {
        blockedN++;
        const c = classAt(targets, dims, pick, t);
        const pid = r?.blockingPolicyId ?? "(unknown)";
        if (blocked.length < maxListed)
          blocked.push({ ...c, policyId: pid, reason: r?.blockedReason ?? "unknown", example: contextOf(pick, t) });
        let bp = byPolicy.get(pid);
        if (!bp) byPolicy.set(pid, (bp = { reason: r?.blockedReason ?? "unknown", classes: 0, where: {} }));
        bp.classes++;
        for (const [k, v] of Object.entries(c)) {
          const s = (bp.where[k] ??= new Set());
          if (s.size < 12) s.add(v);
        }
      }
    }
  };

  walkClasses(W, dims, sp.identityOf(userId), {
    // Nothing can apply below: every class is a way in.
    pruned(_d, below, pick) {
      total += below * T;
      wayIn += below * T;
      appWays += below * appTargets;
      if (!wayInExample && firstApp >= 0) wayInExample = classAt(targets, dims, pick, firstApp);
    },
    leaf,
  });

  const nameOf = new Map(policies.map((p) => [p.id, p.displayName]));
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
    dimensions: dimensionCounts(targets, dims),
  };
}

/** Is a satisfy result a proof-relevant block? Legacy protocols failing MFA are expected, not a lockout. */
export function isProofBlock(ctx: SignInContext, r: SatisfyResult): boolean {
  return (
    r.outcome === "blocked" && !(isLegacyClient(ctx.clientAppType ?? "browser") && r.blockedReason === "legacyProtocol")
  );
}
