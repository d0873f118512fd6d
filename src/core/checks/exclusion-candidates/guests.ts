// exceptions.guests: B2B guests — in scope of "All users" policies, but they register (or bring MFA) differently.

import type { Check } from "../types.js";
import { evaluateCandidates } from "./candidate-check.js";

export const guests: Check = {
  id: "exceptions.guests",
  area: "exceptions",
  title: "Guests",
  severity: "info",
  rationale:
    "'All users' includes guests. They register MFA in your tenant unless cross-tenant settings trust their home tenant's MFA, and a Temporary Access Pass does not work for them.",
  remediation:
    "Decide per guest population: trust home-tenant MFA in cross-tenant access settings, or let them register here; remove guests who no longer need access before enforcement.",
  links: [
    {
      title: "Authentication and CA for external users",
      url: "https://learn.microsoft.com/entra/external-id/authentication-conditional-access",
    },
  ],
  evaluate(ctx) {
    return evaluateCandidates(this, ctx, "guest", ["guest", "guests"], () => null, true);
  },
};
