// Renderers for `glidepath demo`.

import type { DemoResult } from "../app/demo.js";
import { summaryText } from "./tenant.js";
import { mdTable, num } from "./text.js";

/** Human labels for the generator's planted situations (ground-truth keys). */
const PLANTED_LABELS: Readonly<Record<string, string>> = {
  emergencyAccountIds: "emergency accounts",
  itTeamUserIds: "IT team members",
  adminUserIds: "administrators",
  adminWithoutMfaUserIds: "administrators without any MFA method",
  unregisteredActiveMemberIds: "active members not registered for MFA",
  singleMethodUserIds: "people with a single MFA method",
  smsVoiceOnlyUserIds: "people with only SMS or voice",
  noSmartphoneUserIds: "people without a smartphone",
  staleAuthenticatorUserIds: "people with a stale Authenticator (new phone)",
  legacyDependencies: "legacy-authentication dependencies",
  sharedMailboxUserIds: "shared mailboxes",
  roomUserIds: "room and resource accounts",
  serviceAccountUserIds: "user-based service accounts",
  guestUserIds: "guests",
  disabledUserIds: "disabled accounts",
};

function plantedRows(r: DemoResult): [string, string][] {
  return Object.entries(PLANTED_LABELS)
    .filter(([k]) => r.planted[k] !== undefined)
    .map(([k, label]) => [label, num(r.planted[k] ?? 0)]);
}

export const demoRenderers = {
  text(r: DemoResult): string {
    const planted = plantedRows(r)
      .map(([label, n]) => `  ${n.padStart(6)}  ${label}`)
      .join("\n");
    return [
      `Built the simulated tenant "Northwind Estates" (${num(r.users)} users, seed "${r.seed}", as of ${r.now.slice(0, 10)})`,
      `into ${r.workspace}: ${num(r.signInsLoaded)} sign-ins over 30 days.`,
      "",
      summaryText(r.summary),
      "What the roll-out has to handle in this tenant:",
      planted,
      "",
      "Next: 'glidepath tenant' shows this summary again; every command takes --workspace and --help.",
      "",
    ].join("\n");
  },
  markdown(r: DemoResult): string {
    return [
      `# Demo: Northwind Estates (${num(r.users)} users)`,
      "",
      `Workspace \`${r.workspace}\`, seed \`${r.seed}\`, as of ${r.now.slice(0, 10)}, ${num(r.signInsLoaded)} sign-ins.`,
      "",
      mdTable(["planted situation", "count"], plantedRows(r)),
      "",
    ].join("\n");
  },
  json: (r: DemoResult) => r,
};
