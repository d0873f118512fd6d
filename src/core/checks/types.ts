// Types of the readiness catalogue: a check's metadata, the context it reads, the finding it returns.
// Checks are pure (docs/design.md#rule-3): snapshot + config + now in, one Finding out; no Graph, no files.

import type { DirectoryIndex } from "../model/directory-index.js";
import type { TenantSnapshot } from "../model/snapshot.js";
import type { AssessmentFacts } from "./shared/facts.js";

export const SEVERITIES = ["blocker", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Rank for sorting: blocker first. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { blocker: 0, high: 1, medium: 2, low: 3, info: 4 };

export type Outcome = "pass" | "fail" | "skipped" | "error";

/** Does a finding need the admin to act (it failed, or could not be evaluated)? Views list these first. */
export function needsAction(f: { readonly outcome: Outcome }): boolean {
  return f.outcome === "fail" || f.outcome === "error";
}

/**
 * Why a check did not run. Closed list (docs/design.md#rule-5): the report explains each one the same way.
 * INVARIANT: a check that lacks the data it needs answers `skipped` with one of these, never `pass`.
 */
export const SKIP_REASONS = {
  "no-sign-in-data": "the workspace holds no sign-in data (sign-in logs or signInActivity)",
  "no-registration-data": "the workspace holds no MFA registration data (userRegistrationDetails)",
  "no-policy-data": "the workspace holds no Conditional Access policies (not captured)",
  "no-licence-data": "the workspace holds no licence data (subscribedSkus)",
  "no-directory-data": "the workspace holds no users, groups or role assignments",
  "no-authentication-methods-policy": "the workspace holds no authentication methods policy",
  "no-security-defaults-data": "the workspace does not know whether security defaults are on",
  "no-emergency-accounts": "no emergency account is declared or detected, so there is nothing to examine",
  "not-applicable": "the check does not apply to this tenant",
  "cannot-verify-from-here": "this cannot be verified from the data Glidepath reads",
} as const;
export type SkipReason = keyof typeof SKIP_REASONS;

export const AREAS = ["emergency", "legacy", "exceptions", "registration", "tenant"] as const;
export type Area = (typeof AREAS)[number];

/**
 * The folder under `src/core/checks/` that holds each area's checks. The area name is part of every check id
 * and of the assess JSON (docs/assess-json.md), so it stays `exceptions`; the folder is named for what it
 * holds, the accounts that are candidates for an exclusion ("exception" reads as an error in code).
 */
export const AREA_FOLDERS: Readonly<Record<Area, string>> = {
  emergency: "emergency",
  legacy: "legacy",
  exceptions: "exclusion-candidates",
  registration: "registration",
  tenant: "tenant",
};

export interface Evidence {
  /** User object ids. */
  readonly users: readonly string[];
  /** Conditional Access policy ids (or method configuration ids for the methods policy). */
  readonly policies: readonly string[];
  /** Sign-in ids (raw sign-ins kept by the workspace), when the evidence is a sign-in. */
  readonly signIns: readonly string[];
}

export interface Link {
  readonly title: string;
  readonly url: string;
}

/** A check's description: what the catalogue test enforces and the docs list. */
export interface CheckMeta {
  /** `<area>.<kebab-name>`, equal to the file name without extension. */
  readonly id: string;
  readonly area: Area;
  readonly title: string;
  /** Severity of a failure. */
  readonly severity: Severity;
  /** Why it matters, one or two sentences. */
  readonly rationale: string;
  /** What to do when it fails, one or two sentences. */
  readonly remediation: string;
  readonly links: readonly Link[];
  /** Where this check deliberately departs from older or common guidance, in one sentence (JSON keeps this name). */
  readonly departsFromSeeds?: string;
}

/** What a check reports. */
export interface Finding {
  readonly checkId: string;
  readonly area: Area;
  readonly title: string;
  readonly severity: Severity;
  readonly outcome: Outcome;
  readonly skippedReason?: SkipReason;
  /** One line saying what was found. */
  readonly status: string;
  readonly evidence: Evidence;
  /** Extra lines: per-account reasons, detection signals, notes. */
  readonly details: readonly string[];
  readonly remediation: string;
  readonly links: readonly Link[];
  readonly departsFromSeeds?: string;
}

/** Settings from the workspace that checks read. */
export interface AssessmentConfig {
  /** Declared emergency (break-glass) account ids (`glidepath classify USER emergency`). */
  readonly emergencyAccountIds?: readonly string[];
  /** Admin decisions: user id -> exception type, or `person` to clear a suggestion. */
  readonly classifications?: Readonly<Record<string, ClassificationType>>;
  /** Days of planned emergency-account tests (YYYY-MM-DD), to tell tests from unplanned use. */
  readonly emergencyTestDates?: readonly string[];
  /** Helpdesk contact for the announcement, e.g. "IT Service Desk, ext. 4000, help@contoso.com". */
  readonly helpContact?: string;
  /** Start of the registration window (YYYY-MM-DD); default: the Monday after `now`. */
  readonly campaignStart?: string;
  /** Registration window in days; default 14. */
  readonly registrationDays?: number;
}

export const EXCEPTION_TYPES = [
  "sharedMailbox",
  "room",
  "serviceAccount",
  "syncAccount",
  "noSmartphone",
  "guest",
] as const;
export type ExceptionType = (typeof EXCEPTION_TYPES)[number];
/** What `glidepath classify` accepts: an exception type, `emergency`, or `person` (clear). */
export const CLASSIFICATION_TYPES = [...EXCEPTION_TYPES, "emergency", "person"] as const;
export type ClassificationType = (typeof CLASSIFICATION_TYPES)[number];

/** Everything a check may read. Built once per assessment by `createAssessmentContext`. */
export interface AssessmentContext {
  readonly snapshot: TenantSnapshot;
  /** ISO-8601 UTC. */
  readonly now: string;
  readonly config: AssessmentConfig;
  readonly index: DirectoryIndex;
  /** Derived facts shared by several checks (classifications, activity, methods), computed lazily once. */
  readonly facts: AssessmentFacts;
}

export interface Check extends CheckMeta {
  evaluate(ctx: AssessmentContext): Finding;
}
