// registration.sms-voice-only: people whose only MFA methods are SMS or voice calls.

import { fail, pass, plural, skip } from "../shared/finding.js";
import type { Check } from "../types.js";
import { peopleInScope } from "./scope.js";

export const smsVoiceOnly: Check = {
  id: "registration.sms-voice-only",
  area: "registration",
  title: "People who rely on SMS or voice only",
  severity: "low",
  rationale:
    "SMS and voice are the weakest methods (SIM swap, interception) and fail without mobile signal; they cannot meet stronger authentication strengths later.",
  remediation:
    "Move them to Microsoft Authenticator during the campaign (the registration campaign targets exactly these people), or to a FIDO2 key when they have no smartphone; keep SMS as the backup, not the only method.",
  links: [
    {
      title: "Registration campaign",
      url: "https://learn.microsoft.com/entra/identity/authentication/how-to-mfa-registration-campaign",
    },
  ],
  evaluate(ctx) {
    if (!ctx.facts.has("registrations") && !ctx.facts.has("authenticationMethods"))
      return skip(this, "no-registration-data");
    const users = peopleInScope(ctx).filter((id) => ctx.facts.methods(id).phoneOnly);
    return users.length === 0
      ? pass(this, "nobody relies on SMS or voice alone")
      : fail(this, `${plural(users.length, "person", "people")} rely on SMS or voice only`, { evidence: { users } });
  },
};
