// The assessment as one typed value (docs/design.md#rule-11): verdict, findings by severity, the legacy dependency
// list, exception candidates, registration numbers and the announcement draft. Pure: the use case in
// src/app/assess.ts loads the workspace and calls buildAssessment.

import { announcementMarkdown, type CampaignDates, campaignDates } from "./announcement.js";
import { createAssessmentContext } from "./context.js";
import { type LegacyDependencyRow, type LegacyRemedy, legacyDependencies, REMEDY_TEXT } from "./legacy/legacy-list.js";
import { coverageOf } from "./registration/coverage.js";
import { CHECKS } from "./registry.js";
import { runChecks, sortFindings } from "./run.js";
import type { Precomputed } from "./shared/facts.js";
import type { AssessmentConfig, Check, ExceptionType, Finding } from "./types.js";

export const ASSESSMENT_SCHEMA_VERSION = 1;

export interface Verdict {
  /** True when no blocker failed and every blocker check could run. */
  readonly ready: boolean;
  /** Failed findings of severity blocker. */
  readonly blockers: number;
  /** Blocker checks that were skipped or errored: readiness cannot be claimed without them. */
  readonly unverifiedBlockers: number;
  /** "ready for the registration campaign: no — 3 blockers". */
  readonly summary: string;
}

export interface LegacyAuthEntry {
  readonly user: string;
  readonly userId: string;
  readonly clientApp: string;
  readonly app: string;
  readonly device: string | null;
  readonly os: string | null;
  readonly ip: string | null;
  readonly interactive: boolean;
  readonly count: number;
  readonly lastSeen: string;
  readonly remedy: LegacyRemedy;
  readonly remedyText: string;
}

export interface ExceptionCandidateEntry {
  readonly user: string;
  readonly userId: string;
  readonly displayName: string;
  readonly type: ExceptionType;
  readonly confidence: "high" | "medium";
  readonly source: "detected" | "confirmed";
  readonly signals: readonly string[];
}

export interface RegistrationSummary {
  /** Active (30 days), enabled members in the roll-out scope; null when it cannot be known. */
  readonly inScope: number | null;
  readonly registered: number | null;
  readonly rate: number | null;
  readonly singleMethod: number | null;
  readonly smsVoiceOnly: number | null;
  readonly adminsWithoutMethod: number | null;
}

export interface AssessmentReport {
  readonly schemaVersion: number;
  readonly tenant: { readonly id: string; readonly name: string; readonly capturedAt: string; readonly source: string };
  readonly assessedAt: string;
  readonly signInWindow: { readonly from: string; readonly to: string } | null;
  readonly verdict: Verdict;
  readonly counts: { readonly pass: number; readonly fail: number; readonly skipped: number; readonly error: number };
  readonly findings: readonly Finding[];
  readonly legacyAuth: readonly LegacyAuthEntry[];
  readonly exceptionCandidates: readonly ExceptionCandidateEntry[];
  readonly emergencyAccounts: {
    readonly source: "declared" | "detected" | "none";
    readonly accounts: readonly {
      readonly userId: string;
      readonly user: string;
      readonly signals: readonly string[];
    }[];
  };
  readonly registration: RegistrationSummary;
  /** Sign-in names of the users and display names of the policies named in evidence, for renderers. */
  readonly names: {
    readonly users: Readonly<Record<string, string>>;
    readonly policies: Readonly<Record<string, string>>;
  };
  readonly campaign: CampaignDates;
  readonly announcement: string;
}

export function verdictOf(findings: readonly Finding[]): Verdict {
  const blockers = findings.filter((f) => f.severity === "blocker" && f.outcome === "fail").length;
  const unverifiedBlockers = findings.filter(
    (f) => f.severity === "blocker" && (f.outcome === "skipped" || f.outcome === "error"),
  ).length;
  const ready = blockers === 0 && unverifiedBlockers === 0;
  const n = (k: number, w: string) => `${k} ${w}${k === 1 ? "" : "s"}`;
  const summary = ready
    ? "ready for the registration campaign: yes"
    : blockers > 0
      ? `ready for the registration campaign: no — ${n(blockers, "blocker")}${unverifiedBlockers ? `, ${n(unverifiedBlockers, "blocker check")} could not run` : ""}`
      : `ready for the registration campaign: not proven — ${n(unverifiedBlockers, "blocker check")} could not run (missing data)`;
  return { ready, blockers, unverifiedBlockers, summary };
}

