// The shape every exclusion-candidate check shares: list the accounts of one type (confirmed by the admin
// or detected with medium/high confidence), and fail while any detected one still awaits a decision.

import type { CandidateType, ExceptionCandidate } from "../../exclusions/candidates.js";
import { fail, pass, plural, skip } from "../shared/finding.js";
import type { AssessmentContext, CheckMeta, Finding } from "../types.js";

export function candidatesOf(ctx: AssessmentContext, type: CandidateType): ExceptionCandidate[] {
  const seen = new Set<string>();
  const out: ExceptionCandidate[] = [];
  for (const c of ctx.facts.candidates) {
    if (c.type !== type || c.confidence === "low" || seen.has(c.userId)) continue;
    if (ctx.facts.exceptionOf(c.userId) !== c) continue;
    seen.add(c.userId);
    out.push(c);
  }
  return out;
}

export function evaluateCandidates(
  meta: CheckMeta,
  ctx: AssessmentContext,
  type: CandidateType,
  noun: [string, string],
  extraDetails: (c: ExceptionCandidate) => string | null = () => null,
  /** The type is a directory fact (guests), not a guess: list them, never fail for want of a decision. */
  factual = false,
): Finding {
  if (!ctx.facts.has("users")) return skip(meta, "no-directory-data");
  const all = candidatesOf(ctx, type);
  const open = all.filter((c) => c.source === "detected");
  const details = all.map((c) => {
    const extra = extraDetails(c);
    return `${c.userPrincipalName} — ${c.source === "confirmed" ? "confirmed" : `${c.confidence} confidence`}: ${c.signals.join("; ")}${extra ? ` — ${extra}` : ""}`;
  });
  const users = all.map((c) => c.userId);
  if (all.length === 0) return pass(meta, `no ${noun[1]} found`);
  if (factual)
    return pass(meta, `${plural(all.length, noun[0], noun[1])} in the directory`, { evidence: { users }, details });
  if (open.length === 0)
    return pass(meta, `${plural(all.length, noun[0], noun[1])}, all decided`, { evidence: { users }, details });
  return fail(
    meta,
    `${plural(all.length, noun[0], noun[1])}; ${open.length.toLocaleString("en-US")} detected and awaiting a decision (glidepath classify)`,
    { evidence: { users }, details },
  );
}
