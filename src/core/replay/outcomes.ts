// The closed list of blast-radius outcomes, their precedence, and the remedy an admin applies for each.
// Precedence (worst first) decides a user's single outcome when patterns differ; every reason is kept.

import { clientAppTypeOf } from "../engine/index.js";

export const OUTCOMES = [
  "emergencyAffected",
  "blockedByPolicy",
  "blockedLegacy",
  "blockedStrength",
  "blockedDevice",
  "cannotRegister",
  "mustRegister",
  "ready",
  "unaffected",
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Lower is worse. INVARIANT: the order of OUTCOMES is the precedence. */
export const OUTCOME_RANK: Readonly<Record<Outcome, number>> = Object.fromEntries(
  OUTCOMES.map((o, i) => [o, i]),
) as Record<Outcome, number>;

export function worse(a: Outcome, b: Outcome): Outcome {
  return OUTCOME_RANK[a] <= OUTCOME_RANK[b] ? a : b;
}

export const BLOCKED_OUTCOMES: ReadonlySet<Outcome> = new Set([
  "blockedByPolicy",
  "blockedLegacy",
  "blockedStrength",
  "blockedDevice",
  "cannotRegister",
]);

export function emptyCounts(): Record<Outcome, number> {
  return Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
}

/** One line describing what the outcome means for the person. */
export const OUTCOME_TEXT: Readonly<Record<Outcome, string>> = {
  emergencyAffected: "an emergency account would be stopped or challenged beyond its dedicated policy (critical)",
  blockedByPolicy: "a policy blocks this access",
  blockedLegacy: "a device or app on a legacy protocol will stop working (legacy clients cannot do MFA)",
  blockedStrength: "no registered method meets the required authentication strength",
  blockedDevice: "the device does not meet the device requirement (compliant / hybrid joined / app protection)",
  cannotRegister: "must register MFA but cannot register from here",
  mustRegister: "no MFA method: forced to register at next sign-in (helpdesk load)",
  ready: "new MFA prompt the person can satisfy with a registered method",
  unaffected: "no change",
};

/** The remedy for one affected access pattern. */
export function remedyFor(outcome: Outcome, clientAppUsed: string, policyNames: readonly string[] = []): string {
  const by = policyNames.length > 0 ? ` (${policyNames.join(", ")})` : "";
  switch (outcome) {
    case "blockedLegacy":
      return legacyRemedy(clientAppUsed);
    case "mustRegister":
      return "register an MFA method before enforcement: include the person in the registration campaign (day-10 reminder, day-12 call)";
    case "cannotRegister":
      return `issue a Temporary Access Pass or a FIDO2 security key; registration is not possible from this context${by}`;
    case "blockedStrength":
      return `register a method the strength accepts (FIDO2 key / Windows Hello / certificate) before enforcement${by}`;
    case "blockedDevice":
      return `enrol the device in Intune and make it compliant (or hybrid join it), or use a managed device${by}`;
    case "blockedByPolicy":
      return `confirm the block is intended${by}; otherwise add a documented exclusion with an owner and an expiry`;
    case "emergencyAffected":
      return `exclude the emergency-account group from${by || " the policy"}; cover emergency accounts only with the dedicated phishing-resistant policy`;
    case "ready":
      return "none: the person is prompted and has a method (mention it in the enforcement notice)";
    default:
      return "none";
  }
}

/** Remedies for legacy protocols (docs/reference/sign-in-logs.md#client-apps). */
export function legacyRemedy(clientAppUsed: string): string {
  const v = clientAppUsed.toLowerCase();
  if (v.includes("smtp"))
    return "SMTP AUTH (scan-to-email printer or app): move it to an SMTP relay / Exchange Online connector, or OAuth SMTP";
  if (v.includes("imap") || v.includes("pop"))
    return "IMAP/POP integration: move it to modern authentication (OAuth 2.0) or Microsoft Graph; ask the vendor";
  if (clientAppTypeOf(clientAppUsed) === "exchangeActiveSync")
    return "Exchange ActiveSync mail app: switch the phone to Outlook mobile (modern authentication)";
  if (
    v.includes("mapi") ||
    v.includes("outlook") ||
    v.includes("other") ||
    v.includes("autodiscover") ||
    v.includes("web services")
  )
    return "old Outlook / Office client: update to Microsoft 365 Apps (modern authentication)";
  if (v.includes("powershell"))
    return "Exchange Online PowerShell with basic auth: use the EXO V3 module (modern auth)";
  return "legacy client: replace it with one that supports modern authentication";
}
