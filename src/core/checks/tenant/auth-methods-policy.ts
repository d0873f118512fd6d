// tenant.auth-methods-policy: the Authentication methods policy lets people register what the roll-out asks
// for — Microsoft Authenticator with number matching, FIDO2 security keys and Temporary Access Pass —
// and lets exactly the people who need them (e.g. those without a smartphone) use them.
// https://learn.microsoft.com/entra/identity/authentication/concept-authentication-methods-manage

import type { AuthenticationMethodConfiguration } from "../../model/policy.js";
import { candidatesOf } from "../exclusion-candidates/candidate-check.js";
import { fail, pass, skip } from "../shared/finding.js";
import type { AssessmentContext, Check } from "../types.js";

function config(ctx: AssessmentContext, id: string): AuthenticationMethodConfiguration | undefined {
  return ctx.snapshot.authenticationMethodsPolicy?.authenticationMethodConfigurations.find(
    (c) => c.id.toLowerCase() === id.toLowerCase(),
  );
}

/** Does the method configuration let this user use the method? `null` when a target group is unknown. */
export function targets(ctx: AssessmentContext, c: AuthenticationMethodConfiguration, userId: string): boolean {
  if (c.state.toLowerCase() !== "enabled") return false;
  const hit = (ts: AuthenticationMethodConfiguration["includeTargets"]) =>
    (ts ?? []).some((t) =>
      t.id === "all_users" ? true : t.targetType === "user" ? t.id === userId : ctx.index.groupsOf(userId).has(t.id),
    );
  return hit(c.includeTargets) && !hit(c.excludeTargets);
}

function numberMatching(c: AuthenticationMethodConfiguration): string | null {
  const fs = c.featureSettings as Record<string, { state?: string } | undefined> | null | undefined;
  return fs?.numberMatchingRequiredState?.state ?? null;
}

export const authMethodsPolicy: Check = {
  id: "tenant.auth-methods-policy",
  area: "tenant",
  title: "Authentication methods policy allows the methods the roll-out needs",
  severity: "high",
  rationale:
    "People can only register what the Authentication methods policy enables for them. If FIDO2 or Temporary Access Pass is off, people without a smartphone have nothing to register; Authenticator without number matching invites MFA-fatigue approvals.",
  remediation:
    "In Entra admin center > Authentication methods: enable Microsoft Authenticator for all users (number matching is on by default — do not disable it), FIDO2 security keys and Temporary Access Pass at least for the groups that need them (people without a smartphone, administrators).",
  links: [
    {
      title: "Manage authentication methods",
      url: "https://learn.microsoft.com/entra/identity/authentication/concept-authentication-methods-manage",
    },
    {
      title: "Number matching",
      url: "https://learn.microsoft.com/entra/identity/authentication/how-to-mfa-number-match",
    },
    {
      title: "Temporary Access Pass",
      url: "https://learn.microsoft.com/entra/identity/authentication/howto-authentication-temporary-access-pass",
    },
  ],
  evaluate(ctx) {
    if (!ctx.facts.has("authenticationMethodsPolicy") || !ctx.snapshot.authenticationMethodsPolicy) {
      return skip(this, "no-authentication-methods-policy");
    }
    const problems: string[] = [];
    const configs = new Set<string>();
    const users = new Set<string>();
    const auth = config(ctx, "MicrosoftAuthenticator");
    if (auth?.state.toLowerCase() !== "enabled") {
      problems.push("Microsoft Authenticator is not enabled");
      configs.add(auth?.id ?? "MicrosoftAuthenticator");
    } else if ((numberMatching(auth) ?? "").toLowerCase() === "disabled") {
      problems.push("Microsoft Authenticator has number matching disabled");
      configs.add(auth.id);
    }
    const noPhone = ctx.facts.has("users") ? candidatesOf(ctx, "noSmartphone").map((c) => c.userId) : [];
    for (const [id, label] of [
      ["Fido2", "FIDO2 security keys (passkeys)"],
      ["TemporaryAccessPass", "Temporary Access Pass"],
    ] as const) {
      const c = config(ctx, id);
      if (c?.state.toLowerCase() !== "enabled") {
        problems.push(`${label} ${c ? `is ${c.state}` : "is not configured"}`);
        configs.add(c?.id ?? id);
        continue;
      }
      const missing = noPhone.filter((u) => !targets(ctx, c, u));
      if (missing.length > 0) {
        problems.push(`${label} is enabled but not for ${missing.length} people without a smartphone`);
        configs.add(c.id);
        for (const u of missing) users.add(u);
      }
    }
    return problems.length === 0
      ? pass(
          this,
          "Authenticator (number matching), FIDO2 and Temporary Access Pass are enabled for the people who need them",
        )
      : fail(this, problems.join("; "), { evidence: { users: [...users], policies: [...configs] }, details: problems });
  },
};
