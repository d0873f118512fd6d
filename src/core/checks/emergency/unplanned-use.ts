// emergency.unplanned-use: emergency-account sign-ins that are not planned tests. A test is an interactive,
// successful sign-in (on a declared test date when the workspace lists them); token refreshes, failures and
// legacy protocols mean the account is being used or attacked.

import { isLegacyClientApp } from "../../model/sign-in-codes.js";
import { fail, pass, recentSignInIds, skip } from "../shared/finding.js";
import type { Check } from "../types.js";
import { EMERGENCY_LINK, emergencySubjects, isFinding, upnOf, withNote } from "./accounts.js";

export const unplannedUse: Check = {
  id: "emergency.unplanned-use",
  area: "emergency",
  title: "No unplanned use of the emergency accounts",
  severity: "high",
  rationale:
    "Emergency accounts are for emergencies and tests. Any other use — a script, a shared password, a failed guess — means the credential is not under control.",
  remediation:
    "Investigate each listed sign-in; rotate the credential if it was not a test; record planned tests so they are told apart from use.",
  links: [EMERGENCY_LINK],
  evaluate(ctx) {
    const s = emergencySubjects(ctx, this);
    if (isFinding(s)) return s;
    if (!ctx.facts.hasSignInLog) return skip(this, "no-sign-in-data");
    const ids = new Set(s.ids);
    const testDays = new Set(ctx.config.emergencyTestDates ?? []);
    const users = new Set<string>();
    const details: string[] = [];
    let tests = 0;
    for (const p of ctx.facts.patterns) {
      if (!ids.has(p.userId)) continue;
      const why: string[] = [];
      if (p.signInEventType !== "interactiveUser") why.push("non-interactive (an app or script holds a token)");
      if (isLegacyClientApp(p.clientAppUsed)) why.push(`legacy protocol ${p.clientAppUsed}`);
      if (p.failureCount > 0) why.push(`${p.failureCount} failed`);
      if (testDays.size > 0 && !testDays.has(p.lastSeen.slice(0, 10))) why.push("not on a declared test date");
      if (why.length === 0) {
        tests += p.successCount;
        continue;
      }
      users.add(p.userId);
      details.push(
        `${upnOf(ctx, p.userId)}: ${p.count} sign-ins to ${p.appDisplayName ?? p.appId} from ${p.ipAddress ?? "unknown address"}, last ${p.lastSeen} — ${why.join(", ")}`,
      );
    }
    const signIns = recentSignInIds(
      ctx.snapshot.signIns.filter(
        (x) =>
          ids.has(x.userId) &&
          (x.signInEventType !== "interactiveUser" || x.status.errorCode !== 0 || isLegacyClientApp(x.clientAppUsed)),
      ),
    ).ids;
    return users.size === 0
      ? pass(this, withNote(s, `only test sign-ins (${tests}) by the emergency accounts in the window`), {
          evidence: { users: s.ids },
          details: [],
        })
      : fail(
          this,
          withNote(
            s,
            `${users.size} emergency ${users.size === 1 ? "account was" : "accounts were"} used outside a test`,
          ),
          {
            evidence: { users: [...users], signIns },
            details,
          },
        );
  },
};
