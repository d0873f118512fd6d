// Plain-text rendering of the readiness assessment: the verdict first, then what to act on by severity.

import type { AssessmentReport } from "../../core/checks/report.js";
import { keyValues, num, textTable } from "../text.js";
import { candidateCounts, evidenceLine, groups, numText, pctText, SEVERITY_LABEL, skipReasonText } from "./common.js";

const LEGACY_ROWS = 15;

export function assessText(r: AssessmentReport): string {
  const out: string[] = [];
  out.push(
    `Readiness assessment — ${r.tenant.name} (snapshot ${r.tenant.capturedAt.slice(0, 10)}, ${r.tenant.source})`,
  );
  out.push("");
  out.push(r.verdict.summary);
  out.push(
    `checks: ${r.counts.fail} failed, ${r.counts.pass} passed, ${r.counts.skipped} skipped, ${r.counts.error} errors`,
  );
  const { act, skipped, passed } = groups(r);
  if (act.length > 0) {
    out.push("", "To act on");
    for (const f of act) {
      out.push("", `${SEVERITY_LABEL[f.severity].padEnd(7)} ${f.checkId} — ${f.title}`, `  ${f.status}`);
      const ev = evidenceLine(r, f);
      if (ev) out.push(`  evidence: ${ev}`);
      for (const d of f.details.slice(0, 6)) out.push(`    - ${d}`);
      if (f.details.length > 6) out.push(`    - ... ${f.details.length - 6} more (see --format json)`);
      if (f.departsFromSeeds) out.push(`  note: ${f.departsFromSeeds}`);
      out.push(`  fix: ${f.remediation}`);
    }
  }
  if (skipped.length > 0) {
    out.push("", "Not checked");
    for (const f of skipped) out.push(`  ${f.checkId}: ${f.status}${f.skippedReason ? ` [${f.skippedReason}]` : ""}`);
    const alert = skipped.find((f) => f.checkId === "emergency.sign-in-alerting");
    if (alert) out.push(`    how: ${alert.remediation}`);
  }
  if (passed.length > 0) {
    out.push("", "Passed");
    for (const f of passed) out.push(`  ${f.checkId}: ${f.status}`);
  }
  const reg = r.registration;
  out.push(
    "",
    "Registration",
    keyValues([
      ["active in-scope members", numText(reg.inScope)],
      ["registered", `${numText(reg.registered)} (${pctText(reg.rate)})`],
      ["single method", numText(reg.singleMethod)],
      ["SMS / voice only", numText(reg.smsVoiceOnly)],
      ["admins without a method", numText(reg.adminsWithoutMethod)],
    ]),
  );
  if (r.exceptionCandidates.length > 0) {
    out.push("", "Exception candidates (confirm or override with 'glidepath classify USER TYPE')");
    out.push(
      textTable(
        ["type", "high", "medium", "confirmed"],
        candidateCounts(r).map((c) => [c.type, num(c.high), num(c.medium), num(c.confirmed)]),
      ),
    );
  }
  if (r.legacyAuth.length > 0) {
    out.push("", `Legacy authentication (${num(r.legacyAuth.length)} rows; all of them with --legacy-csv FILE)`);
    out.push(
      textTable(
        ["user", "client app", "os", "ip", "count", "last seen", "remedy"],
        r.legacyAuth
          .slice(0, LEGACY_ROWS)
          .map((l) => [l.user, l.clientApp, l.os ?? "-", l.ip ?? "-", num(l.count), l.lastSeen.slice(0, 10), l.remedy]),
      ),
    );
    if (r.legacyAuth.length > LEGACY_ROWS) out.push(`  ... ${num(r.legacyAuth.length - LEGACY_ROWS)} more`);
  }
  out.push(
    "",
    `Campaign: registration ${r.campaign.registrationStart} to ${r.campaign.registrationEnd}, enforcement from ${r.campaign.enforcement}; announcement draft with --announcement FILE`,
  );
  for (const f of skipped) {
    const why = skipReasonText(f);
    if (why && f.skippedReason !== "cannot-verify-from-here" && f.severity === "blocker") {
      out.push(`warning: blocker check ${f.checkId} could not run: ${why}`);
    }
  }
  return `${out.join("\n")}\n`;
}
