// tenant.mfa-for-everyone: is there already a policy that requires MFA for all users on all resources —
// and does it really, or is it narrowed by a condition (risk, location, platform, client app, device
// filter)? Pattern-matching tools pass a policy that includes "All users" and "All resources" with MFA
// even when it applies only to risky sign-ins; here every condition is read.

import type { NormalizedPolicy } from "../../engine/types.js";
import { CLIENT_APP_TYPES } from "../../engine/types.js";
import { fail, pass, skip } from "../shared/finding.js";
import type { Check } from "../types.js";

/** The conditions that narrow a policy below "every sign-in", in words; empty = not narrowed. */
export function narrowingOf(p: NormalizedPolicy, allowedExcludedUsers: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  if (p.clientAppTypes && !CLIENT_APP_TYPES.every((t) => p.clientAppTypes!.includes(t))) {
    out.push(`only client apps ${p.clientAppTypes.join(", ")}`);
  }
  if (p.platforms && (!p.platforms.includeAll || p.platforms.exclude.length > 0)) {
    out.push(
      p.platforms.includeAll
        ? `excludes platforms ${p.platforms.exclude.join(", ")}`
        : `only platforms ${p.platforms.include.join(", ")}`,
    );
  }
  if (p.locations && (!p.locations.includeAll || p.locations.exclude.length > 0 || p.locations.excludeAllTrusted)) {
    out.push(
      p.locations.includeAll
        ? `excludes ${p.locations.excludeAllTrusted ? "all trusted locations" : `${p.locations.exclude.length} location(s)`}`
        : "only some locations",
    );
  }
  if (p.signInRiskLevels?.length) out.push(`only when sign-in risk is ${p.signInRiskLevels.join(" or ")}`);
  if (p.userRiskLevels?.length) out.push(`only when user risk is ${p.userRiskLevels.join(" or ")}`);
  if (p.insiderRiskLevels?.length) out.push(`only at insider risk ${p.insiderRiskLevels.join(" or ")}`);
  if (p.authenticationFlows?.length) out.push(`only for authentication flows ${p.authenticationFlows.join(", ")}`);
  if (p.deviceFilter) out.push(`device filter (${p.deviceFilter.mode}): ${p.deviceFilter.rule}`);
  if (p.applications && p.applications.exclude.length > 0)
    out.push(`excludes ${p.applications.exclude.length} application(s)`);
  const u = p.users;
  if (u) {
    const extraUsers = u.excludeUsers.filter((r) => !allowedExcludedUsers.has(r.raw));
    if (extraUsers.length > 0) out.push(`excludes ${extraUsers.length} user(s)`);
    if (u.excludeRoles.length > 0) out.push(`excludes ${u.excludeRoles.length} role(s)`);
    if (u.excludeAllGuests || u.excludeGuests) out.push("excludes guests");
  }
  return out;
}

/** Includes all users and all resources (the shape of "MFA for everyone"). */
export function targetsEveryone(p: NormalizedPolicy): boolean {
  return !!p.users?.includeAll && !!p.applications?.includeAll;
}

export const mfaForEveryone: Check = {
  id: "tenant.mfa-for-everyone",
  area: "tenant",
  title: "Existing policies that require MFA for everyone",
  severity: "medium",
  rationale:
    "A policy named 'MFA for all users' that applies only to risky sign-ins, outside trusted locations or to some client apps leaves most sign-ins without MFA; the roll-out must know what really applies before it adds its own.",
  remediation:
    "Treat narrowed policies as what they are (risk or location policies). The roll-out's 'Require MFA' policy covers all users and all resources with no narrowing conditions, excluding only the emergency-access group.",
  links: [
    {
      title: "Require MFA for all users",
      url: "https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-mfa-strength",
    },
  ],
  evaluate(ctx) {
    if (!ctx.facts.has("policies")) return skip(this, "no-policy-data");
    const v = ctx.facts.policyView;
    const emergencyGroups = new Set<string>();
    const emergency = new Set(ctx.facts.has("users") ? ctx.facts.emergency.userIds : []);
    const real: NormalizedPolicy[] = [];
    const narrowed: NormalizedPolicy[] = [];
    const details: string[] = [];
    for (const p of v.policies) {
      if (!v.live(p) || !targetsEveryone(p) || !v.requiresMfa(p)) continue;
      // Excluded groups count as narrowing unless they hold only emergency accounts.
      const groupNarrowing: string[] = [];
      for (const g of p.users?.excludeGroups ?? []) {
        const members = ctx.index.usersInGroup(g.raw);
        if ([...members].every((m) => emergency.has(m))) emergencyGroups.add(g.raw);
        else
          groupNarrowing.push(
            `excludes group '${ctx.index.groupById.get(g.raw)?.displayName ?? g.raw}' (${members.size} members)`,
          );
      }
      const why = [...narrowingOf(p, emergency), ...groupNarrowing];
      const state = p.state === "reportOnly" ? " (report-only)" : "";
      if (why.length === 0 && p.state === "enabled") {
        real.push(p);
        details.push(`'${p.displayName}': all users, all resources, MFA — no narrowing condition`);
      } else if (why.length === 0) {
        details.push(`'${p.displayName}'${state}: would require MFA for everyone, but is not enforced`);
      } else {
        narrowed.push(p);
        details.push(`'${p.displayName}'${state}: looks like MFA for everyone but ${why.join("; ")}`);
      }
    }
    const sd = ctx.snapshot.securityDefaults?.isEnabled === true;
    if (real.length > 0) {
      return pass(
        this,
        `${real.map((p) => `'${p.displayName}'`).join(", ")} already requires MFA for every user and resource`,
        {
          evidence: { policies: real.map((p) => p.id) },
          details,
        },
      );
    }
    if (narrowed.length > 0) {
      return fail(
        this,
        `${narrowed.length} ${narrowed.length === 1 ? "policy looks" : "policies look"} like MFA for everyone but ${narrowed.length === 1 ? "is" : "are"} narrowed by a condition`,
        {
          evidence: { policies: narrowed.map((p) => p.id) },
          details,
        },
      );
    }
    return sd
      ? pass(
          this,
          "no Conditional Access policy requires MFA for everyone; security defaults require registration and prompt when Microsoft decides",
          { details },
        )
      : pass(this, "no policy requires MFA for everyone yet — expected before the roll-out, which adds that policy", {
          details,
        });
  },
};
