// emergency.excluded-from-policies: each emergency account is out of scope of every enabled and
// report-only policy except a dedicated one that requires the phishing-resistant strength. Uses the
// engine's users condition (nested groups, roles, guest types); an unresolvable reference counts as
// applying, because the question is "could this lock the account out?" (docs/design.md#rule-6).

import type { NormalizedPolicy } from "../../engine/types.js";
import { fail, pass, skip } from "../shared/finding.js";
import type { PolicyView } from "../shared/policies.js";
import type { Check } from "../types.js";
import { EMERGENCY_LINK, emergencySubjects, isFinding, upnOf, withNote } from "./accounts.js";

/** A policy that asks only for the phishing-resistant strength: the one emergency accounts may be in. */
export function isDedicatedPhishingResistant(v: PolicyView, p: NormalizedPolicy): boolean {
  if (!p.grant || p.grant.controls.includes("block") || !v.requiresPhishingResistant(p)) return false;
  return p.grant.controls.length === 1 || p.grant.operator === "OR";
}

export const excludedFromPolicies: Check = {
  id: "emergency.excluded-from-policies",
  area: "emergency",
  title: "Emergency accounts are excluded from every policy but their own",
  severity: "blocker",
  rationale:
    "A policy that reaches an emergency account — blocking, requiring a compliant device, a location or the ordinary MFA — can lock out the one account meant to get you back in. Report-only policies become enabled ones during the roll-out, so they count too.",
  remediation:
    "Exclude the emergency-access group from every enabled and report-only policy; cover the accounts with one dedicated policy that requires the phishing-resistant authentication strength.",
  links: [
    EMERGENCY_LINK,
    {
      title: "Users and groups in CA (exclusions)",
      url: "https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-users-groups",
    },
  ],
  evaluate(ctx) {
    const s = emergencySubjects(ctx, this);
    if (isFinding(s)) return s;
    if (!ctx.facts.has("policies")) return skip(this, "no-policy-data");
    const v = ctx.facts.policyView;
    const users = new Set<string>();
    const policies = new Set<string>();
    const details: string[] = [];
    for (const p of v.policies) {
      if (!v.live(p) || isDedicatedPhishingResistant(v, p)) continue;
      for (const id of s.ids) {
        const r = v.userInScope(p, id);
        if (r === "no") continue;
        users.add(id);
        policies.add(p.id);
        const state = p.state === "reportOnly" ? "report-only" : "enabled";
        details.push(
          `${upnOf(ctx, id)} is ${r === "yes" ? "in scope of" : "possibly in scope of"} ${state} policy '${p.displayName}': ${v.userScopeReason(p, id)}`,
        );
      }
    }
    const live = v.policies.filter((p) => v.live(p)).length;
    return users.size === 0
      ? pass(
          this,
          withNote(
            s,
            `every emergency account is out of scope of all ${live} enabled and report-only policies (dedicated ones aside)`,
          ),
          {
            evidence: { users: s.ids },
          },
        )
      : fail(
          this,
          withNote(
            s,
            `${users.size} of ${s.ids.length} emergency accounts are in scope of ${policies.size} ordinary ${policies.size === 1 ? "policy" : "policies"}`,
          ),
          {
            evidence: { users: [...users], policies: [...policies] },
            details,
          },
        );
  },
};
