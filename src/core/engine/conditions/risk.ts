// Sign-in, user, service principal and insider risk levels: configured lists match the sign-in's level.
// Empty lists are not configured. https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-conditions#sign-in-risk
// Insider risk: https://learn.microsoft.com/entra/identity/conditional-access/policy-risk-based-insider-block

import { no, type Verdict, yes } from "./env.js";

export function evaluateLevels(name: string, levels: readonly string[] | null, actual: string): Verdict {
  if (levels === null) return yes(`${name} not configured`);
  return levels.includes(actual) ? yes(`${name} ${actual}`) : no(`${name} ${actual} not in [${levels.join(", ")}]`);
}
