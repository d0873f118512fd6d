// emergency.two-accounts: at least two emergency (break-glass) accounts, declared by the admin. Detection
// proposes candidates with reasons but never passes this check on a guess.

import { fail, pass, plural, skip } from "../shared/finding.js";
import type { Check } from "../types.js";
import { EMERGENCY_LINK } from "./accounts.js";

export const twoAccounts: Check = {
  id: "emergency.two-accounts",
  area: "emergency",
  title: "At least two emergency access accounts, declared",
  severity: "blocker",
  rationale:
    "Emergency accounts are the way back in when a policy, a federation outage or a lost admin phone locks everyone else out. Two, so that one lost key is not the end; declared, so that every later check and every policy change protects exactly them.",
  remediation:
    "Create (or confirm) two cloud-only accounts on the *.onmicrosoft.com domain with permanent Global Administrator, and declare each with 'glidepath classify USER emergency'.",
  links: [EMERGENCY_LINK],
  evaluate(ctx) {
    const f = ctx.facts;
    if (!f.has("users") || !f.has("roleAssignments")) return skip(this, "no-directory-data");
    const ea = f.emergency;
    const upn = (id: string) => ctx.index.userById.get(id)?.userPrincipalName ?? id;
    if (ea.source === "declared") {
      const details = ea.declaredMissing.map((d) => `${d}: declared but not in the directory`);
      if (ea.declaredMissing.length > 0) {
        return fail(
          this,
          `${plural(ea.declaredMissing.length, "declared emergency account")} not found in the directory`,
          {
            evidence: { users: ea.userIds },
            details,
          },
        );
      }
      if (ea.userIds.length < 2) {
        return fail(this, `only ${plural(ea.userIds.length, "emergency account")} declared; two are needed`, {
          evidence: { users: ea.userIds },
        });
      }
      return pass(
        this,
        `${plural(ea.userIds.length, "emergency account")} declared: ${ea.userIds.map(upn).join(", ")}`,
        {
          evidence: { users: ea.userIds },
        },
      );
    }
    const shown = ea.candidates.filter((c) => c.confidence !== "low");
    const details = shown.map((c) => `${c.userPrincipalName} (${c.confidence} confidence): ${c.signals.join("; ")}`);
    if (shown.length === 0) return fail(this, "no emergency account declared, and none detected");
    return fail(
      this,
      `not declared — detected ${shown.map((c) => c.userPrincipalName).join(", ")}; confirm each with 'glidepath classify USER emergency'`,
      { evidence: { users: shown.map((c) => c.userId) }, details },
    );
  },
};
