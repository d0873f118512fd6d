// tenant.security-defaults: security defaults and Conditional Access are exclusive; which path is this tenant on?
// https://learn.microsoft.com/entra/fundamentals/security-defaults

import { fail, pass, skip } from "../shared/finding.js";
import type { Check } from "../types.js";
import { licenceState } from "./licences.js";

export const securityDefaults: Check = {
  id: "tenant.security-defaults",
  area: "tenant",
  title: "Security defaults versus Conditional Access",
  severity: "high",
  rationale:
    "Security defaults must be off for Conditional Access to work, and a tenant with neither has nothing that requires MFA. Security defaults no longer give users a 14-day window to skip registration (removed July 2024).",
  remediation:
    "With Entra ID P1: keep security defaults on until the Conditional Access policy is enforced, then turn them off in the same change. Without P1: turn security defaults on and run the registration campaign before it, since nobody can postpone registration any more.",
  links: [{ title: "Security defaults", url: "https://learn.microsoft.com/entra/fundamentals/security-defaults" }],
  departsFromSeeds:
    "Guidance written before mid-2024 assumed security defaults give people 14 days to register; Microsoft removed that window in July 2024, so the registration campaign must come first.",
  evaluate(ctx) {
    if (!ctx.facts.has("securityDefaults") || !ctx.snapshot.securityDefaults)
      return skip(this, "no-security-defaults-data");
    const on = ctx.snapshot.securityDefaults.isEnabled;
    const lic = ctx.facts.has("subscribedSkus") ? licenceState(ctx.snapshot.subscribedSkus) : null;
    const enabled = ctx.facts.has("policies") ? ctx.snapshot.policies.filter((p) => p.state === "enabled") : [];
    if (on && enabled.length > 0) {
      return fail(
        this,
        `security defaults are on while ${enabled.length} Conditional Access policies are enabled; Entra allows only one of the two`,
        {
          evidence: { policies: enabled.map((p) => p.id ?? p.displayName) },
        },
      );
    }
    if (on) {
      return pass(
        this,
        lic?.p1
          ? "security defaults on: keep them until the Conditional Access policy is enforced, then switch them off in the same change"
          : "security defaults on: the Security Defaults path (MFA registration required for everyone, no skip window)",
      );
    }
    if (lic && !lic.p1)
      return fail(
        this,
        "security defaults off and no Entra ID P1: nothing in this tenant can require MFA — turn security defaults on",
      );
    if (!ctx.facts.has("policies"))
      return skip(this, "no-policy-data", "skipped: security defaults are off and the policies were not captured");
    return pass(this, `security defaults off: the Conditional Access path (${enabled.length} enabled policies)`);
  },
};
