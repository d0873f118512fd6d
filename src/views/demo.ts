// Renderers for `glidepath demo`.

import type { DemoResult } from "../app/demo.js";
import { needsAction } from "../core/checks/types.js";
import { assessHeadline } from "./assess/index.js";
import { renderDemoBlastRadius } from "./simulate.js";
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
      "What the roll-out has to handle in this tenant (planted by the simulator):",
      planted,
      "",
      assessHeadline(r.assessment),
      "",
      renderDemoBlastRadius(r.blastRadius),
      "",
      "Next: 'glidepath assess' for every finding with its evidence, 'glidepath simulate' and",
      "'glidepath verify-access' for any policy you propose; every command takes --workspace and --help.",
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
  json: (r: DemoResult) => ({
    workspace: r.workspace,
    users: r.users,
    seed: r.seed,
    now: r.now,
    signInsLoaded: r.signInsLoaded,
    summary: r.summary,
    planted: r.planted,
    assessment: {
      verdict: r.assessment.verdict,
      findings: r.assessment.findings
        .filter(needsAction)
        .map((f) => ({ checkId: f.checkId, severity: f.severity, status: f.status })),
    },
    blastRadius: {
      summary: r.blastRadius.simulation.summary,
      proof: {
        holds: r.blastRadius.proof.holds,
        accounts: r.blastRadius.proof.proofs.map((p) => ({ user: p.user, holds: p.holds })),
      },
    },
  }),
};
