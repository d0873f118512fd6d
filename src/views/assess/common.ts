// Helpers the assessment renderers share: evidence in words, severity labels, the finding groups.

import type { AssessmentReport } from "../../core/checks/report.js";
import type { Finding } from "../../core/checks/types.js";
import { needsAction, SKIP_REASONS } from "../../core/checks/types.js";

export const SEVERITY_LABEL = { blocker: "BLOCKER", high: "HIGH", medium: "MEDIUM", low: "LOW", info: "INFO" } as const;

/** "alice@x, bob@y and 12 more" (sign-in names when known). */
export function userList(r: AssessmentReport, ids: readonly string[], max = 5): string {
  const names = ids.slice(0, max).map((id) => r.names.users[id] ?? id);
  return ids.length > max ? `${names.join(", ")} and ${ids.length - max} more` : names.join(", ");
}

export function policyList(r: AssessmentReport, ids: readonly string[], max = 5): string {
  const names = ids.slice(0, max).map((id) => `'${r.names.policies[id] ?? id}'`);
  return ids.length > max ? `${names.join(", ")} and ${ids.length - max} more` : names.join(", ");
}

/** Evidence in one line, or null when there is none. */
export function evidenceLine(r: AssessmentReport, f: Finding): string | null {
  const parts: string[] = [];
  const e = f.evidence;
  if (e.users.length > 0)
    parts.push(`${e.users.length} ${e.users.length === 1 ? "user" : "users"}: ${userList(r, e.users)}`);
  if (e.policies.length > 0)
    parts.push(`${e.policies.length === 1 ? "policy" : "policies"} ${policyList(r, e.policies)}`);
  if (e.signIns.length > 0) parts.push(`${e.signIns.length} sign-ins`);
  return parts.length > 0 ? parts.join("; ") : null;
}

export function skipReasonText(f: Finding): string | null {
  return f.skippedReason ? SKIP_REASONS[f.skippedReason] : null;
}

/** Findings that need action (fail, error) and the rest. */
export function groups(r: AssessmentReport): { act: Finding[]; skipped: Finding[]; passed: Finding[] } {
  return {
    act: r.findings.filter(needsAction),
    skipped: r.findings.filter((f) => f.outcome === "skipped"),
    passed: r.findings.filter((f) => f.outcome === "pass"),
  };
}

export function pctText(x: number | null): string {
  return x === null ? "unknown" : `${(x * 100).toFixed(1)}%`;
}

export function numText(x: number | null): string {
  return x === null ? "unknown" : x.toLocaleString("en-US");
}

/** Candidates per type and confidence, for the summary tables. */
export function candidateCounts(
  r: AssessmentReport,
): { type: string; high: number; medium: number; confirmed: number }[] {
  const m = new Map<string, { type: string; high: number; medium: number; confirmed: number }>();
  for (const c of r.exceptionCandidates) {
    let e = m.get(c.type);
    if (!e) m.set(c.type, (e = { type: c.type, high: 0, medium: 0, confirmed: 0 }));
    if (c.source === "confirmed") e.confirmed++;
    else e[c.confidence]++;
  }
  return [...m.values()];
}
