// Renderers for `glidepath evaluate`: text and Markdown explain each policy and the combined decision;
// JSON is the EvaluateReport itself (policies[] and decision, documented in README).

import type { EvaluateReport } from "../app/evaluate.js";
import { keyValues, mdTable, textTable } from "./text.js";

const STATE: Record<string, string> = { enabled: "on", disabled: "off", reportOnly: "report-only" };

function resultLabel(p: EvaluateReport["policies"][number]): string {
  if (p.result === "error") return `error (counted as ${p.countedAsApplied ? "applied" : "not applied"})`;
  return p.result === "applied" ? (p.enforced ? "applied" : "applied (not enforced)") : "not applied";
}

function requires(r: EvaluateReport): string {
  const d = r.decision;
  if (d.controls.length === 0) return "nothing";
  if (d.block || d.operator !== "mixed") return d.controls.join(d.operator === "OR" ? " OR " : " AND ");
  // Mixed: every policy's group must be met; inside a group AND/OR as the policy says.
  return d.requirements
    .map((q) => (q.controls.length === 1 ? q.controls[0] : `(${q.controls.join(` ${q.operator} `)})`))
    .join(" AND ");
}

function decisionRows(r: EvaluateReport): [string, string][] {
  const d = r.decision;
  const rows: [string, string][] = [
    [
      "Outcome",
      d.userOutcome +
        (d.blockedReason ? ` (${d.blockedReason}${d.blockingPolicyId ? `, policy ${d.blockingPolicyId}` : ""})` : ""),
    ],
    ["Block", d.block ? "yes" : "no"],
    ["Requires", requires(r)],
  ];
  if (d.reportOnlyApplied.length > 0) rows.push(["Report-only would apply", d.reportOnlyApplied.join(", ")]);
  if (d.registration) rows.push(["Registration", d.registration.note]);
  const s = d.session;
  const session = [
    s.signInFrequencyEveryTime
      ? "sign-in every time"
      : s.signInFrequencyHours !== null
        ? `sign-in frequency ${s.signInFrequencyHours} h`
        : "",
    s.persistentBrowser ? `persistent browser ${s.persistentBrowser}` : "",
    s.cloudAppSecurity.length > 0 ? `MDCA ${s.cloudAppSecurity.join(", ")}` : "",
    s.applicationEnforcedRestrictions ? "app-enforced restrictions" : "",
  ].filter(Boolean);
  if (session.length > 0) rows.push(["Session", session.join("; ")]);
  return rows;
}

function who(r: EvaluateReport): string {
  const u = r.user.userPrincipalName ?? r.user.id ?? "ad-hoc user";
  const target =
    r.signIn.userAction ??
    (r.signIn.authContext ? `auth context ${r.signIn.authContext}` : (r.signIn.application ?? "any app"));
  return `${u}${r.user.adHoc ? " (ad-hoc)" : ""} -> ${target} via ${r.signIn.clientAppType ?? "browser"}`;
}

export function evaluateText(r: EvaluateReport): string {
  const rows = r.policies.map((p) => [p.displayName.slice(0, 60), STATE[p.state] ?? p.state, resultLabel(p), p.reason]);
  const diag = r.diagnostics.filter((d) => d.severity !== "info");
  const diags =
    diag.length > 0
      ? `\n\nDiagnostics:\n${diag.map((d) => `  [${d.code}] ${d.policyId ?? d.file ?? ""} ${d.path ?? ""}: ${d.message}`).join("\n")}`
      : "";
  return `What If (${r.source.mode}: ${r.source.location}, ${r.source.policies} policies): ${who(r)}\n\n${
    rows.length > 0 ? textTable(["Policy", "State", "Result", "Reason"], rows) : "  (no policies)"
  }\n\n${keyValues(decisionRows(r))}${diags}\n`;
}

export function evaluateMarkdown(r: EvaluateReport): string {
  const rows = r.policies.map((p) => [p.displayName, STATE[p.state] ?? p.state, resultLabel(p), p.reason]);
  return `## What If: ${who(r)}\n\n${mdTable(["Policy", "State", "Result", "Reason"], rows)}\n\n${mdTable(
    ["", ""],
    decisionRows(r),
  )}\n`;
}

export const evaluateRenderers = {
  text: evaluateText,
  markdown: evaluateMarkdown,
  json: (r: EvaluateReport) => r,
};
