// Workload identities: policies on service principals. User policies never apply to service principals;
// managed identities are never in scope.
// https://learn.microsoft.com/entra/identity/conditional-access/workload-identity

import type { WorkloadCondition } from "../types.js";
import { type Env, no, type Subject, UNRESOLVED, unknown, type Verdict, yes } from "./env.js";

export function evaluateWorkload(c: WorkloadCondition, s: Subject, env: Env): Verdict {
  if (s.kind === "managedIdentity") return no("managed identities are not in scope of Conditional Access");
  const id = s.id;
  let exUnk: string | null = null;
  for (const r of c.exclude) {
    const x = env.servicePrincipalRef(r);
    if (x === id || (x === UNRESOLVED && r.raw === id)) return no(`service principal ${r.raw} excluded`);
    if (x === UNRESOLVED) exUnk ??= r.raw;
  }
  let inc = c.includeAll;
  let incUnk: string | null = null;
  for (const r of c.include) {
    const x = env.servicePrincipalRef(r);
    if (x === id || (x === UNRESOLVED && r.raw === id)) inc = true;
    else if (x === UNRESOLVED) incUnk ??= r.raw;
  }
  if (!inc && !incUnk && (!c.filter || c.filter.mode === "exclude")) return no("service principal not included");
  if (c.filter) return unknown("service principal filter on custom security attributes cannot be evaluated offline");
  if (!inc) return unknown(`service principal reference '${incUnk}' cannot be resolved`);
  if (exUnk) return unknown(`included, but excluded reference '${exUnk}' cannot be resolved`);
  return yes(c.includeAll ? "included (all service principals in the tenant)" : "service principal included");
}
