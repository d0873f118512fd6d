// emergency.dedicated-policy: each emergency account is covered by an enabled policy that requires the
// phishing-resistant authentication strength (current Microsoft guidance). "Covered" is asked
// pessimistically the other way round: an unresolvable reference does not count as coverage.

import { fail, pass, skip } from "../shared/finding.js";
import type { Check } from "../types.js";
import { EMERGENCY_LINK, emergencySubjects, isFinding, upnOf, withNote } from "./accounts.js";
import { isDedicatedPhishingResistant } from "./excluded-from-policies.js";

export const dedicatedPolicy: Check = {
  id: "emergency.dedicated-policy",
  area: "emergency",
  title: "A dedicated phishing-resistant policy covers the emergency accounts",
  severity: "high",
  rationale:
    "Excluded from everything, an emergency account is protected by its password alone. Microsoft's current guidance is to require phishing-resistant MFA for these accounts with one policy of their own.",
  remediation:
    "Create one policy: users = the emergency-access group, all resources, grant = authentication strength 'Phishing-resistant MFA'; start it report-only, verify a sign-in with each key, then enable it.",
  links: [
    EMERGENCY_LINK,
    {
      title: "Authentication strengths",
      url: "https://learn.microsoft.com/entra/identity/authentication/concept-authentication-strengths",
    },
  ],
  departsFromSeeds:
    "Guidance written before October 2024 excluded emergency accounts from all MFA; Glidepath follows Microsoft's newer guidance and expects a phishing-resistant policy for them.",
  evaluate(ctx) {
    const s = emergencySubjects(ctx, this);
    if (isFinding(s)) return s;
    if (!ctx.facts.has("policies")) return skip(this, "no-policy-data");
    const v = ctx.facts.policyView;
    const dedicated = v.policies.filter((p) => p.state === "enabled" && isDedicatedPhishingResistant(v, p));
    const uncovered = s.ids.filter((id) => !dedicated.some((p) => v.userInScope(p, id) === "yes"));
    const details = uncovered.map((id) => `${upnOf(ctx, id)}: no enabled phishing-resistant policy covers it`);
    return uncovered.length === 0
      ? pass(this, withNote(s, `covered by ${dedicated.map((p) => `'${p.displayName}'`).join(", ")}`), {
          evidence: { users: s.ids, policies: dedicated.map((p) => p.id) },
        })
      : fail(
          this,
          withNote(
            s,
            `${uncovered.length} of ${s.ids.length} emergency accounts are not covered by a phishing-resistant policy`,
          ),
          {
            evidence: { users: uncovered },
            details,
          },
        );
  },
};