const countOf = (findings: readonly Finding[], id: string): number | null => {
  const f = findings.find((x) => x.checkId === id);
  return !f || f.outcome === "skipped" || f.outcome === "error" ? null : f.evidence.users.length;
};

export function buildAssessment(
  snapshot: Parameters<typeof createAssessmentContext>[0],
  config: AssessmentConfig,
  now: string,
  checks: readonly Check[] = CHECKS,
  pre: Precomputed = {},
): AssessmentReport {
  const ctx = createAssessmentContext(snapshot, config, now, pre);
  const findings = sortFindings(runChecks(ctx, checks));
  const counts = { pass: 0, fail: 0, skipped: 0, error: 0 };
  for (const f of findings) counts[f.outcome]++;

  const legacy: LegacyAuthEntry[] = ctx.facts.hasSignInLog
    ? legacyDependencies(ctx).map((r: LegacyDependencyRow) => ({ ...r, remedyText: REMEDY_TEXT[r.remedy] }))
    : [];

  const exceptionCandidates: ExceptionCandidateEntry[] = [];
  if (ctx.facts.has("users")) {
    const seen = new Set<string>();
    for (const c of ctx.facts.candidates) {
      if (c.confidence === "low" || seen.has(c.userId) || ctx.facts.exceptionOf(c.userId) !== c) continue;
      seen.add(c.userId);
      exceptionCandidates.push({
        user: c.userPrincipalName,
        userId: c.userId,
        displayName: c.displayName,
        type: c.type,
        confidence: c.confidence,
        source: c.source,
        signals: c.signals,
      });
    }
  }

  const coverageRunnable = ctx.facts.has("users") && ctx.facts.has("registrations") && ctx.facts.hasSignInData;
  const cov = coverageRunnable ? coverageOf(ctx) : null;
  const registration: RegistrationSummary = {
    inScope: cov ? cov.inScope.length : null,
    registered: cov ? cov.inScope.length - cov.missing.length : null,
    rate: cov && cov.inScope.length > 0 ? (cov.inScope.length - cov.missing.length) / cov.inScope.length : null,
    singleMethod: countOf(findings, "registration.single-method"),
    smsVoiceOnly: countOf(findings, "registration.sms-voice-only"),
    adminsWithoutMethod: countOf(findings, "registration.admins-without-method"),
  };

  const userNames: Record<string, string> = {};
  const policyNames: Record<string, string> = {};
  const policyById = new Map(snapshot.policies.map((p) => [p.id ?? p.displayName, p.displayName]));
  for (const f of findings) {
    for (const id of f.evidence.users) userNames[id] ??= ctx.index.userById.get(id)?.userPrincipalName ?? id;
    for (const id of f.evidence.policies) policyNames[id] ??= policyById.get(id) ?? id;
  }

  const ea = ctx.facts.has("users") ? ctx.facts.emergency : null;
  const dates = campaignDates(config, now);
  return {
    schemaVersion: ASSESSMENT_SCHEMA_VERSION,
    tenant: {
      id: snapshot.meta.tenantId,
      name: snapshot.meta.tenantDisplayName,
      capturedAt: snapshot.meta.capturedAt,
      source: snapshot.meta.source,
    },
    assessedAt: now,
    signInWindow: snapshot.meta.signInWindow ?? null,
    verdict: verdictOf(findings),
    counts,
    findings,
    legacyAuth: legacy,
    exceptionCandidates,
    emergencyAccounts: {
      source: ea?.source ?? "none",
      accounts: (ea?.userIds ?? []).map((id) => ({
        userId: id,
        user: ctx.index.userById.get(id)?.userPrincipalName ?? id,
        signals: ea?.candidates.find((c) => c.userId === id)?.signals ?? [],
      })),
    },
    registration,
    names: { users: userNames, policies: policyNames },
    campaign: dates,
    announcement: announcementMarkdown({
      organisation: snapshot.meta.tenantDisplayName,
      dates,
      helpContact: config.helpContact ?? null,
      legacyInUse: legacy.length > 0,
    }),
  };
}
