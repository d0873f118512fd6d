// emergency.tested-recently: each emergency account signed in successfully within 90 days — Microsoft asks
// for a validation at least every 90 days, so that a broken key or expired setup is found before it is needed.

import { fail, pass, skip } from "../shared/finding.js";
import type { Check } from "../types.js";
import { EMERGENCY_LINK, emergencySubjects, isFinding, upnOf, withNote } from "./accounts.js";

export const TEST_INTERVAL_DAYS = 90;

export const testedRecently: Check = {
  id: "emergency.tested-recently",
  area: "emergency",
  title: "Emergency accounts tested within 90 days",
  severity: "high",
  rationale:
    "An emergency account that has not signed in for months may have a lost key, an expired password or a policy that now blocks it; you find out in the emergency.",
  remediation:
    "Sign in with each emergency account (and each of its keys) to the Entra admin center, record the date, and repeat at least every 90 days and after staff or policy changes.",
  links: [EMERGENCY_LINK],
  evaluate(ctx) {
    const s = emergencySubjects(ctx, this);
    if (isFinding(s)) return s;
    if (!ctx.facts.hasSignInData) return skip(this, "no-sign-in-data");
    const cutoff = new Date(Date.parse(ctx.now) - TEST_INTERVAL_DAYS * 86_400_000).toISOString();
    const stale = s.ids.filter((id) => {
      const last = ctx.facts.lastSignIn(id);
      return !last || last < cutoff;
    });
    const details = s.ids.map(
      (id) => `${upnOf(ctx, id)}: last sign-in ${ctx.facts.lastSignIn(id) ?? "never recorded"}`,
    );
    return stale.length === 0
      ? pass(this, withNote(s, `every emergency account signed in within ${TEST_INTERVAL_DAYS} days`), {
          evidence: { users: s.ids },
          details,
        })
      : fail(
          this,
          withNote(
            s,
            `${stale.length} of ${s.ids.length} emergency accounts have not signed in within ${TEST_INTERVAL_DAYS} days`,
          ),
          {
            evidence: { users: stale },
            details,
          },
        );
  },
};
