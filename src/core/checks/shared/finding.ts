// Builders for findings, so every check fills the same fields the same way.

import { type CheckMeta, type Evidence, type Finding, type Outcome, SKIP_REASONS, type SkipReason } from "../types.js";

export interface FindingExtras {
  readonly evidence?: Partial<Evidence>;
  readonly details?: readonly string[];
}

const sorted = (xs: readonly string[] | undefined) => [...new Set(xs ?? [])].sort();

export function finding(
  meta: CheckMeta,
  outcome: Outcome,
  status: string,
  extras: FindingExtras = {},
  skippedReason?: SkipReason,
): Finding {
  return {
    checkId: meta.id,
    area: meta.area,
    title: meta.title,
    severity: meta.severity,
    outcome,
    ...(skippedReason ? { skippedReason } : {}),
    status,
    evidence: {
      users: sorted(extras.evidence?.users),
      policies: sorted(extras.evidence?.policies),
      signIns: sorted(extras.evidence?.signIns),
    },
    details: extras.details ?? [],
    remediation: meta.remediation,
    links: meta.links,
    ...(meta.departsFromSeeds ? { departsFromSeeds: meta.departsFromSeeds } : {}),
  };
}

export const pass = (m: CheckMeta, status: string, x?: FindingExtras) => finding(m, "pass", status, x);
export const fail = (m: CheckMeta, status: string, x?: FindingExtras) => finding(m, "fail", status, x);

/** A skipped finding; the status defaults to the reason's explanation. */
export function skip(m: CheckMeta, reason: SkipReason, status?: string, x?: FindingExtras): Finding {
  return finding(m, "skipped", status ?? `skipped: ${SKIP_REASONS[reason]}`, x, reason);
}

/** "3 users" / "1 user". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

/** Evidence keeps at most this many sign-in ids per finding (the most recent); details say how many more. */
export const MAX_SIGN_IN_EVIDENCE = 200;

/** The ids of the most recent `max` sign-ins, and how many were left out. */
export function recentSignInIds(
  signIns: readonly { readonly id: string; readonly createdDateTime: string }[],
  max = MAX_SIGN_IN_EVIDENCE,
): { ids: string[]; omitted: number } {
  const sorted = [...signIns].sort((a, b) => (a.createdDateTime < b.createdDateTime ? 1 : -1));
  return { ids: sorted.slice(0, max).map((s) => s.id), omitted: Math.max(0, sorted.length - max) };
}
