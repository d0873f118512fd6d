// exceptions.service-accounts: user accounts used by devices and software (scan-to-email, ERP, scripts).

import type { Check } from "../types.js";
import { evaluateCandidates } from "./candidate-check.js";

export const serviceAccounts: Check = {
  id: "exceptions.service-accounts",
  area: "exceptions",
  title: "User-based service accounts",
  severity: "high",
  rationale:
    "A printer, an ERP connector or a script signing in as a user cannot answer an MFA prompt: it stops working the day the policy covers it.",
  remediation:
    "Confirm with 'glidepath classify USER serviceAccount'. Move each to a managed identity, an app registration with a certificate, or an SMTP relay; until then exclude it through a named, owned exception group limited to its known location.",
  links: [
    {
      title: "Securing service accounts",
      url: "https://learn.microsoft.com/entra/architecture/secure-service-accounts",
    },
    {
      title: "Workload identities and CA",
      url: "https://learn.microsoft.com/entra/identity/conditional-access/workload-identity",
    },
  ],
  evaluate(ctx) {
    return evaluateCandidates(this, ctx, "serviceAccount", ["service account", "service accounts"]);
  },
};
