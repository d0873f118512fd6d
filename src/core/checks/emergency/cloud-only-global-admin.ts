// emergency.cloud-only-global-admin: each emergency account is cloud-only, enabled, and a permanent
// active Global Administrator (not PIM-eligible, not time-bound).

import { hasPermanentGlobalAdmin } from "../../exclusions/emergency.js";
import { fail, pass } from "../shared/finding.js";
import type { Check } from "../types.js";
import { EMERGENCY_LINK, emergencySubjects, isFinding, upnOf, withNote } from "./accounts.js";

export const cloudOnlyGlobalAdmin: Check = {
  id: "emergency.cloud-only-global-admin",
  area: "emergency",
  title: "Emergency accounts are cloud-only permanent Global Administrators",
  severity: "blocker",
  rationale:
    "A synchronized account fails with the on-premises directory it depends on; an eligible (PIM) or expiring assignment needs the very approval path that may be broken in an emergency.",
  remediation:
    "Use cloud-only accounts on the *.onmicrosoft.com domain, enabled, with an active permanent Global Administrator assignment made to the account directly.",
  links: [EMERGENCY_LINK],
  evaluate(ctx) {
    const s = emergencySubjects(ctx, this);
    if (isFinding(s)) return s;
    const bad: string[] = [];
    const details: string[] = [];
    for (const id of s.ids) {
      const u = ctx.index.userById.get(id);
      const why: string[] = [];
      if (!u) why.push("not in the directory");
      else {
        if (u.onPremisesSyncEnabled === true) why.push("synchronized from on-premises");
        if (!u.accountEnabled) why.push("disabled");
        if (u.userType !== "Member") why.push("not a member account");
        if (!hasPermanentGlobalAdmin(ctx.snapshot, id, ctx.now))
          why.push("no active permanent Global Administrator assignment");
        if (!u.userPrincipalName.toLowerCase().endsWith(".onmicrosoft.com")) {
          details.push(`${u.userPrincipalName}: advisory — Microsoft recommends the *.onmicrosoft.com domain`);
        }
      }
      if (why.length > 0) {
        bad.push(id);
        details.unshift(`${upnOf(ctx, id)}: ${why.join(", ")}`);
      }
    }
    return bad.length === 0
      ? pass(this, withNote(s, "every emergency account is cloud-only, enabled and a permanent Global Administrator"), {
          evidence: { users: s.ids },
          details,
        })
      : fail(
          this,
          withNote(
            s,
            `${bad.length} of ${s.ids.length} emergency accounts are not cloud-only permanent Global Administrators`,
          ),
          {
            evidence: { users: bad },
            details,
          },
        );
  },
};
