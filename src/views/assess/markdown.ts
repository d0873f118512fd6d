// Markdown rendering of the readiness assessment (for a ticket, a wiki page or a change request).

import type { AssessmentReport } from "../../core/checks/report.js";
import { mdTable, num } from "../text.js";
import { candidateCounts, evidenceLine, groups, numText, pctText, SEVERITY_LABEL } from "./common.js";

export function assessMarkdown(r: AssessmentReport): string {
  const out: string[] = [];
  out.push(`# Readiness assessment — ${r.tenant.name}`, "");
  out.push(`**${r.verdict.summary}**`, "");
  out.push(
    `Snapshot ${r.tenant.capturedAt} (${r.tenant.source}); ${r.counts.fail} failed, ${r.counts.pass} passed, ${r.counts.skipped} skipped, ${r.counts.error} errors.`,
    "",
  );
  const { act, skipped, passed } = groups(r);
  if (act.length > 0) {
    out.push("## To act on", "");
    for (const f of act) {
      out.push(`### ${SEVERITY_LABEL[f.severity]} — ${f.title} (\`${f.checkId}\`)`, "", f.status, "");
      const ev = evidenceLine(r, f);
      if (ev) out.push(`Evidence: ${ev}`, "");
      for (const d of f.details.slice(0, 10)) out.push(`- ${d}`);
      if (f.details.length > 10) out.push(`- … ${f.details.length - 10} more`);
      if (f.details.length > 0) out.push("");
      if (f.departsFromSeeds) out.push(`> ${f.departsFromSeeds}`, "");
      out.push(`**Fix:** ${f.remediation} ${f.links.map((l) => `[${l.title}](${l.url})`).join(" · ")}`, "");
    }
  }
  if (skipped.length > 0) {
    out.push(
      "## Not checked",
      "",
      mdTable(
        ["check", "reason", "status"],
        skipped.map((f) => [f.checkId, f.skippedReason ?? "", f.status]),
      ),
      "",
    );
  }
  if (passed.length > 0)
    out.push(
      "## Passed",
      "",
      mdTable(
        ["check", "status"],
        passed.map((f) => [f.checkId, f.status]),
      ),
      "",
    );
  const reg = r.registration;
  out.push(
    "## Registration",
    "",
    mdTable(
      ["measure", "value"],
      [
        ["active in-scope members", numText(reg.inScope)],
        ["registered", `${numText(reg.registered)} (${pctText(reg.rate)})`],
        ["single method", numText(reg.singleMethod)],
        ["SMS / voice only", numText(reg.smsVoiceOnly)],
        ["admins without a method", numText(reg.adminsWithoutMethod)],
      ],
    ),
    "",
  );
  if (r.exceptionCandidates.length > 0) {
    out.push(
      "## Exception candidates",
      "",
      mdTable(
        ["type", "high", "medium", "confirmed"],
        candidateCounts(r).map((c) => [c.type, num(c.high), num(c.medium), num(c.confirmed)]),
      ),
      "",
    );
  }
  if (r.legacyAuth.length > 0) {
    out.push(
      "## Legacy authentication",
      "",
      mdTable(
        ["user", "client app", "application", "device", "os", "ip", "count", "last seen", "remedy"],
        r.legacyAuth.map((l) => [
          l.user,
          l.clientApp,
          l.app,
          l.device ?? "",
          l.os ?? "",
          l.ip ?? "",
          num(l.count),
          l.lastSeen,
          l.remedyText,
        ]),
      ),
      "",
    );
  }
  return `${out.join("\n")}\n`;
}
