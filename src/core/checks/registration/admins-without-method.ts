// registration.admins-without-method: administrators with no MFA method registered — a blocker, because
// admin portals already require MFA and an attacker who registers first owns the account.

import { ROLE_NAMES } from "../../model/well-known.js";
import { fail, pass, plural, skip } from "../shared/finding.js";
import type { Check } from "../types.js";

export const adminsWithoutMethod: Check = {
  id: "registration.admins-without-method",
  area: "registration",
  title: "Administrators without any MFA method",
  severity: "blocker",
  rationale:
    "An administrator with no method cannot reach the admin portals (Microsoft enforces MFA there for every account) and is the most valuable account for an attacker to register a method on first.",
  remediation:
    "Before the campaign, have each listed administrator register a phishing-resistant method (passkey / FIDO2 key) or at least Authenticator; issue a one-time Temporary Access Pass to bootstrap it.",
  links: [
    {
      title: "Mandatory MFA for admin portals",
      url: "https://learn.microsoft.com/entra/identity/authentication/concept-mandatory-multifactor-authentication",
    },
    {
      title: "Temporary Access Pass",
      url: "https://learn.microsoft.com/entra/identity/authentication/howto-authentication-temporary-access-pass",
    },
  ],
  evaluate(ctx) {
    const f = ctx.facts;
    if (!f.has("roleAssignments"))
      return skip(this, "no-directory-data", "skipped: role assignments were not captured");
    if (!f.has("registrations") && !f.has("authenticationMethods")) return skip(this, "no-registration-data");
    const emergency = new Set(f.emergency.userIds);
    const admins = [...f.activeAdmins, ...f.eligibleAdmins].filter((id) => {
      const u = ctx.index.userById.get(id);
      return u?.accountEnabled && !emergency.has(id);
    });
    const users = admins.filter((id) => !f.methods(id).registered);
    const details = users.map((id) => {
      const roles = [...ctx.index.activeRolesOf(id)].map((r) => ROLE_NAMES[r] ?? r);
      const eligible = [...ctx.index.eligibleRolesOf(id)].map((r) => `${ROLE_NAMES[r] ?? r} (eligible)`);
      return `${ctx.index.userById.get(id)?.userPrincipalName ?? id}: ${[...roles, ...eligible].join(", ")}`;
    });
    return users.length === 0
      ? pass(this, `all ${plural(admins.length, "administrator")} hold an MFA method`)
      : fail(this, `${plural(users.length, "administrator")} without any MFA method`, { evidence: { users }, details });
  },
};
