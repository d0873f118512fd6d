// emergency.sign-in-alerting: an alert fires on every emergency-account sign-in. Glidepath cannot see
// Azure Monitor alert rules from the directory data it reads, so it says so and says how to set one up.

import { skip } from "../shared/finding.js";
import type { Check } from "../types.js";
import { EMERGENCY_LINK, upnOf } from "./accounts.js";

export const signInAlerting: Check = {
  id: "emergency.sign-in-alerting",
  area: "emergency",
  title: "Alerting on emergency-account sign-ins",
  severity: "medium",
  rationale:
    "An emergency account used by someone else must be noticed within minutes, not at the next review; Microsoft recommends a highest-severity alert on any sign-in of these accounts.",
  remediation:
    "Send the sign-in logs to a Log Analytics workspace (Entra diagnostic settings) and create an alert rule: SigninLogs | where UserId in ('<id1>','<id2>'), every 5 minutes, threshold > 0, action group that pages the on-call admin. Do the same for AuditLogs.",
  links: [{ title: "Monitor emergency accounts", url: `${EMERGENCY_LINK.url}#monitor-sign-in-and-audit-logs` }],
  evaluate(ctx) {
    const ids = ctx.facts.has("users") ? ctx.facts.emergency.userIds : [];
    const list = ids.map((id) => `'${id}'`).join(", ");
    const details =
      ids.length > 0
        ? [
            `KQL for these accounts: SigninLogs | where UserId in (${list})`,
            `accounts: ${ids.map((id) => upnOf(ctx, id)).join(", ")}`,
          ]
        : [];
    return skip(
      this,
      "cannot-verify-from-here",
      "cannot be verified from here: alert rules live in Azure Monitor, which Glidepath does not read — set one up as described",
      { evidence: { users: ids }, details },
    );
  },
};
