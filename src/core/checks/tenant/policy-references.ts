// tenant.policy-references: policies that name users, groups, roles, locations or authentication strengths
// that do not exist (deleted objects, placeholders, display names). An exclusion of a deleted group
// excludes nobody; an inclusion of one includes nobody — either way the policy is not what it says.

import { UNRESOLVED } from "../../engine/index.js";
import { BUILT_IN_STRENGTHS } from "../../engine/methods.js";
import type { Ref } from "../../engine/types.js";
import { MFA_TRUSTED_IPS_LOCATION_ID, ROLE_NAMES } from "../../model/well-known.js";
import { fail, pass, skip } from "../shared/finding.js";
import type { Check } from "../types.js";

export const policyReferences: Check = {
  id: "tenant.policy-references",
  area: "tenant",
  title: "Policies that reference deleted or unknown objects",
  severity: "high",
  rationale:
    "Entra keeps the id of a deleted group or user in the policy. An exclusion that points at nothing silently stops excluding — the emergency group, the service accounts — and an inclusion that points at nothing silently covers nobody.",
  remediation: "Edit each listed policy: replace the missing object with the intended one, or remove the reference.",
  links: [
    {
      title: "Users and groups in CA",
      url: "https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-users-groups",
    },
  ],
  evaluate(ctx) {
    if (!ctx.facts.has("policies")) return skip(this, "no-policy-data");
    if (!ctx.facts.has("users") || !ctx.facts.has("groups")) return skip(this, "no-directory-data");
    const v = ctx.facts.policyView;
    const env = v.env;
    const roleIds = new Set([
      ...Object.keys(ROLE_NAMES),
      ...ctx.snapshot.roleDefinitions.flatMap((d) => [d.id.toLowerCase(), d.templateId.toLowerCase()]),
    ]);
    const locations = new Set(ctx.snapshot.namedLocations.map((l) => l.id.toLowerCase()));
    const strengths = new Set([
      ...Object.keys(BUILT_IN_STRENGTHS),
      ...ctx.snapshot.authenticationStrengths.map((s) => s.id.toLowerCase()),
    ]);
    const bad = new Set<string>();
    const details: string[] = [];
    const checkRefs = (pid: string, name: string, what: string, refs: readonly Ref[], exists: (r: Ref) => boolean) => {
      for (const r of refs) {
        if (exists(r)) continue;
        bad.add(pid);
        details.push(
          `'${name}': ${what} '${r.raw}' ${r.placeholder ? "is not an id and matches no object" : "does not exist"}`,
        );
      }
    };
    for (const p of v.policies) {
      const u = p.users;
      const userExists = (r: Ref) => {
        const id = env.userRef(r);
        return id !== UNRESOLVED && ctx.index.userById.has(id);
      };
      const groupExists = (r: Ref) => {
        const id = env.groupRef(r);
        return id !== UNRESOLVED && ctx.index.groupById.has(id);
      };
      const roleExists = (r: Ref) => {
        const id = env.roleRef(r);
        return id !== UNRESOLVED && roleIds.has(id.toLowerCase());
      };
      if (u) {
        checkRefs(p.id, p.displayName, "included user", u.includeUsers, userExists);
        checkRefs(p.id, p.displayName, "excluded user", u.excludeUsers, userExists);
        checkRefs(p.id, p.displayName, "included group", u.includeGroups, groupExists);
        checkRefs(p.id, p.displayName, "excluded group", u.excludeGroups, groupExists);
        checkRefs(p.id, p.displayName, "included role", u.includeRoles, roleExists);
        checkRefs(p.id, p.displayName, "excluded role", u.excludeRoles, roleExists);
      }
      if (p.locations && ctx.facts.has("namedLocations")) {
        const locExists = (r: Ref) => {
          const id = env.locationRef(r);
          if (id === UNRESOLVED) return false;
          const l = id.toLowerCase();
          return l === "all" || l === "alltrusted" || l === MFA_TRUSTED_IPS_LOCATION_ID || locations.has(l);
        };
        checkRefs(p.id, p.displayName, "included location", p.locations.include, locExists);
        checkRefs(p.id, p.displayName, "excluded location", p.locations.exclude, locExists);
      }
      const st = p.grant?.authenticationStrength;
      if (st && !strengths.has(st.raw.toLowerCase())) {
        bad.add(p.id);
        details.push(`'${p.displayName}': authentication strength '${st.raw}' does not exist`);
      }
    }
    return bad.size === 0
      ? pass(this, `every reference in ${v.policies.length} policies resolves to an existing object`)
      : fail(
          this,
          `${bad.size} ${bad.size === 1 ? "policy references" : "policies reference"} objects that do not exist`,
          {
            evidence: { policies: [...bad] },
            details,
          },
        );
  },
};
