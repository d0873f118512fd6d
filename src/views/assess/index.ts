// Renderers of the readiness assessment for `emit` (text, markdown, html, json) plus the CSV and the
// announcement the command can write alongside.

import type { AssessmentReport } from "../../core/checks/report.js";
import { needsAction } from "../../core/checks/types.js";
import { assessHtml } from "./html.js";
import { assessMarkdown } from "./markdown.js";
import { assessText } from "./text.js";

export { legacyCsv } from "./csv.js";
export { assessHtml } from "./html.js";
export { assessMarkdown } from "./markdown.js";
export { assessText } from "./text.js";

export const assessRenderers = {
  text: assessText,
  markdown: assessMarkdown,
  html: assessHtml,
  json: (r: AssessmentReport) => r,
};

/** The verdict and the first `n` findings to act on, one line each (for `glidepath demo`). */
export function assessHeadline(r: AssessmentReport, n = 5): string {
  const lines = [r.verdict.summary];
  for (const f of r.findings.filter(needsAction).slice(0, n)) {
    lines.push(`  ${f.severity.toUpperCase().padEnd(7)} ${f.checkId}: ${f.status}`);
  }
  return lines.join("\n");
}
