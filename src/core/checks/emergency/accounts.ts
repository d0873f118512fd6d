// Shared by the emergency-access checks: which accounts to examine, and the sentence that says whether
// they were declared or only detected (a detection is never presented as fact).

import { skip } from "../shared/finding.js";
import type { AssessmentContext, CheckMeta, Finding } from "../types.js";

export const EMERGENCY_LINK = {
  title: "Manage emergency access accounts",
  url: "https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access",
} as const;

export interface EmergencySubjects {
  readonly ids: readonly string[];
  /** Empty when declared; otherwise the "not declared — detected ..." sentence. */
  readonly note: string | null;
}

export function upnOf(ctx: AssessmentContext, id: string): string {
  return ctx.index.userById.get(id)?.userPrincipalName ?? id;
}

/** The accounts to examine, or a skipped finding when there are none. */
export function emergencySubjects(ctx: AssessmentContext, meta: CheckMeta): EmergencySubjects | Finding {
  if (!ctx.facts.has("users") || !ctx.facts.has("roleAssignments")) return skip(meta, "no-directory-data");
  const ea = ctx.facts.emergency;
  if (ea.userIds.length === 0) return skip(meta, "no-emergency-accounts");
  if (ea.source === "declared") return { ids: ea.userIds, note: null };
  const names = ea.userIds.map((id) => upnOf(ctx, id)).join(", ");
  return {
    ids: ea.userIds,
    note: `not declared — examining the detected ${names}; confirm with 'glidepath classify USER emergency'`,
  };
}

export function isFinding(x: EmergencySubjects | Finding): x is Finding {
  return "checkId" in x;
}

/** Prefix a status with the detection note when the accounts were not declared. */
export function withNote(s: EmergencySubjects, status: string): string {
  return s.note ? `${status} (${s.note})` : status;
}
