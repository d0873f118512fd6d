// Runs the catalogue over one context. A check that throws is a bug: it becomes an `error` finding with
// the message, so one broken check never hides the others (docs/design.md#rule-5).

import { CHECKS } from "./registry.js";
import { finding } from "./shared/finding.js";
import { type AssessmentContext, type Check, type Finding, SEVERITY_RANK } from "./types.js";

export function runChecks(ctx: AssessmentContext, checks: readonly Check[] = CHECKS): Finding[] {
  const out: Finding[] = [];
  for (const c of checks) {
    try {
      out.push(c.evaluate(ctx));
    } catch (e) {
      out.push(finding(c, "error", `error: ${e instanceof Error ? e.message : String(e)}`));
    }
  }
  return out;
}

const OUTCOME_RANK = { fail: 0, error: 1, skipped: 2, pass: 3 } as const;

/** Failures first, by severity; then errors, skipped and passes — stable within a group (catalogue order). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        OUTCOME_RANK[a.f.outcome] - OUTCOME_RANK[b.f.outcome] ||
        SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] ||
        a.i - b.i,
    )
    .map((x) => x.f);
}
