// Exception candidates: accounts that are not a person with a smartphone and so need a decision before
// MFA is enforced — shared mailboxes, rooms and resources, user-based service accounts, the directory
// synchronization account, people without a smartphone, guests. Pure classifiers: each candidate carries a
// confidence and the signals behind it, so the admin can confirm or override (`glidepath classify`).
// Pattern-only tools flag rooms and shared mailboxes as "people without MFA"; here signals are combined.

import type { User } from "../model/directory.js";
import type { DirectoryIndex } from "../model/directory-index.js";
import type { TenantSnapshot } from "../model/snapshot.js";
import { ROLE } from "../model/well-known.js";
import type { UserActivity } from "./activity.js";

export type CandidateType = "sharedMailbox" | "room" | "serviceAccount" | "syncAccount" | "noSmartphone" | "guest";
export type Confidence = "high" | "medium" | "low";

export interface ExceptionCandidate {
  readonly userId: string;
  readonly userPrincipalName: string;
  readonly displayName: string;
  readonly type: CandidateType;
  readonly confidence: Confidence;
  /** Human-readable reasons, e.g. "holds the Directory Synchronization Accounts role". */
  readonly signals: readonly string[];
  /** `confirmed` when the admin classified the account; `detected` otherwise. */
  readonly source: "detected" | "confirmed";
}

/** What the classifier needs to know about one user's methods. */
export interface MethodFacts {
  readonly registered: boolean;
  readonly smartphoneMethod: boolean;
  readonly phoneOnly: boolean;
  /** Holds a FIDO2 key or hardware OATH token. */
  readonly hardwareKey: boolean;
}

export interface ClassifyInput {
  readonly snapshot: TenantSnapshot;
  readonly index: DirectoryIndex;
  readonly activity: ReadonlyMap<string, UserActivity>;
  readonly methodsOf: (userId: string) => MethodFacts | undefined;
  /** Whether sign-in data exists at all: without it, behaviour signals are unknown (not "never signed in"). */
  readonly hasSignIns: boolean;
  readonly hasRegistrations: boolean;
  readonly now: string;
}

const DAY_MS = 86_400_000;

/** Words that name a function rather than a person in a mailbox name. */
const SHARED_WORDS =
  /\b(shared|mailbox|enquiries|enquiry|inquiries|info|reception|accounts|invoices?|careers|jobs|recruitment|support|helpdesk|sales|lettings|complaints|press|deposits|payroll|billing|orders|bookings|admin office|office|hr|marketing|noreply|no-reply|requests|team)\b/i;
const ROOM_WORDS =
  /\b(room|boardroom|meeting|conference|huddle|pod|suite|auditorium|resource|equipment|van|pool car)\b/i;
const SERVICE_UPN =
  /^(svc|srv|service|sa|app|scan|scanner|printer|mfp|copier|erp|sql|backup|automation|integration|api|sync|bot|script|task|job)[-._0-9]/i;
const SERVICE_NAME =
  /\b(service account|svc|scanner|scan to email|scan-to-email|printer|mfp|copier|erp|integration|automation|script|connector|api user|bot)\b/i;
const SYNC_UPN = /^(sync_|adtoaadsyncserviceaccount|aad_)/i;
const DESKLESS_TITLE =
  /\b(warehouse|operative|driver|forklift|technician|electrician|plumber|field|cleaner|porter|caretaker|engineer|stock|picker|packer|labourer|security officer)\b/i;

function localPart(upn: string): string {
  return upn.split("@")[0] ?? upn;
}

function looksLikePersonName(u: User): boolean {
  // "first.last" or "First Last" with both parts capitalised words and no function word.
  const l = localPart(u.userPrincipalName);
  return (
    /^[a-z][a-z'-]+[._][a-z][a-z'-]+\d*$/i.test(l) &&
    !SHARED_WORDS.test(u.displayName) &&
    !ROOM_WORDS.test(u.displayName)
  );
}

