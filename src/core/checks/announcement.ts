// The draft announcement to users for this tenant: what changes, the registration window and enforcement
// dates, what to do, what to do without a smartphone, whom to ask. Plain Markdown for the admin to edit.

import type { AssessmentConfig } from "./types.js";

export interface CampaignDates {
  readonly registrationStart: string;
  readonly registrationEnd: string;
  readonly enforcement: string;
}

const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Registration opens on `campaignStart` (default: the Monday after `now`), stays open for
 * `registrationDays` (default 14); enforcement follows after a three-day pilot (the plan's day 20).
 */
export function campaignDates(config: AssessmentConfig, now: string): CampaignDates {
  let start: number;
  if (config.campaignStart && /^\d{4}-\d{2}-\d{2}$/.test(config.campaignStart))
    start = Date.parse(`${config.campaignStart}T00:00:00Z`);
  else {
    const d = new Date(now);
    const base = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    const dow = new Date(base).getUTCDay(); // 0 = Sunday
    start = base + ((8 - dow) % 7 || 7) * DAY_MS;
  }
  const days = config.registrationDays && config.registrationDays > 0 ? config.registrationDays : 14;
  return {
    registrationStart: day(start),
    registrationEnd: day(start + (days - 1) * DAY_MS),
    enforcement: day(start + (days + 3) * DAY_MS),
  };
}

const longDate = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });

export interface AnnouncementInput {
  readonly organisation: string;
  readonly dates: CampaignDates;
  readonly helpContact: string | null;
  /** Whether people were found who use old mail apps or devices with legacy sign-in. */
  readonly legacyInUse: boolean;
}

export function announcementMarkdown(a: AnnouncementInput): string {
  const help = a.helpContact ?? "[help contact: name, phone, e-mail — set it with 'glidepath assess --help-contact']";
  const lines = [
    `# Action needed by ${longDate(a.dates.registrationEnd)}: set up a second way to sign in`,
    "",
    `From **${longDate(a.dates.enforcement)}**, signing in to ${a.organisation} email, Teams and other work apps will ask for a second check after your password: an approval in the Microsoft Authenticator app, a security key, or a code. A stolen password alone will no longer be enough to get into your account.`,
    "",
    `Please set this up between **${longDate(a.dates.registrationStart)}** and **${longDate(a.dates.registrationEnd)}**. It takes about five minutes.`,
    "",
    "## What to do",
    "",
    "1. On your phone, install **Microsoft Authenticator** from the App Store or Google Play.",
    "2. On your computer, go to **https://aka.ms/mysecurityinfo** and sign in with your work account.",
    "3. Choose **Add sign-in method → Microsoft Authenticator** and follow the steps (you scan a QR code with the app).",
    "4. Add a **second method** as a backup — for example your mobile number — so that a lost or replaced phone does not lock you out.",
    "",
    "When you sign in, type the number shown on the screen into the app. **Never approve a request you did not start**: if one appears, deny it and tell us.",
    "",
    "## No smartphone, or you can't use one at work?",
    "",
    `You don't need one. Contact ${help} and we will give you a **security key** (a small USB/NFC key) and a one-time pass to set it up. A text message to a basic mobile phone is possible as a last resort.`,
    "",
  ];
  if (a.legacyInUse) {
    lines.push(
      "## Older mail apps and devices",
      "",
      "Some older mail apps, phones set up with the built-in mail app, and devices that send email (scanners, printers) cannot do the second check. If you use one, we will contact you — or tell us first, and we will help you move to the Outlook app.",
      "",
    );
  }
  lines.push(
    "## Questions",
    "",
    `Contact ${help}. We will never ask you for your password or for a code by phone or email.`,
    "",
  );
  return lines.join("\n");
}
