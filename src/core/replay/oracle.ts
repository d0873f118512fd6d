// The outcome oracle: for one sign-in context, can this user get in under this policy set, and how?
// Compiled evaluator (decide) + satisfy, memoised on what satisfy reads: the enforced policies, the client
// type, platform, device compliance/join and the user's capabilities. A mustRegister outcome is checked
// against the "register security info" decision for the same conditions (cannotRegister).
// INVARIANT: outcome(ctx) equals satisfy(createEvaluator(...).evaluate(ctx), caps, ctx, {registrationDecision}).

import {
  type BlockedReason,
  type CompiledEvaluator,
  compileEvaluator,
  type EvaluatorOptions,
  type NormalizedPolicy,
  type SatisfyResult,
  type SignInContext,
  satisfy,
  type UserCapabilities,
  type UserOutcome,
} from "../engine/index.js";
import type { AuthenticationStrengthPolicy } from "../model/policy.js";
import type { TenantSnapshot } from "../model/snapshot.js";

export interface OracleResult {
  readonly outcome: UserOutcome;
  readonly blockedReason?: BlockedReason;
  /** Policies behind the outcome: the blocking one, or those that prompt / need registration. */
  readonly policyIds: readonly string[];
  /** policyIds joined: a cheap grouping key. */
  readonly idsKey: string;
}

export interface Oracle {
  readonly evaluator: CompiledEvaluator;
  readonly policies: readonly NormalizedPolicy[];
  outcome(ctx: SignInContext, caps: UserCapabilities, capsKey: string): OracleResult;
  /** Enforced policy bitset words of the last outcome() call, as a string key. */
  lastKey(): string;
  /** Whether the last outcome() counted a policy as applied only by assumption (an unresolved part). */
  lastAssumed(): boolean;
}

const ALLOWED: OracleResult = { outcome: "allowed", policyIds: [], idsKey: "" };

function resultOf(r: SatisfyResult): OracleResult {
  if (r.outcome === "allowed") return ALLOWED;
  if (r.outcome === "blocked") {
    const ids = r.blockingPolicyId ? [r.blockingPolicyId] : [];
    const base = { outcome: "blocked" as const, policyIds: ids, idsKey: ids.join(",") };
    return r.blockedReason ? { ...base, blockedReason: r.blockedReason } : base;
  }
  const ids = r.requirements.filter((q) => q.outcome !== "allowed").map((q) => q.policyId);
  return { outcome: r.outcome, policyIds: ids, idsKey: ids.join(",") };
}

function words(a: Uint32Array): string {
  if (a.length === 1) return String(a[0]);
  let s = "";
  for (let i = 0; i < a.length; i++) s += `${a[i]}.`;
  return s;
}

/** Build an oracle for a policy set. `opts` are the engine's (reportOnlyAsEnabled, unknownApplies, ...). */
export function createOracle(
  snapshot: TenantSnapshot,
  policies: readonly NormalizedPolicy[],
  opts: EvaluatorOptions,
): Oracle {
  const evaluator = compileEvaluator(snapshot, policies, opts);
  const strengths: readonly AuthenticationStrengthPolicy[] = snapshot.authenticationStrengths;
  const memo = new Map<string, OracleResult>();
  let key = "";
  let assumed = false;
  const anyEnforceable = policies.some(
    (p) => p.state === "enabled" || (p.state === "reportOnly" && opts.reportOnlyAsEnabled),
  );
  return {
    evaluator,
    policies,
    lastKey: () => key,
    lastAssumed: () => assumed,
    outcome(ctx, caps, capsKey) {
      if (!anyEnforceable) {
        key = "0";
        assumed = false;
        return ALLOWED;
      }
      const d = evaluator.decide(ctx);
      key = words(d.enforced);
      assumed = false;
      for (let i = 0; i < d.uncertain.length; i++)
        if (((d.uncertain[i] as number) & (d.enforced[i] as number)) !== 0) assumed = true;
      let nonzero = d.block;
      for (let i = 0; i < d.enforced.length && !nonzero; i++) if (d.enforced[i] !== 0) nonzero = true;
      if (!nonzero) return ALLOWED;
      const dev = ctx.device;
      const k = `${key}|${ctx.clientAppType ?? "browser"}|${ctx.platform ?? "unknown"}|${dev ? (dev.isCompliant === true ? "c" : "n") + (String(dev.trustType ?? "").toLowerCase() === "serverad" ? "h" : "x") : "-"}|${ctx.userAction ?? ""}|${capsKey}`;
      let r = memo.get(k);
      if (!r) {
        r = resultOf(satisfy(evaluator.evaluate(ctx), caps, ctx, { strengths }));
        memo.set(k, r);
      }
      if (r.outcome !== "mustRegister" || ctx.userAction === "registerSecurityInfo") return r;
      const regCtx: SignInContext = { ...ctx, userAction: "registerSecurityInfo" };
      const rk = `${k}|reg:${words(evaluator.decide(regCtx).enforced)}`;
      let rr = memo.get(rk);
      if (!rr) {
        const regDecision = evaluator.evaluate(regCtx);
        rr = resultOf(satisfy(evaluator.evaluate(ctx), caps, ctx, { strengths, registrationDecision: regDecision }));
        memo.set(rk, rr);
      }
      return rr;
    },
  };
}

/** Rank of an engine outcome: allowed < prompted < mustRegister < blocked. */
export const USER_OUTCOME_RANK: Readonly<Record<UserOutcome, number>> = {
  allowed: 0,
  prompted: 1,
  mustRegister: 2,
  blocked: 3,
};
