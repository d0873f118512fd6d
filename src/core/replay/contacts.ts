// Who must be contacted before a policy change is enforced, and what to tell them: the people of a blast
// radius whose outcome needs action (everyone affected beyond a new prompt they can already satisfy).

import { OUTCOMES, type Outcome } from "./outcomes.js";
import type { Reason, UserImpact } from "./simulate.js";

/**
 * Outcomes that need someone to contact the person before enforcement: all but a prompt the person can
 * already satisfy (ready) and no change.
 */
export const CONTACT_OUTCOMES: ReadonlySet<Outcome> = new Set(
  OUTCOMES.filter((o) => o !== "ready" && o !== "unaffected"),
);

/** Must this person be contacted before enforcement? */
export function mustContact(u: Pick<UserImpact, "outcome">): boolean {
  return CONTACT_OUTCOMES.has(u.outcome);
}

/** One person to contact, with what affects them and when they were last seen signing in. */
export interface Contact {
  readonly user: string;
  readonly displayName: string;
  readonly outcome: Outcome;
  readonly noHistory: boolean;
  readonly reasons: readonly Reason[];
  readonly patternsAffected: number;
  readonly signInsAffected: number;
  /** Latest sign-in among the affected patterns ("" when none is known). */
  readonly lastSeen: string;
}

/** The people of a blast radius to contact before enforcement, in the simulation's order. */
export function contactList(users: readonly UserImpact[]): Contact[] {
  return users.filter(mustContact).map((u) => ({
    user: u.user,
    displayName: u.displayName,
    outcome: u.outcome,
    noHistory: u.noHistory,
    reasons: u.reasons,
    patternsAffected: u.patternsAffected,
    signInsAffected: u.signInsAffected,
    lastSeen:
      u.patterns
        .map((p) => p.lastSeen ?? "")
        .sort()
        .at(-1) ?? "",
  }));
}
