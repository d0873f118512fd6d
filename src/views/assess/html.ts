// The readiness assessment as one self-contained HTML page: inline CSS, no scripts, no external assets,
// so it can be mailed or attached to a change request and opened anywhere.

import type { AssessmentReport } from "../../core/checks/report.js";
import type { Finding } from "../../core/checks/types.js";
import { candidateCounts, groups, numText, pctText, SEVERITY_LABEL } from "./common.js";

const MAX_LISTED = 500;

export function esc(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const CSS = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1f24;background:#f6f7f9}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 10px}
.meta{color:#57606a;margin-bottom:16px}
.verdict{padding:16px 20px;border-radius:8px;font-size:20px;font-weight:600;margin:12px 0}
.verdict.no{background:#ffebe9;border:1px solid #ff8182;color:#82071e}
.verdict.yes{background:#dafbe1;border:1px solid #4ac26b;color:#116329}
.verdict.unproven{background:#fff8c5;border:1px solid #d4a72c;color:#7d4e00}
.finding{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:12px 16px;margin:10px 0}
.finding h3{font-size:16px;margin:0 0 6px}
.sev{display:inline-block;font-size:12px;font-weight:700;border-radius:4px;padding:1px 6px;margin-right:8px;color:#fff}
.sev.blocker{background:#cf222e}.sev.high{background:#bc4c00}.sev.medium{background:#9a6700}.sev.low{background:#0969da}.sev.info{background:#6e7781}
.id{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;color:#57606a}
.fix{margin-top:6px}.note{border-left:3px solid #d4a72c;padding-left:8px;color:#57606a}
table{border-collapse:collapse;width:100%;background:#fff;font-size:13px}
th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}th{background:#eaeef2}
details{margin-top:6px}summary{cursor:pointer;color:#0969da}
ul.ev{columns:2;font-size:13px;margin:6px 0}
`;

function findingHtml(r: AssessmentReport, f: Finding): string {
  const ev = f.evidence;
  const lists: string[] = [];
  if (ev.users.length > 0) {
    const shown = ev.users
      .slice(0, MAX_LISTED)
      .map((id) => `<li>${esc(r.names.users[id] ?? id)}</li>`)
      .join("");
    const more =
      ev.users.length > MAX_LISTED ? `<p>… and ${ev.users.length - MAX_LISTED} more (see the JSON report)</p>` : "";
    lists.push(
      `<details><summary>${ev.users.length} ${ev.users.length === 1 ? "user" : "users"}</summary><ul class="ev">${shown}</ul>${more}</details>`,
    );
  }
  if (ev.policies.length > 0) {
    lists.push(
      `<details><summary>${ev.policies.length} ${ev.policies.length === 1 ? "policy" : "policies"}</summary><ul class="ev">${ev.policies
        .map((id) => `<li>${esc(r.names.policies[id] ?? id)}</li>`)
        .join("")}</ul></details>`,
    );
  }
  if (f.details.length > 0) {
    lists.push(
      `<details><summary>details (${f.details.length})</summary><ul>${f.details
        .slice(0, MAX_LISTED)
        .map((d) => `<li>${esc(d)}</li>`)
        .join("")}</ul></details>`,
    );
  }
  return `<section class="finding" data-check="${esc(f.checkId)}" data-outcome="${f.outcome}">
<h3><span class="sev ${f.severity}">${SEVERITY_LABEL[f.severity]}</span>${esc(f.title)} <span class="id">${esc(f.checkId)}</span></h3>
<div>${esc(f.status)}</div>
${lists.join("\n")}
${f.departsFromSeeds ? `<p class="note">${esc(f.departsFromSeeds)}</p>` : ""}
<div class="fix"><strong>Fix:</strong> ${esc(f.remediation)} ${f.links.map((l) => `<a href="${esc(l.url)}">${esc(l.title)}</a>`).join(" · ")}</div>
</section>`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`)
    .join("")}</tbody></table>`;
}

export function assessHtml(r: AssessmentReport): string {
  const { act, skipped, passed } = groups(r);
  const cls = r.verdict.ready ? "yes" : r.verdict.blockers > 0 ? "no" : "unproven";
  const reg = r.registration;
  const legacy = r.legacyAuth.slice(0, 2000);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Readiness assessment — ${esc(r.tenant.name)}</title><style>${CSS}</style></head>
<body><main>
<h1>Readiness assessment — ${esc(r.tenant.name)}</h1>
<div class="meta">Snapshot ${esc(r.tenant.capturedAt)} (${esc(r.tenant.source)}) · ${r.counts.fail} failed · ${r.counts.pass} passed · ${r.counts.skipped} skipped · ${r.counts.error} errors</div>
<div class="verdict ${cls}" id="verdict" data-ready="${r.verdict.ready}" data-blockers="${r.verdict.blockers}">${esc(r.verdict.summary)}</div>
${act.length > 0 ? `<h2>To act on</h2>${act.map((f) => findingHtml(r, f)).join("\n")}` : ""}
${skipped.length > 0 ? `<h2>Not checked</h2>${skipped.map((f) => findingHtml(r, f)).join("\n")}` : ""}
<h2>Registration</h2>
${table(
  ["measure", "value"],
  [
    ["active in-scope members", numText(reg.inScope)],
    ["registered", `${numText(reg.registered)} (${pctText(reg.rate)})`],
    ["single method", numText(reg.singleMethod)],
    ["SMS / voice only", numText(reg.smsVoiceOnly)],
    ["admins without a method", numText(reg.adminsWithoutMethod)],
  ],
)}
${
  r.exceptionCandidates.length > 0
    ? `<h2>Exception candidates</h2>${table(
        ["type", "high", "medium", "confirmed"],
        candidateCounts(r).map((c) => [c.type, String(c.high), String(c.medium), String(c.confirmed)]),
      )}`
    : ""
}
${
  legacy.length > 0
    ? `<h2>Legacy authentication (${r.legacyAuth.length} rows)</h2>${table(
        ["user", "client app", "application", "device", "os", "ip", "count", "last seen", "remedy"],
        legacy.map((l) => [
          l.user,
          l.clientApp,
          l.app,
          l.device ?? "",
          l.os ?? "",
          l.ip ?? "",
          String(l.count),
          l.lastSeen,
          l.remedyText,
        ]),
      )}`
    : ""
}
${passed.length > 0 ? `<h2>Passed</h2>${passed.map((f) => findingHtml(r, f)).join("\n")}` : ""}
</main></body></html>
`;
}
