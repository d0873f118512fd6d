// registration.coverage: the share of active, in-scope members who registered an MFA method — the
// baseline the registration campaign starts from, with exactly who is missing.

import { fail, pass, plural, skip } from "../shared/finding.js";
import type { AssessmentContext, Check } from "../types.js";

/** The campaign's goal (PRODUCT.md, phase 2 gate). */
export const REGISTRATION_GOAL = 0.95;

/** Active members split into in scope / out of scope, and the in-scope ones without a registration. */
export function coverageOf(ctx: AssessmentContext): { inScope: string[]; missing: string[]; outOfScope: number } {
  const f = ctx.facts;
  const inScope: string[] = [];
  const missing: string[] = [];
  let outOfScope = 0;
  for (const id of f.activeMembers) {
    if (f.outOfScope(id)) {
      outOfScope++;
      continue;
    }
    inScope.push(id);
    if (!f.methods(id).registered) missing.push(id);
  }
  return { inScope, missing, outOfScope };
}

export const coverage: Check = {
  id: "registration.coverage",
  area: "registration",
  title: "Active, in-scope members registered for MFA",
  severity: "medium",
  rationale:
    "Everyone who is not registered when enforcement starts is stopped at their next sign-in and must register on the spot; the campaign needs to know who they are before it starts.",
  remediation:
    "Announce the registration window and send the listed people to https://aka.ms/mysecurityinfo; give people without a smartphone a FIDO2 key or a Temporary Access Pass.",
  links: [
    {
      title: "Registration campaign (nudge)",
      url: "https://learn.microsoft.com/entra/identity/authentication/how-to-mfa-registration-campaign",
    },
    {
      title: "userRegistrationDetails",
      url: "https://learn.microsoft.com/graph/api/resources/userregistrationdetails",
    },
  ],
  evaluate(ctx) {
    const f = ctx.facts;
    if (!f.has("users")) return skip(this, "no-directory-data");
    if (!f.has("registrations")) return skip(this, "no-registration-data");
    if (!f.hasSignInData)
      return skip(this, "no-sign-in-data", "skipped: without sign-in data nobody can be called active");
    const { inScope, missing, outOfScope } = coverageOf(ctx);
    if (inScope.length === 0) return skip(this, "not-applicable", "skipped: no active, in-scope member");
    const rate = (inScope.length - missing.length) / inScope.length;
    const noPhone = missing.filter((id) => f.exceptionOf(id)?.type === "noSmartphone").length;
    const details = [
      `${plural(inScope.length, "active in-scope member")}; ${plural(outOfScope, "active account")} out of scope (emergency, service, shared, room, sync accounts and guests).`,
    ];
    if (noPhone > 0)
      details.push(
        `${plural(noPhone, "of them has", "of them have")} no smartphone: they need a FIDO2 key or a Temporary Access Pass, not the app.`,
      );
    const status = `${(rate * 100).toFixed(1)}% of ${inScope.length.toLocaleString("en-US")} active in-scope members registered; ${plural(missing.length, "person", "people")} not yet`;
    return rate >= REGISTRATION_GOAL
      ? pass(this, status, { evidence: { users: missing }, details })
      : fail(this, `${status} (goal ${REGISTRATION_GOAL * 100}%)`, { evidence: { users: missing }, details });
  },
};
