// Renderers of `glidepath gaps`: the condition classes with no MFA requirement, per group of members, and
// the successful sign-ins without MFA the window already holds.

import type { GapsResult } from "../app/gaps.js";
import type { ConditionClass } from "../core/engine/enumerate.js";
import { heldNote, num } from "./text.js";

const DIM: Record<keyof ConditionClass, string> = {
  target: "apps",
  client: "clients",
  location: "locations",
  signInRisk: "sign-in risk",
  userRisk: "user risk",
  insiderRisk: "insider risk",
  flow: "flows",
  device: "devices",
};

export function renderGapsText(r: GapsResult, limit = 10): string {
  const out = [
    `MFA coverage gaps — ${r.tenant}, enforced policies only (report-only not counted; unknown conditions counted as not applying)`,
    `  ${num(r.membersEvaluated)} members: ${num(r.membersFullyCovered)} fully covered, ${num(r.membersWithGaps)} with classes where no policy demands MFA`,
    `  ${num(r.observed.signInsWithoutMfa)} successful sign-ins without MFA in those gaps in the last ${r.window.days} days${heldNote(r.window)} (${num(r.observed.users.length)} people)`,
    "",
  ];
  for (const g of r.groups.slice(0, limit)) {
    out.push(
      `${num(g.userCount)} member(s) — ${num(g.classesUncovered)} of ${num(g.classesTotal)} classes without MFA; ${num(g.observed.signIns)} sign-ins observed there`,
    );
    out.push(
      `    included by: ${g.policies.length ? g.policies.map((p) => `${p.displayName}${p.demandsMfa ? "" : " (no MFA)"}`).join("; ") : "no enforced policy"}`,
    );
    for (const [k, labels] of Object.entries(g.where) as [keyof ConditionClass, readonly string[]][]) {
      const all = labels.length >= g.dimensions[k];
      if (g.dimensions[k] > 1) out.push(`    ${DIM[k]}: ${all ? "any" : labels.join("; ")}`);
    }
    out.push(
      `    e.g. ${g.users.slice(0, 5).join(", ")}${g.userCount > 5 ? `, … (${num(g.userCount - 5)} more)` : ""}`,
    );
    out.push("");
  }
  if (r.groups.length > limit) out.push(`… ${r.groups.length - limit} more groups (--format json)`, "");
  if (r.observed.users.length) {
    out.push("Successful sign-ins without MFA (most first):");
    for (const u of r.observed.users.slice(0, limit)) {
      const e = u.examples[0];
      out.push(
        `  ${u.user}: ${num(u.signIns)} sign-ins${e ? `, e.g. ${e.application} / ${e.clientAppUsed} / ${e.country ?? "?"}` : ""}`,
      );
    }
  }
  return `${out.join("\n")}\n`;
}

export const gapsRenderers = { text: (r: GapsResult) => renderGapsText(r), json: (r: GapsResult) => r };
