// registration.single-method: people with exactly one MFA method — one lost phone is a lockout.

import { fail, pass, plural, skip } from "../shared/finding.js";
import type { Check } from "../types.js";
import { peopleInScope } from "./scope.js";

export const singleMethod: Check = {
  id: "registration.single-method",
  area: "registration",
  title: "People with a single MFA method",
  severity: "medium",
  rationale:
    "A person whose only method is one phone is locked out the day that phone is lost, replaced or reset; the helpdesk then has to verify them by other means.",
  remediation:
    "Ask them to add a second method at https://aka.ms/mysecurityinfo (a second phone number or an OATH code alongside the app, or a FIDO2 key); keep Temporary Access Pass ready for recovery.",
  links: [
    {
      title: "Authentication methods",
      url: "https://learn.microsoft.com/entra/identity/authentication/concept-authentication-methods",
    },
  ],
  evaluate(ctx) {
    if (!ctx.facts.has("registrations") && !ctx.facts.has("authenticationMethods"))
      return skip(this, "no-registration-data");
    const users = peopleInScope(ctx).filter((id) => {
      const m = ctx.facts.methods(id);
      return m.registered && m.mfa.length === 1;
    });
    return users.length === 0
      ? pass(this, "every registered person has at least two MFA methods")
      : fail(this, `${plural(users.length, "registered person", "registered people")} with only one MFA method`, {
          evidence: { users },
        });
  },
};
