// Renderers of the blast radius (`glidepath simulate`): summary counts first, then the applications and
// clients affected, then the people with their patterns and remedies; plus the contact list as CSV.

import type { SimulateReport } from "../app/simulate.js";
import type { DemoBlastRadius } from "../app/verify-access.js";
import { type Contact, mustContact } from "../core/replay/contacts.js";
import { OUTCOME_TEXT, OUTCOMES } from "../core/replay/outcomes.js";
import type { UserImpact } from "../core/replay/simulate.js";
import { csvRow } from "../core/text/csv.js";
import { heldNote, keyValues, mdTable, num, textTable } from "./text.js";

function summaryRows(r: SimulateReport): [string, string][] {
  const s = r.summary;
  const rows: [string, string][] = OUTCOMES.map((o) => [
    o,
    `${num(s.outcomes[o])}${s.noHistoryOutcomes[o] ? ` (${num(s.noHistoryOutcomes[o])} with no sign-ins, on usual contexts)` : ""}`,
  ]);
  return rows;
}

function changeLines(r: SimulateReport): string[] {
  const out: string[] = [];
  for (const a of r.change.added)
    out.push(`  + ${a.displayName} (${a.id}${a.source ? `, ${a.source}` : ""}; ${a.state}, counted as on)`);
  for (const d of r.change.removed) out.push(`  - ${d.displayName} (${d.id})`);
  for (const u of r.change.unresolved)
    out.push(
      `  ! ${u.policyName}: ${u.field} = '${u.value}' is not in the directory; counted pessimistically (as matching)`,
    );
  for (const w of r.change.warnings) out.push(`  ! ${w}`);
  return out;
}

function topTable(entries: SimulateReport["topApplications"], head: string): string[] {
  if (entries.length === 0) return [];
  return [
    textTable(
      [head, "people", "sign-ins", "outcomes (sign-ins)"],
      entries.map((e) => [
        e.name,
        num(e.users),
        num(e.signIns),
        Object.entries(e.outcomes)
          .map(([o, n]) => `${o} ${num(n as number)}`)
          .join(", "),
      ]),
    ),
  ];
}

function userBlock(u: UserImpact): string[] {
  const out = [
    `  ${u.user} — ${u.outcome}${u.noHistory ? " (no history: usual contexts)" : ""}${u.isEmergency ? " [emergency account]" : ""}`,
  ];
  for (const r of u.reasons) {
    out.push(
      `      ${r.outcome}${r.clientAppUsed ? ` via ${r.clientAppUsed}` : ""}: ${num(r.patterns)} pattern(s), ${num(r.signIns)} sign-in(s) — ${r.remedy}`,
    );
  }
  for (const p of u.patterns.slice(0, 3)) {
    out.push(
      `        · ${p.application} / ${p.clientAppUsed} / ${p.platform} / ${p.location} ×${num(p.count)}${p.lastSeen ? `, last ${p.lastSeen.slice(0, 10)}` : ""}${p.usual ? ` (${p.usual})` : ""}`,
    );
  }
  return out;
}

export function renderSimulateText(r: SimulateReport, limit = 40): string {
  const s = r.summary;
  const out: string[] = [
    `Blast radius — ${r.tenant}, ${s.window.days} days of sign-ins to ${s.window.to.slice(0, 10)}${heldNote(s.window)} (report-only counted as switched on)`,
    "",
    "Policy change:",
    ...changeLines(r),
    "",
    keyValues([
      [
        "people evaluated",
        `${num(s.usersEvaluated)} (${num(s.usersWithHistory)} with sign-ins, ${num(s.usersWithoutHistory)} without)`,
      ],
      ["access patterns", `${num(s.patternsEvaluated)} (${num(s.signInsEvaluated)} sign-ins)`],
      ...(s.patternsAssumed > 0
        ? [
            [
              "assumed",
              `${num(s.patternsAssumed)} patterns hinge on an unresolved reference (counted as matching)`,
            ] as [string, string],
          ]
        : []),
      [
        "emergency accounts",
        r.emergency.users.length
          ? `${r.emergency.users.join(", ")} (${r.emergency.source})`
          : "none declared or detected",
      ],
    ]),
    "",
    "Outcomes (people):",
    keyValues(summaryRows(r)),
    "",
  ];
  if (r.topApplications.length) out.push("Applications affected:", ...topTable(r.topApplications, "application"), "");
  if (r.topClients.length) out.push("Clients affected:", ...topTable(r.topClients, "client app"), "");
  const people = r.users.filter(mustContact);
  out.push(`People to act on (${num(people.length)}; ${num(s.outcomes.ready)} more are ready):`);
  for (const u of people.slice(0, limit)) out.push(...userBlock(u));
  if (people.length > limit)
    out.push(`  … ${num(people.length - limit)} more (--format json or --contacts-csv FILE for all)`);
  return `${out.join("\n")}\n`;
}

