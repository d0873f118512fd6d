// tenant.stale-report-only: report-only policies left for more than 90 days — forgotten decisions that
// someone will switch on one day without re-reading them.
// https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-report-only

import { fail, pass, skip } from "../shared/finding.js";
import type { Check } from "../types.js";

export const STALE_DAYS = 90;

export const staleReportOnly: Check = {
  id: "tenant.stale-report-only",
  area: "tenant",
  title: "Report-only policies older than 90 days",
  severity: "medium",
  rationale:
    "Report-only is a test, not a state. A policy left report-only for months was written for a tenant that has since changed, yet it is one click from being enforced — and Glidepath counts it as live for emergency-account safety.",
  remediation: "Review each listed policy against its report-only results: enable it deliberately, or delete it.",
  links: [
    {
      title: "Report-only mode",
      url: "https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-report-only",
    },
  ],
  evaluate(ctx) {
    if (!ctx.facts.has("policies")) return skip(this, "no-policy-data");
    const cutoff = new Date(Date.parse(ctx.now) - STALE_DAYS * 86_400_000).toISOString();
    const stale: string[] = [];
    const details: string[] = [];
    for (const p of ctx.snapshot.policies) {
      if (p.state !== "enabledForReportingButNotEnforced") continue;
      const since = p.modifiedDateTime ?? p.createdDateTime;
      if (!since) {
        details.push(`'${p.displayName}': report-only, no date recorded — cannot tell its age`);
        continue;
      }
      if (since <= cutoff) {
        stale.push(p.id ?? p.displayName);
        details.push(`'${p.displayName}': report-only since ${since.slice(0, 10)} (last change)`);
      }
    }
    return stale.length === 0
      ? pass(this, `no report-only policy is older than ${STALE_DAYS} days`, { details })
      : fail(
          this,
          `${stale.length} report-only ${stale.length === 1 ? "policy has" : "policies have"} not changed in ${STALE_DAYS} days`,
          {
            evidence: { policies: stale },
            details,
          },
        );
  },
};
