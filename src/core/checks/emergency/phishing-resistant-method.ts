// emergency.phishing-resistant-method: each emergency account holds a passkey / FIDO2 key or a certificate.
// Departs from older guidance, which recommended no MFA registration for these accounts.

import { fail, pass, skip } from "../shared/finding.js";
import type { Check } from "../types.js";
import { EMERGENCY_LINK, emergencySubjects, isFinding, upnOf, withNote } from "./accounts.js";

export const phishingResistantMethod: Check = {
  id: "emergency.phishing-resistant-method",
  area: "emergency",
  title: "Emergency accounts hold a phishing-resistant method",
  severity: "blocker",
  rationale:
    "Since October 2024 Microsoft requires MFA on the Azure portal, Entra admin center and Intune admin center for every account, emergency accounts included: an emergency account without a method cannot reach the portals when it is needed.",
  remediation:
    "Register two FIDO2 security keys (passkeys) on each emergency account — or certificate-based authentication where a PKI exists — and store them in separate safes.",
  links: [
    EMERGENCY_LINK,
    {
      title: "Mandatory MFA for Azure and admin portals",
      url: "https://learn.microsoft.com/entra/identity/authentication/concept-mandatory-multifactor-authentication",
    },
  ],
  departsFromSeeds:
    "Guidance written before October 2024 recommended emergency accounts with no MFA method at all; Microsoft now enforces MFA on the admin portals for every account, so Glidepath expects a passkey or certificate instead.",
  evaluate(ctx) {
    const s = emergencySubjects(ctx, this);
    if (isFinding(s)) return s;
    if (!ctx.facts.has("registrations") && !ctx.facts.has("authenticationMethods"))
      return skip(this, "no-registration-data");
    const bad = s.ids.filter((id) => !ctx.facts.methods(id).portablePhishingResistant);
    const details = bad.map((id) => {
      const m = ctx.facts.methods(id).mfa;
      return `${upnOf(ctx, id)}: ${m.length === 0 ? "no MFA method" : `only ${m.join(", ")}`}`;
    });
    return bad.length === 0
      ? pass(this, withNote(s, "every emergency account holds a passkey / FIDO2 key or a certificate"), {
          evidence: { users: s.ids },
        })
      : fail(
          this,
          withNote(s, `${bad.length} of ${s.ids.length} emergency accounts hold no passkey, FIDO2 key or certificate`),
          {
            evidence: { users: bad },
            details,
          },
        );
  },
};
