// tenant.licences: Conditional Access needs Entra ID P1; risk conditions need P2. Without P1 the roll-out
// takes the Security Defaults path instead.
// https://learn.microsoft.com/entra/identity/conditional-access/overview#license-requirements

import type { SubscribedSku } from "../../model/directory.js";
import { SERVICE_PLAN } from "../../model/well-known.js";
import { fail, pass, skip } from "../shared/finding.js";
import type { Check } from "../types.js";

export interface LicenceState {
  readonly p1: boolean;
  readonly p2: boolean;
  readonly p1Seats: number;
  readonly p2Seats: number;
}

function hasPlan(s: SubscribedSku, plan: string): boolean {
  if (
    s.capabilityStatus &&
    s.capabilityStatus.toLowerCase() !== "enabled" &&
    s.capabilityStatus.toLowerCase() !== "warning"
  )
    return false;
  return s.servicePlans.some((p) => p.servicePlanId === plan && p.provisioningStatus?.toLowerCase() !== "disabled");
}

/** Whether the tenant holds P1 / P2 (P2 includes P1), and how many seats. */
export function licenceState(skus: readonly SubscribedSku[]): LicenceState {
  let p1Seats = 0;
  let p2Seats = 0;
  for (const s of skus) {
    const seats = s.prepaidUnits?.enabled ?? 0;
    const p2 = hasPlan(s, SERVICE_PLAN.entraIdP2);
    if (p2) p2Seats += seats;
    if (p2 || hasPlan(s, SERVICE_PLAN.entraIdP1)) p1Seats += seats;
  }
  return { p1: p1Seats > 0, p2: p2Seats > 0, p1Seats, p2Seats };
}

export const licences: Check = {
  id: "tenant.licences",
  area: "tenant",
  title: "Licences for the chosen path",
  severity: "high",
  rationale:
    "Conditional Access policies need Microsoft Entra ID P1 and sign-in or user risk conditions need P2; without P1 the only tenant-wide MFA switch is security defaults.",
  remediation:
    "With P1: follow the Conditional Access roll-out. Without it: turn on security defaults (the simple path) or buy P1 (Microsoft 365 Business Premium, E3 and E5 include it). Remove risk conditions from policies when there is no P2.",
  links: [
    {
      title: "CA licence requirements",
      url: "https://learn.microsoft.com/entra/identity/conditional-access/overview#license-requirements",
    },
    { title: "Security defaults", url: "https://learn.microsoft.com/entra/fundamentals/security-defaults" },
  ],
  evaluate(ctx) {
    if (!ctx.facts.has("subscribedSkus")) return skip(this, "no-licence-data");
    const l = licenceState(ctx.snapshot.subscribedSkus);
    const members = ctx.snapshot.users.filter((u) => u.userType === "Member" && u.accountEnabled).length;
    const details = [`Entra ID P1 seats (incl. P2): ${l.p1Seats}; P2 seats: ${l.p2Seats}; enabled members: ${members}`];
    if (!l.p1) {
      const live = ctx.snapshot.policies.filter(
        (p) => p.state === "enabled" || p.state === "enabledForReportingButNotEnforced",
      );
      return fail(
        this,
        "no Entra ID P1: Conditional Access is not available — take the Security Defaults path or license P1",
        {
          evidence: { policies: live.map((p) => p.id ?? p.displayName) },
          details,
        },
      );
    }
    if (!ctx.facts.has("policies"))
      return pass(this, `Entra ID P1 present${l.p2 ? " and P2" : ""}; policies not captured`, { details });
    const v = ctx.facts.policyView;
    const risky = v.policies.filter(
      (p) => v.live(p) && ((p.signInRiskLevels?.length ?? 0) > 0 || (p.userRiskLevels?.length ?? 0) > 0),
    );
    if (!l.p2 && risky.length > 0) {
      return fail(
        this,
        `${risky.length} policies use risk conditions but the tenant has no Entra ID P2: those conditions never match`,
        {
          evidence: { policies: risky.map((p) => p.id) },
          details,
        },
      );
    }
    if (l.p2 && risky.length > 0 && l.p2Seats < members) {
      details.push(`risk-based policies are in use; ${members - l.p2Seats} enabled members have no P2 seat`);
    }
    return pass(this, `Entra ID P1${l.p2 ? " and P2" : ""} present: the Conditional Access path is available`, {
      details,
    });
  },
};
