// The Conditional Access view the checks share: policies normalised by the engine once, and the engine's
// users condition asked per account ("is this account in scope of this policy?"). Using the engine's own
// users rules keeps exclusions, nested groups, roles and guest types exact (docs/design.md#rule-6).
// NOTE: imports engine files directly; switch to src/core/engine/index.ts when it exports these.

import { buildEnv, type Env, evaluateUsers, NO, normalizePolicies, YES } from "../../engine/index.js";
import type { NormalizedPolicy } from "../../engine/types.js";
import type { Diagnostic } from "../../model/diagnostics.js";
import type { TenantSnapshot } from "../../model/snapshot.js";
import { STRENGTH } from "../../model/well-known.js";

export type InScope = "yes" | "no" | "unknown";

export interface PolicyView {
  readonly policies: readonly NormalizedPolicy[];
  readonly diagnostics: readonly Diagnostic[];
  readonly env: Env;
  /** Is the user in scope of the policy's users condition? `unknown` when a reference cannot be resolved. */
  userInScope(p: NormalizedPolicy, userId: string): InScope;
  /** The reason line of the users condition (e.g. "excluded by group Emergency access"). */
  userScopeReason(p: NormalizedPolicy, userId: string): string;
  /** Enabled or report-only. */
  live(p: NormalizedPolicy): boolean;
  /** The policy requires the phishing-resistant strength (built-in or a custom one limited to such methods). */
  requiresPhishingResistant(p: NormalizedPolicy): boolean;
  requiresMfa(p: NormalizedPolicy): boolean;
}

const PHISHING_RESISTANT_MODES = new Set(["fido2", "windowshelloforbusiness", "x509certificatemultifactor"]);

export function buildPolicyView(snapshot: TenantSnapshot, now: string): PolicyView {
  const { policies, diagnostics } = normalizePolicies(snapshot.policies);
  const env = buildEnv(snapshot, { now, unknownApplies: "assumeApplies" });
  const strengthCombos = new Map<string, readonly string[]>();
  for (const s of snapshot.authenticationStrengths) strengthCombos.set(s.id.toLowerCase(), s.allowedCombinations);
  const verdict = (p: NormalizedPolicy, userId: string) => {
    if (!p.users) return { m: NO, detail: "the policy targets workload identities" };
    return evaluateUsers(p.users, env.subjectOf({ user: userId }), env);
  };
  const strengthOf = (p: NormalizedPolicy): string | null => {
    const r = p.grant?.authenticationStrength;
    if (r) return r.raw.toLowerCase();
    const c = p.grant?.controls.find((x) => x.startsWith("authenticationStrength:"));
    return c ? c.slice("authenticationStrength:".length).toLowerCase() : null;
  };
  return {
    policies,
    diagnostics: [...diagnostics, ...env.diagnostics],
    env,
    userInScope(p, userId) {
      const v = verdict(p, userId);
      return v.m === YES ? "yes" : v.m === NO ? "no" : "unknown";
    },
    userScopeReason: (p, userId) => verdict(p, userId).detail,
    live: (p) => p.state === "enabled" || p.state === "reportOnly",
    requiresPhishingResistant(p) {
      const s = strengthOf(p);
      if (!s) return false;
      if (s === STRENGTH.phishingResistantMfa) return true;
      const combos = strengthCombos.get(s);
      return !!combos && combos.length > 0 && combos.every((c) => PHISHING_RESISTANT_MODES.has(c.toLowerCase()));
    },
    requiresMfa(p) {
      if (!p.grant) return false;
      const c = p.grant.controls;
      // With OR, MFA is required only when every alternative is MFA or a strength.
      const isMfa = (x: string) => x === "mfa" || x.startsWith("authenticationStrength:");
      return p.grant.operator === "AND" ? c.some(isMfa) : c.length > 0 && c.every(isMfa);
    },
  };
}
