// The population the method-quality checks look at: enabled members who are people (not an emergency,
// service, shared, room or sync account, and not a guest).

import type { AssessmentContext } from "../types.js";

const memo = new WeakMap<AssessmentContext, string[]>();

export function peopleInScope(ctx: AssessmentContext): string[] {
  const hit = memo.get(ctx);
  if (hit) return hit;
  const out: string[] = [];
  for (const u of ctx.snapshot.users)
    if (u.userType === "Member" && u.accountEnabled && !ctx.facts.outOfScope(u.id)) out.push(u.id);
  memo.set(ctx, out);
  return out;
}