export function renderSimulateMarkdown(r: SimulateReport): string {
  const s = r.summary;
  const out = [
    `# Blast radius — ${r.tenant}`,
    "",
    `${s.window.days} days of sign-ins to ${s.window.to.slice(0, 10)}${heldNote(s.window)}; ${num(s.usersEvaluated)} people, ${num(s.patternsEvaluated)} access patterns.`,
    "",
    mdTable(
      ["Outcome", "People", "Meaning"],
      OUTCOMES.map((o) => [o, num(s.outcomes[o]), OUTCOME_TEXT[o]]),
    ),
    "",
    "## People to act on",
    "",
    mdTable(
      ["User", "Outcome", "Reasons", "Remedy"],
      r.users
        .filter(mustContact)
        .slice(0, 500)
        .map((u) => [
          u.user,
          u.outcome + (u.noHistory ? " (no history)" : ""),
          u.reasons.map((x) => `${x.outcome}${x.clientAppUsed ? ` (${x.clientAppUsed})` : ""}`).join(", "),
          u.reasons[0]?.remedy ?? "",
        ]),
    ),
  ];
  return `${out.join("\n")}\n`;
}

/** The JSON the CLI prints (and the dashboard reads). */
export function simulateJson(r: SimulateReport): unknown {
  return r;
}

/** The contact list (core/replay/contacts.ts decides who is on it): one CSV row per person. */
export function contactsCsv(contacts: readonly Contact[]): string {
  const rows = [
    ["user", "displayName", "outcome", "noHistory", "reasons", "remedy", "patterns", "signIns", "lastSeen"],
  ];
  for (const u of contacts) {
    rows.push([
      u.user,
      u.displayName,
      u.outcome,
      String(u.noHistory),
      u.reasons.map((x) => `${x.outcome}${x.clientAppUsed ? ` (${x.clientAppUsed})` : ""}`).join("; "),
      u.reasons.map((x) => x.remedy).join(" | "),
      String(u.patternsAffected),
      String(u.signInsAffected),
      u.lastSeen,
    ]);
  }
  return `${rows.map((r) => csvRow(r)).join("\n")}\n`;
}

export const simulateRenderers = {
  text: (r: SimulateReport) => renderSimulateText(r),
  markdown: renderSimulateMarkdown,
  json: simulateJson,
};

/** The demo's lines: the blast radius of "require MFA for all users" and the emergency-access proof. */
export function renderDemoBlastRadius(d: DemoBlastRadius): string {
  const s = d.simulation.summary;
  const o = s.outcomes;
  const proofs = d.proof.proofs.map(
    (p) => `${p.user} ${p.holds ? "PROVEN" : `FAILED (${p.blockingPolicies.map((b) => b.displayName).join(", ")})`}`,
  );
  const portals = d.proof.proofs.filter((p) => !p.adminPortals.reachable);
  return [
    `Blast radius of "require MFA for all users, excluding the emergency group" (${s.window.days} days, ${num(s.patternsEvaluated)} access patterns):`,
    `  ${num(o.blockedLegacy)} blockedLegacy, ${num(o.mustRegister)} mustRegister (${num(s.noHistoryOutcomes.mustRegister)} without sign-ins), ${num(o.ready)} ready, ${num(o.blockedByPolicy + o.blockedStrength + o.blockedDevice + o.cannotRegister)} other blocks, ${num(o.emergencyAffected)} emergency accounts affected`,
    `Emergency access proof: ${d.proof.holds ? "PROVEN" : "FAILED"} — ${proofs.join("; ")}`,
    ...(portals.length > 0
      ? [
          `  but the admin portals are out of reach for ${portals.map((p) => p.user).join(", ")}: no MFA method, and Microsoft requires MFA there for every account`,
        ]
      : []),
    "  details: glidepath simulate --policy FILE / glidepath verify-access (policy: glidepath policy template require-mfa-all-users --exclude-emergency)",
  ].join("\n");
}
