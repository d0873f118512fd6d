// The legacy-authentication dependency list as CSV (--legacy-csv), one row per user, client app,
// application, operating system, address and interactive/non-interactive.

import type { LegacyAuthEntry } from "../../core/checks/report.js";
import { csvRow } from "../../core/text/csv.js";

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

export function legacyCsv(rows: readonly LegacyAuthEntry[]): string {
  const lines = [HEAD.join(",")];
  for (const r of rows) {
    lines.push(
      csvRow(
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
        ].map((v) => (v === null ? "" : String(v))),
      ),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
