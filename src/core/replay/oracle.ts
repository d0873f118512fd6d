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
  /** Whether a policy counted as applied only by assumption (an unresolved part) for this sign-in. */
  readonly assumed: boolean;
}

export interface Oracle {
  readonly evaluator: CompiledEvaluator;
  readonly policies: readonly NormalizedPolicy[];
  /**
   * The outcome of one sign-in. Results are shared between calls with the same outcome (compare them by
   * identity, never mutate them).
   */
  outcome(ctx: SignInContext, caps: UserCapabilities, capsKey: string): OracleResult;
}

const ALLOWED: OracleResult = { outcome: "allowed", policyIds: [], idsKey: "", assumed: false };

function resultOf(r: SatisfyResult): OracleResult {
  if (r.outcome === "allowed") return ALLOWED;
  if (r.outcome === "blocked") {
    const ids = r.blockingPolicyId ? [r.blockingPolicyId] : [];
    const base = { outcome: "blocked" as const, policyIds: ids, idsKey: ids.join(","), assumed: false };
    return r.blockedReason ? { ...base, blockedReason: r.blockedReason } : base;
  }
  const ids = r.requirements.filter((q) => q.outcome !== "allowed").map((q) => q.policyId);
  return { outcome: r.outcome, policyIds: ids, idsKey: ids.join(","), assumed: false };
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
  // The same result marked `assumed`, made once per memoised result so results stay shared.
  const assumedOf = new Map<OracleResult, OracleResult>();
  const mark = (r: OracleResult, assumed: boolean): OracleResult => {
    if (!assumed) return r;
    let a = assumedOf.get(r);
    if (!a) assumedOf.set(r, (a = { ...r, assumed: true }));
    return a;
  };
  const anyEnforceable = policies.some(
    (p) => p.state === "enabled" || (p.state === "reportOnly" && opts.reportOnlyAsEnabled),
  );
  return {
    evaluator,
    policies,
    outcome(ctx, caps, capsKey) {
      if (!anyEnforceable) return ALLOWED;
      const d = evaluator.decide(ctx);
      const key = words(d.enforced);
      let assumed = false;
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
      if (r.outcome !== "mustRegister" || ctx.userAction === "registerSecurityInfo") return mark(r, assumed);
      const regCtx: SignInContext = { ...ctx, userAction: "registerSecurityInfo" };
      const rk = `${k}|reg:${words(evaluator.decide(regCtx).enforced)}`;
      let rr = memo.get(rk);
      if (!rr) {
        const regDecision = evaluator.evaluate(regCtx);
        rr = resultOf(satisfy(evaluator.evaluate(ctx), caps, ctx, { strengths, registrationDecision: regDecision }));
        memo.set(rk, rr);
      }
      return mark(rr, assumed);
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
