// The legacy-authentication dependency list: every user x client app x application x device x address that
// signed in successfully with a legacy protocol in the window, interactive and non-interactive, each with
// the remedy that fits it. Built from access patterns (complete), not from the raw sign-ins kept.
// https://learn.microsoft.com/entra/identity/conditional-access/policy-block-legacy-authentication

import { legacyTester } from "../../exclusions/activity.js";
import type { AssessmentContext } from "../types.js";

export type LegacyRemedy = "smtpRelay" | "upgradeMailClient" | "outlookMobile" | "vendorModernAuth";

export const REMEDY_TEXT: Readonly<Record<LegacyRemedy, string>> = {
  smtpRelay: "printer or device sending mail: move it to an SMTP relay (connector) or to OAuth SMTP",
  upgradeMailClient: "mail client: upgrade to a current Outlook or a client that supports modern authentication",
  outlookMobile: "Exchange ActiveSync: move the phone to the Outlook app",
  vendorModernAuth:
    "integration or script: ask the vendor for modern authentication (OAuth) or move it to an app registration",
};

export interface LegacyDependencyRow {
  readonly userId: string;
  readonly user: string;
  readonly clientApp: string;
  readonly app: string;
  /** Device name, when the log carries one (SMTP and IMAP sign-ins usually do not). */
  readonly device: string | null;
  readonly os: string | null;
  readonly ip: string | null;
  readonly interactive: boolean;
  readonly count: number;
  readonly lastSeen: string;
  readonly remedy: LegacyRemedy;
}

const MAIL_CLIENT = new Set([
  "imap4",
  "pop3",
  "mapi over http",
  "outlook anywhere (rpc over http)",
  "exchange web services",
  "autodiscover",
  "offline address book",
  "outlook service",
]);

/** The remedy for one legacy client on one account. */
export function remedyOf(clientAppUsed: string, isServiceAccount: boolean): LegacyRemedy {
  const c = clientAppUsed.trim().toLowerCase();
  if (c === "authenticated smtp") return "smtpRelay";
  if (c === "exchange activesync") return "outlookMobile";
  if (isServiceAccount) return "vendorModernAuth";
  // "Other clients" on a person's account is most often an old Outlook or a mail app that never moved to
  // modern authentication (Outlook 2013 logs this way); scripts and PowerShell are integrations.
  if (MAIL_CLIENT.has(c) || c === "other clients") return "upgradeMailClient";
  return "vendorModernAuth";
}

const memo = new WeakMap<AssessmentContext, LegacyDependencyRow[]>();

/** One row per user, client app, application, operating system and address; by remedy, most recent first. */
export function legacyDependencies(ctx: AssessmentContext): LegacyDependencyRow[] {
  const hit = memo.get(ctx);
  if (hit) return hit;
  const isLegacy = legacyTester();
  const rows = new Map<string, { -readonly [K in keyof LegacyDependencyRow]: LegacyDependencyRow[K] }>();
  for (const p of ctx.facts.patterns) {
    if (p.successCount === 0 || !isLegacy(p.clientAppUsed)) continue;
    const interactive = p.signInEventType === "interactiveUser";
    const key = [
      p.userId,
      p.clientAppUsed,
      p.appId,
      p.operatingSystem ?? "",
      p.ipAddress ?? "",
      interactive ? "i" : "n",
    ].join("\u001f");
    const r = rows.get(key);
    if (r) {
      r.count += p.successCount;
      if (p.lastSeen > r.lastSeen) r.lastSeen = p.lastSeen;
      continue;
    }
    const ex = ctx.facts.exceptionOf(p.userId);
    rows.set(key, {
      userId: p.userId,
      user: ctx.index.userById.get(p.userId)?.userPrincipalName ?? p.userPrincipalName,
      clientApp: p.clientAppUsed,
      app: p.appDisplayName ?? p.appId,
      device: p.deviceDisplayName,
      os: p.operatingSystem,
      ip: p.ipAddress,
      interactive,
      count: p.successCount,
      lastSeen: p.lastSeen,
      remedy: remedyOf(p.clientAppUsed, ex?.type === "serviceAccount" || ex?.type === "syncAccount"),
    });
  }
  const out = [...rows.values()].sort((a, b) =>
    a.remedy < b.remedy ? -1 : a.remedy > b.remedy ? 1 : b.lastSeen.localeCompare(a.lastSeen),
  );
  memo.set(ctx, out);
  return out;
}
