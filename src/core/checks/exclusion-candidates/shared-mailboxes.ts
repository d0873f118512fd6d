// exceptions.shared-mailboxes: shared mailboxes, which nobody signs in to and which must not be counted as
// people without MFA; the fix is to block their sign-in, not to exclude them from policies.

import type { Check } from "../types.js";
import { evaluateCandidates } from "./candidate-check.js";

export const sharedMailboxes: Check = {
  id: "exceptions.shared-mailboxes",
  area: "exceptions",
  title: "Shared mailboxes",
  severity: "medium",
  rationale:
    "Shared mailboxes are opened through a person's own sign-in; their own account should never sign in. Counted as people they inflate the unregistered list; left with sign-in enabled they are a password-only back door.",
  remediation:
    "Confirm each one with 'glidepath classify USER sharedMailbox' and block its sign-in in the Microsoft 365 admin center; do not exclude it from the MFA policy.",
  links: [
    {
      title: "About shared mailboxes (block sign-in)",
      url: "https://learn.microsoft.com/microsoft-365/admin/email/about-shared-mailboxes",
    },
  ],
  evaluate(ctx) {
    return evaluateCandidates(this, ctx, "sharedMailbox", ["shared mailbox", "shared mailboxes"], (c) =>
      ctx.index.userById.get(c.userId)?.accountEnabled ? "sign-in is enabled: block it" : null,
    );
  },
};
