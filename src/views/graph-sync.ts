// Renderers for `glidepath connect`, `connect --permissions` and `glidepath sync`. JSON is the typed result.
// Nothing secret is ever in these results: a connection record holds ids and paths, never a secret or token.

import type { ConnectResult, PermissionList } from "../app/connect.js";
import type { SyncResult } from "../app/sync.js";
import { keyValues, mdTable, num, textTable } from "./text.js";

export const connectRenderers = {
  text(r: ConnectResult): string {
    const c = r.connection;
    const rows: [string, string][] =
      c.kind === "simulator"
        ? [
            ["Connected to", `the simulator at ${c.baseUrl}`],
            ["Credential", "loopback test credential (never accepted for a real tenant)"],
          ]
        : [
            ["Tenant", c.tenantId],
            ["Client id", c.clientId ?? "(none)"],
            ["Authentication", c.auth],
            ...(c.certificatePath ? ([["Certificate", c.certificatePath]] as [string, string][]) : []),
            ...(c.auth === "client-secret"
              ? ([
                  [
                    "Secret",
                    c.clientSecretFile
                      ? `read from ${c.clientSecretFile} at each sync`
                      : "read from $GLIDEPATH_CLIENT_SECRET at each sync",
                  ],
                ] as [string, string][])
              : []),
          ];
    if (r.verified) rows.push(["Verified", `${r.verified.displayName} (${r.verified.tenantId})`]);
    else rows.push(["Verified", "no (--no-verify)"]);
    return `Connection recorded in ${r.workspace} (no secrets stored)\n${keyValues(rows)}\nNext: glidepath sync`;
  },
};

export const permissionRenderers = {
  text(p: PermissionList): string {
    return [
      "Read permissions (Microsoft Graph, application or delegated; all that connect/sync ask for):",
      textTable(
        ["permission", "used for"],
        p.read.map((x) => [x.permission, x.collections.join(", ")]),
      ),
      "",
      "Write permissions the roll-out will need later (not requested by read-only commands):",
      textTable(
        ["permission", "used for"],
        p.write.map((x) => [x.permission, x.use]),
      ),
    ].join("\n");
  },
  markdown(p: PermissionList): string {
    return [
      mdTable(
        ["Permission", "Collections"],
        p.read.map((x) => [`\`${x.permission}\``, x.collections.join(", ")]),
      ),
      "",
      mdTable(
        ["Write permission (roll-out, later)", "Use"],
        p.write.map((x) => [`\`${x.permission}\``, x.use]),
      ),
    ].join("\n");
  },
};

export const syncRenderers = {
  text(r: SyncResult): string {
    const counts = Object.entries(r.counts)
      .filter(([, n]) => n !== undefined)
      .map(([c, n]) => [c, num(n as number)]);
    const lines = [
      `Snapshot ${r.snapshotId} written (sign-in window ${r.window.from} to ${r.window.to})${r.resumed ? `, resumed: ${num(r.pagesReused)} pages reused` : ""}`,
      textTable(["collection", "items"], counts),
      keyValues([
        [
          "Requests",
          `${num(r.requests)} (${num(r.retries)} retried, ${num(r.throttled)} throttled, ${num(Math.round(r.waitedMs))} ms waited)`,
        ],
        [
          "Sign-ins",
          `${num(r.signIns.fetched)} fetched, ${num(r.signIns.inserted)} new, ${num(r.signIns.duplicates)} already known`,
        ],
        [
          "Incremental (delta)",
          r.incremental.length > 0
            ? r.incremental.join(", ")
            : r.deltaExpired.length > 0
              ? `none: the stored delta link of ${r.deltaExpired.join(", ")} had expired (Graph keeps them 7 days), read in full`
              : "none (full read)",
        ],
      ]),
    ];
    if (r.skipped.count > 0) {
      lines.push(
        `Skipped ${num(r.skipped.count)} record(s) Graph returned that could not be read, e.g. ${r.skipped.examples[0] ?? ""}`,
      );
    }
    return lines.join("\n");
  },
};
