// Renderers for `glidepath tenant`: text and Markdown; JSON is the summary object itself (documented in README).

import type { TenantReport } from "../app/tenant.js";
import type { TenantSummary } from "../core/inventory/tenant-summary.js";
import { keyValues, mdTable, num, pct } from "./text.js";

function rows(s: TenantSummary): [string, string][] {
  const window = s.signInWindow ? `${s.signInWindow.from.slice(0, 10)} to ${s.signInWindow.to.slice(0, 10)}` : "none";
  return [
    ["Users", `${num(s.users)} (${num(s.members)} members, ${num(s.guests)} guests)`],
    ["Enabled / disabled", `${num(s.enabledUsers)} / ${num(s.disabledUsers)}`],
    ["Active members (30 days)", num(s.activeMembers)],
    [
      "MFA registered (active)",
      s.registrationRate === null
        ? "unknown (no registration data)"
        : `${pct(s.registrationRate)} (${num(s.registeredActiveMembers ?? 0)} of ${num(s.activeMembers)})`,
    ],
    ["Administrators", num(s.admins)],
    ["Groups", `${num(s.groups)} (${num(s.dynamicGroups)} dynamic)`],
    [
      "Conditional Access policies",
      `${num(s.policies)} (${s.policiesByState.enabled} on, ${s.policiesByState.reportOnly} report-only, ${s.policiesByState.disabled} off)`,
    ],
    ["Named locations", num(s.namedLocations)],
    ["Security defaults", s.securityDefaultsEnabled === null ? "unknown" : s.securityDefaultsEnabled ? "on" : "off"],
    ["Sign-ins", `${num(s.signIns)} (${window})`],
    ["Access patterns", num(s.accessPatterns)],
  ];
}

export function summaryText(s: TenantSummary): string {
  const head = `${s.tenantDisplayName} (${s.tenantId}) — ${s.source} snapshot captured ${s.capturedAt}`;
  const missing = s.missing.length > 0 ? `\n\n  Not captured (unknown, not zero): ${s.missing.join(", ")}` : "";
  return `${head}\n\n${keyValues(rows(s))}${missing}\n`;
}

export const tenantRenderers = {
  text: (r: TenantReport) => `Workspace ${r.workspace}, snapshot ${r.snapshotId}\n${summaryText(r.summary)}`,
  markdown: (r: TenantReport) =>
    `# ${r.summary.tenantDisplayName}\n\nWorkspace \`${r.workspace}\`, snapshot ${r.snapshotId}, captured ${r.summary.capturedAt} (${r.summary.source}).\n\n${mdTable(
      ["", "value"],
      rows(r.summary),
    )}\n`,
  json: (r: TenantReport) => ({ workspace: r.workspace, snapshotId: r.snapshotId, ...r.summary }),
};
