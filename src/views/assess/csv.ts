// The legacy-authentication dependency list as CSV (--legacy-csv), one row per user, client app,
// application, operating system, address and interactive/non-interactive.

import type { LegacyAuthEntry } from "../../core/checks/report.js";

const HEAD = [
  "user",
  "userId",
  "clientApp",
  "app",
  "device",
  "os",
  "ip",
  "interactive",
  "count",
  "lastSeen",
  "remedy",
  "remedyText",
];

function cell(v: string | number | boolean | null): string {
  const s = v === null ? "" : String(v);
  // Quote when needed; neutralise spreadsheet formulas.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function legacyCsv(rows: readonly LegacyAuthEntry[]): string {
  const lines = [HEAD.join(",")];
  for (const r of rows) {
    lines.push(
      [
        r.user,
        r.userId,
        r.clientApp,
        r.app,
        r.device,
        r.os,
        r.ip,
        r.interactive,
        r.count,
        r.lastSeen,
        r.remedy,
        r.remedyText,
      ]
        .map(cell)
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
