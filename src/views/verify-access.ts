// Renderers of `glidepath verify-access`: per account, PROVEN or FAILED, the way in, and every class in
// which the account is blocked, grouped by the blocking policy; then the no-new-lockout result.

import type { VerifyReport } from "../app/verify-access.js";
import type { ConditionClass } from "../core/engine/enumerate.js";
import type { AccountProof } from "../core/replay/verify.js";
import { num } from "./text.js";

const DIM_LABEL: Record<keyof ConditionClass, string> = {
  target: "apps",
  client: "clients",
  location: "locations",
  signInRisk: "sign-in risk",
  userRisk: "user risk",
  insiderRisk: "insider risk",
  flow: "flows",
  device: "devices",
};

function classLine(c: ConditionClass): string {
  return `${c.target}; ${c.client}; ${c.location}; ${c.signInRisk}; ${c.userRisk}; ${c.flow}; ${c.device}`;
}

function proofLines(p: AccountProof, listed: number, emergency: boolean): string[] {
  const out = [
    `${p.holds ? "PROVEN" : "FAILED"}  ${p.user}${p.hasPhishingResistantMethod || !emergency ? "" : "  (no phishing-resistant method registered: Microsoft's guidance for emergency accounts)"}`,
    `    ${num(p.classesTotal)} condition classes: ${num(p.classesWayIn)} way in, ${num(p.classesBlocked)} blocked, ${num(p.classesMustRegister)} must register first, ${num(p.classesLegacyOnly)} legacy-protocol only (cannot do MFA; expected)`,
  ];
  out.push(
    `    admin portals (Microsoft's mandatory MFA, outside Conditional Access): ${p.adminPortals.reachable ? "reachable" : "NOT reachable"} — ${p.adminPortals.reason}`,
  );
  if (p.wayIn) out.push(`    a way in: ${classLine(p.wayIn)}`);
  else out.push("    no way in to any application: every class is blocked or needs a method the account does not have");
  for (const b of p.blockingPolicies) {
    out.push(`    blocked by '${b.displayName}' (${b.policyId}, ${b.reason}) in ${num(b.classes)} classes:`);
    for (const [k, labels] of Object.entries(b.where) as [keyof ConditionClass, readonly string[]][]) {
      const all = labels.length >= (p.dimensions[k] ?? Number.POSITIVE_INFINITY);
      if (all && p.dimensions[k] > 1) out.push(`      ${DIM_LABEL[k]}: any`);
      else if (!all || p.dimensions[k] === 1) out.push(`      ${DIM_LABEL[k]}: ${labels.join("; ")}`);
    }
  }
  if (p.blocked.length > 0 && listed > 0) {
    out.push(
      `    blocked classes (${num(Math.min(listed, p.blocked.length))} of ${num(p.classesBlocked)} listed; --format json for up to ${num(p.blocked.length)}):`,
    );
    for (const b of p.blocked.slice(0, listed)) out.push(`      - ${classLine(b)}  [${b.policyId}]`);
  }
  return out;
}

export function renderVerifyText(r: VerifyReport, listed = 10): string {
  const out = [
    `Access proof — ${r.tenant}: ${r.proofs.length} account(s) (${r.accountsSpec}), ${r.policiesEvaluated} policies, report-only counted as on, unresolved parts counted as applying`,
  ];
  if (r.accountsSpec === "emergency")
    out.push(
      `emergency accounts: ${r.emergency.users.join(", ")} (${r.emergency.source}${r.emergency.note ? `; ${r.emergency.note}` : ""})`,
    );
  if (r.change) {
    for (const a of r.change.added) out.push(`  + ${a.displayName} (${a.id})`);
    for (const d of r.change.removed) out.push(`  - ${d.displayName} (${d.id})`);
    for (const u of r.change.unresolved)
      out.push(`  ! ${u.policyName}: ${u.field} '${u.value}' not in the directory (counted as matching)`);
    for (const w of r.change.warnings) out.push(`  ! ${w}`);
  }
  out.push("");
  for (const p of r.proofs) out.push(...proofLines(p, listed, r.accountsSpec === "emergency"), "");
  const n = r.noNewLockout;
  if (n) {
    out.push(
      `No new lockout: ${n.holds ? "PROVEN" : "FAILED"} over ${num(n.patternsChecked)} access patterns that succeed today` +
        (n.excepted.length ? ` (${n.excepted.length} listed exception(s) do lose access)` : ""),
    );
    const names = new Map<string, string>((r.change?.added ?? []).map((a) => [a.id, a.displayName]));
    for (const v of n.violations.slice(0, 50)) {
      const p = v.patterns[0];
      const by = p?.policyId ? (names.get(p.policyId) ?? p.policyId) : "?";
      out.push(
        `  ${v.user}: ${v.patterns.length} pattern(s), e.g. ${p?.application} / ${p?.clientAppUsed} / ${p?.country ?? "?"} — blocked by '${by}' (${p?.reason})`,
      );
    }
    if (n.violations.length > 50) out.push(`  … ${n.violations.length - 50} more`);
    out.push("");
  }
  out.push(r.holds ? "Result: PROVEN" : "Result: FAILED (exit 1)");
  return `${out.join("\n")}\n`;
}

export const verifyRenderers = {
  text: (r: VerifyReport) => renderVerifyText(r),
  json: (r: VerifyReport) => r,
};