function confidenceOf(strong: number, weak: number): Confidence | null {
  if (strong >= 2 || (strong >= 1 && weak >= 2)) return "high";
  if (strong >= 1 || weak >= 3) return "medium";
  if (weak >= 2) return "low";
  return null;
}

/**
 * Classify every user. A user gets at most one candidate: the most specific type wins
 * (sync > room > service > shared > guest > noSmartphone). Low-confidence guesses are returned too;
 * callers decide what to show (the assessment reports medium and high only).
 */
export function detectExceptionCandidates(input: ClassifyInput): ExceptionCandidate[] {
  const { snapshot, index, activity, hasSignIns, now } = input;
  const roomEmails = new Set(snapshot.rooms.map((r) => r.emailAddress.toLowerCase()));
  const cutoff90 = new Date(Date.parse(now) - 90 * DAY_MS).toISOString();
  const out: ExceptionCandidate[] = [];
  for (const u of snapshot.users) {
    const c = classifyOne(u);
    if (c)
      out.push({
        userId: u.id,
        userPrincipalName: u.userPrincipalName,
        displayName: u.displayName,
        source: "detected",
        ...c,
      });
  }
  return out;

  function classifyOne(u: User): { type: CandidateType; confidence: Confidence; signals: string[] } | null {
    const upn = u.userPrincipalName.toLowerCase();
    const local = localPart(upn);
    const a = activity.get(u.id);
    const m = input.methodsOf(u.id);
    let lastActivity: string | null = null;
    for (const t of [
      u.signInActivity?.lastSignInDateTime,
      u.signInActivity?.lastNonInteractiveSignInDateTime,
      a?.lastSeen,
    ]) {
      if (t && (lastActivity === null || t > lastActivity)) lastActivity = t;
    }
    const noTitle = !u.jobTitle && !u.department;
    const unlicensed = u.assignedLicenses !== undefined && u.assignedLicenses.length === 0;
    const neverSignedIn = hasSignIns && !lastActivity;
    const quiet90 = hasSignIns && (!lastActivity || lastActivity < cutoff90);

    // Directory synchronization account.
    if (index.activeRolesOf(u.id).has(ROLE.directorySynchronizationAccounts)) {
      const s = ["holds the Directory Synchronization Accounts role"];
      if (SYNC_UPN.test(local)) s.push(`sign-in name '${local}' is the Entra Connect pattern`);
      return { type: "syncAccount", confidence: "high", signals: s };
    }
    if (SYNC_UPN.test(local) || /directory synchroni[sz]ation/i.test(u.displayName)) {
      return {
        type: "syncAccount",
        confidence: "medium",
        signals: [`name '${u.displayName}' follows the Entra Connect pattern`],
      };
    }

    // Guests.
    if (u.userType === "Guest") {
      const s = ["userType is Guest"];
      if (upn.includes("#ext#")) s.push("B2B account (#EXT# in the sign-in name)");
      return { type: "guest", confidence: "high", signals: s };
    }

    // Rooms and resources.
    const mail = (u.mail ?? "").toLowerCase();
    if (roomEmails.has(upn) || (mail && roomEmails.has(mail))) {
      const s = ["matches a room mailbox in the places directory"];
      if (quiet90) s.push("no sign-ins in 90 days");
      return { type: "room", confidence: "high", signals: s };
    }
    {
      let strong = 0;
      let weak = 0;
      const s: string[] = [];
      const W = (x: string) => {
        weak++;
        s.push(x);
      };
      if (ROOM_WORDS.test(u.displayName) && !looksLikePersonName(u)) {
        strong++;
        s.push(`display name '${u.displayName}' names a room or resource`);
      }
      if (strong > 0) {
        if (unlicensed) W("no licence assigned");
        if (neverSignedIn) W("never signed in");
        if (noTitle) W("no job title or department");
        const conf = confidenceOf(strong, weak);
        if (conf && conf !== "low") return { type: "room", confidence: conf, signals: s };
      }
    }

    // User-based service accounts.
    {
      let strong = 0;
      let weak = 0;
      const s: string[] = [];
      const S = (x: string) => {
        strong++;
        s.push(x);
      };
      const W = (x: string) => {
        weak++;
        s.push(x);
      };
      if (SERVICE_UPN.test(local)) S(`sign-in name '${local}' follows a service-account pattern`);
      else if (SERVICE_NAME.test(u.displayName)) S(`display name '${u.displayName}' names a device or integration`);
      if (a && a.count > 0) {
        if (a.legacyCount === a.count) W("signs in only with legacy protocols");
        else if (a.interactiveCount === 0) W("signs in only non-interactively");
        if (a.ip !== null && !a.manyIps) W("always from the same IP address");
      }
      if (noTitle) W("no job title or department");
      if (input.hasRegistrations && m && !m.registered) W("no MFA method registered");
      // Behaviour alone (no telling name) needs four signals: people with old clients look similar.
      if (strong > 0 || weak >= 4) {
        const conf = strong > 0 ? confidenceOf(strong, weak) : "medium";
        if (conf && conf !== "low") return { type: "serviceAccount", confidence: conf, signals: s };
      }
    }

    // Shared mailboxes: a function's name, no licence, no sign-ins, nobody's job title.
    {
      let strong = 0;
      let weak = 0;
      const s: string[] = [];
      const S = (x: string) => {
        strong++;
        s.push(x);
      };
      const W = (x: string) => {
        weak++;
        s.push(x);
      };
      if (/\bshared\b/i.test(u.displayName) || /\bshared\b/i.test(local)) S("display name contains 'Shared'");
      else if (
        !looksLikePersonName(u) &&
        (SHARED_WORDS.test(u.displayName) || SHARED_WORDS.test(local.replace(/[._-]/g, " ")))
      ) {
        strong++;
        s.push(`name '${u.displayName}' names a function, not a person`);
      }
      if (unlicensed) W("no licence assigned");
      if (neverSignedIn) W("never signed in");
      else if (quiet90) W("no sign-ins in 90 days");
      if (noTitle) W("no job title or department");
      const conf = confidenceOf(strong, weak);
      if (conf && conf !== "low" && (strong > 0 || !looksLikePersonName(u))) {
        return { type: "sharedMailbox", confidence: conf, signals: s };
      }
    }

    // People without a smartphone: active, never on a phone, no app-based method.
    if (
      u.accountEnabled &&
      hasSignIns &&
      a &&
      a.interactiveCount > 0 &&
      a.mobileCount === 0 &&
      m &&
      !m.smartphoneMethod
    ) {
      const s = [
        "signed in during the window but never from a phone (iOS or Android)",
        "no app-based method (Authenticator, OATH app, passkey) registered",
      ];
      let conf: Confidence = "medium";
      if (m.phoneOnly) {
        s.push("registered only SMS or voice");
        conf = "high";
      }
      if (u.jobTitle && DESKLESS_TITLE.test(u.jobTitle)) {
        s.push(`job title '${u.jobTitle}' is deskless work`);
        conf = "high";
      }
      return { type: "noSmartphone", confidence: conf, signals: s };
    }
    // Not seen in the window: only the methods can tell. A hardware key without any app says "no smartphone"
    // with medium confidence.
    if (u.accountEnabled && (!a || a.interactiveCount === 0) && m?.registered && !m.smartphoneMethod) {
      // (SMS only in deskless work was tried as a third signal; too many such people do own a smartphone.)
      if (m.hardwareKey) {
        const s = ["registered a security key but no app-based method"];
        if (u.jobTitle && DESKLESS_TITLE.test(u.jobTitle)) s.push(`job title '${u.jobTitle}' is deskless work`);
        s.push("no sign-in in the window to confirm it");
        return { type: "noSmartphone", confidence: "medium", signals: s };
      }
    }
    return null;
  }
}
