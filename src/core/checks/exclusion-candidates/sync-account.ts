// exceptions.sync-account: the Microsoft Entra Connect directory synchronization account.

import type { Check } from "../types.js";
import { evaluateCandidates } from "./candidate-check.js";

export const syncAccount: Check = {
  id: "exceptions.sync-account",
  area: "exceptions",
  title: "Directory synchronization account",
  severity: "high",
  rationale:
    "Microsoft Entra Connect signs in as this account without a person present; a policy that requires MFA for it stops directory synchronization.",
  remediation:
    "Confirm with 'glidepath classify USER syncAccount' and exclude it (or the Directory Synchronization Accounts role) from the MFA policy; restrict it to the sync server's address with a location policy.",
  links: [
    {
      title: "Entra Connect accounts",
      url: "https://learn.microsoft.com/entra/identity/hybrid/connect/reference-connect-accounts-permissions",
    },
  ],
  evaluate(ctx) {
    return evaluateCandidates(this, ctx, "syncAccount", [
      "directory synchronization account",
      "directory synchronization accounts",
    ]);
  },
};
