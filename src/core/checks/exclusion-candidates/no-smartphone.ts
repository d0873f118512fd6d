// exceptions.no-smartphone: people who cannot use the Authenticator app — they need a FIDO2 key or a
// Temporary Access Pass, with SMS only as the last resort.

import { skip } from "../shared/finding.js";
import type { Check } from "../types.js";
import { evaluateCandidates } from "./candidate-check.js";

export const noSmartphone: Check = {
  id: "exceptions.no-smartphone",
  area: "exceptions",
  title: "People without a smartphone",
  severity: "high",
  rationale:
    "Warehouse, field and shift staff without a company or personal smartphone cannot register the app; told to 'install Authenticator' they are locked out on enforcement day.",
  remediation:
    "Confirm with 'glidepath classify USER noSmartphone'. Order FIDO2 security keys (or use Windows Hello on shared devices) and issue a Temporary Access Pass to register them; SMS only when nothing else is possible.",
  links: [
    {
      title: "Passkeys (FIDO2) in Entra ID",
      url: "https://learn.microsoft.com/entra/identity/authentication/how-to-enable-passkey-fido2",
    },
    {
      title: "Temporary Access Pass",
      url: "https://learn.microsoft.com/entra/identity/authentication/howto-authentication-temporary-access-pass",
    },
  ],
  evaluate(ctx) {
    if (!ctx.facts.hasSignInData && !Object.values(ctx.config.classifications ?? {}).includes("noSmartphone")) {
      return skip(this, "no-sign-in-data", "skipped: without sign-ins Glidepath cannot tell who never uses a phone");
    }
    return evaluateCandidates(this, ctx, "noSmartphone", [
      "person without a smartphone",
      "people without a smartphone",
    ]);
  },
};
