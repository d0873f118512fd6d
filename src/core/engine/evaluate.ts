// The reference evaluator: a policy set and one sign-in -> a Decision with a reason per policy.
// Written straight from the documented rules for readability; compile.ts is the fast path and must agree.
// Combination: every applying enabled policy is enforced; any block wins; AND/OR inside a policy;
// report-only policies are evaluated and listed but never enforced.
// https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-policies
// https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-report-only

import type { Diagnostic } from "../model/diagnostics.js";
import type { TenantSnapshot } from "../model/snapshot.js";
import { evaluateApplications, type Target, targetOf } from "./conditions/applications.js";
import { evaluateAuthFlows } from "./conditions/auth-flows.js";
import { evaluateClientApps } from "./conditions/client-apps.js";
import { evaluateDevices } from "./conditions/devices.js";
import {
  buildEnv,
  type Env,
  type LocationFacts,
  NO,
  no,
  type Subject,
  UNKNOWN,
  type Verdict,
} from "./conditions/env.js";
import { evaluateLocations } from "./conditions/locations.js";
import { evaluatePlatforms } from "./conditions/platforms.js";
import { evaluateLevels } from "./conditions/risk.js";
import { evaluateUsers } from "./conditions/users.js";
import { evaluateWorkload } from "./conditions/workload.js";
import type {
  ClientAppType,
  ConditionName,
  Decision,
  DeviceInfo,
  EvaluatorOptions,
  InsiderRiskLevel,
  MergedSession,
  NormalizedPolicy,
  PlatformOrUnknown,
  PolicyResult,
  PolicyResultKind,
  Requirement,
  RiskLevel,
  SignInContext,
  TransferMethod,
} from "./types.js";

/** A sign-in with defaults applied and its identity and location resolved. */
export interface PreparedContext {
  readonly subject: Subject;
  readonly target: Target;
  readonly clientAppType: ClientAppType;
  readonly platform: PlatformOrUnknown;
  readonly location: LocationFacts;
  readonly signInRisk: RiskLevel;
  readonly userRisk: RiskLevel;
  readonly servicePrincipalRisk: RiskLevel;
  readonly insiderRisk: InsiderRiskLevel;
  readonly flow: TransferMethod;
  readonly device: DeviceInfo | null;
}

export function prepareContext(ctx: SignInContext, env: Env): PreparedContext {
  return {
    subject: env.subjectOf(ctx),
    target: targetOf(ctx),
    clientAppType: ctx.clientAppType ?? "browser",
    platform: ctx.platform ?? "unknown",
    location: env.locationFacts(ctx.ipAddress, ctx.country, ctx.gpsCountry),
    signInRisk: ctx.signInRisk ?? "none",
    userRisk: ctx.userRisk ?? "none",
    servicePrincipalRisk: ctx.servicePrincipalRisk ?? "none",
    insiderRisk: ctx.insiderRisk ?? "none",
    flow: ctx.authenticationFlow ?? "none",
    device: ctx.device ?? null,
  };
}

/** Verdict of one condition of one policy; `state` is handled by the caller. */
export function conditionVerdict(name: ConditionName, p: NormalizedPolicy, c: PreparedContext, env: Env): Verdict {
  const isWorkload = c.subject.kind !== "user";
  switch (name) {
    case "users":
      if (isWorkload) {
        return p.users ? no("user policies do not apply to service principals") : { m: 1, detail: "workload policy" };
      }
      return p.users ? evaluateUsers(p.users, c.subject, env) : no("the policy targets workload identities, not users");
    case "workloadIdentities":
      if (!isWorkload) return { m: 1, detail: "user sign-in" };
      return p.workload ? evaluateWorkload(p.workload, c.subject, env) : no("no workload identities included");
    case "applications":
      return evaluateApplications(p.applications, c.target, env);
    case "clientAppTypes":
      return isWorkload ? { m: 1, detail: "n/a for workloads" } : evaluateClientApps(p, c.clientAppType, c.platform);
    case "platforms":
      return isWorkload ? { m: 1, detail: "n/a for workloads" } : evaluatePlatforms(p.platforms, c.platform);
    case "locations":
      return evaluateLocations(p.locations, c.location, env);
    case "signInRisk":
      return isWorkload ? { m: 1, detail: "n/a" } : evaluateLevels("sign-in risk", p.signInRiskLevels, c.signInRisk);
    case "userRisk":
      return isWorkload ? { m: 1, detail: "n/a" } : evaluateLevels("user risk", p.userRiskLevels, c.userRisk);
    case "servicePrincipalRisk":
      return isWorkload
        ? evaluateLevels("service principal risk", p.servicePrincipalRiskLevels, c.servicePrincipalRisk)
        : { m: 1, detail: "n/a for users" };
    case "insiderRisk":
      return isWorkload ? { m: 1, detail: "n/a" } : evaluateLevels("insider risk", p.insiderRiskLevels, c.insiderRisk);
    case "authenticationFlows":
      return isWorkload ? { m: 1, detail: "n/a" } : evaluateAuthFlows(p.authenticationFlows, c.flow);
    case "devices":
      return isWorkload ? { m: 1, detail: "n/a" } : evaluateDevices(p.deviceFilter, c.device);
    default:
      return { m: 1, detail: "" };
  }
}

/** The conditions evaluated for every policy, in reporting order (after `state`). */
export const EVALUATED_CONDITIONS: readonly ConditionName[] = [
  "users",
  "workloadIdentities",
  "applications",
  "clientAppTypes",
  "platforms",
  "locations",
  "signInRisk",
  "userRisk",
  "servicePrincipalRisk",
  "insiderRisk",
  "authenticationFlows",
  "devices",
];

export interface RawOutcome {
  readonly kind: PolicyResultKind;
  readonly condition: ConditionName | null;
  readonly reason: string;
}

/** Evaluate one policy's conditions (AND, tri-state): first NO decides; otherwise any UNKNOWN = error. */
export function evaluatePolicyConditions(p: NormalizedPolicy, c: PreparedContext, env: Env): RawOutcome {
  if (p.state === "disabled") return { kind: "notApplied", condition: "state", reason: "policy is disabled" };
  let firstUnknown: { name: ConditionName; detail: string } | null = null;
  let userDetail = "";
  let appDetail = "";
  for (const name of EVALUATED_CONDITIONS) {
    const v = conditionVerdict(name, p, c, env);
    if (v.m === NO) return { kind: "notApplied", condition: name, reason: `${name}: ${v.detail}` };
    if (v.m === UNKNOWN && !firstUnknown) firstUnknown = { name, detail: v.detail };
    if (name === "users" || name === "workloadIdentities")
      userDetail ||= v.m === 1 && v.detail !== "user sign-in" && v.detail !== "workload policy" ? v.detail : "";
    if (name === "applications") appDetail = v.detail;
  }
  if (firstUnknown) {
    return {
      kind: "error",
      condition: firstUnknown.name,
      reason: `cannot evaluate ${firstUnknown.name}: ${firstUnknown.detail}`,
    };
  }
  return { kind: "applied", condition: null, reason: `applies: ${userDetail}; ${appDetail}` };
}

const PROMPT_ORDER = [
  "block",
  "mfa",
  "authenticationStrength",
  "compliantDevice",
  "domainJoinedDevice",
  "approvedApplication",
  "compliantApplication",
  "passwordChange",
  "riskRemediation",
  "termsOfUse",
  "custom",
  "unknown",
];

function controlRank(c: string): number {
  const base = c.includes(":") ? c.slice(0, c.indexOf(":")) : c;
  const i = PROMPT_ORDER.indexOf(base);
  return i < 0 ? PROMPT_ORDER.length : i;
}

/** Sort controls in Entra's prompt order (MFA, device, app, password change, terms of use, custom). */
export function sortControls(controls: Iterable<string>): string[] {
  return [...new Set(controls)].sort((a, b) => controlRank(a) - controlRank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** A policy's grant blocks when `block` is its only control or is ANDed with others. */
export function grantBlocks(p: NormalizedPolicy): boolean {
  const g = p.grant;
  return !!g && g.controls.includes("block") && (g.operator === "AND" || g.controls.length === 1);
}

function hoursOf(s: NonNullable<NormalizedPolicy["session"]>["signInFrequency"]): number | null {
  if (!s || s.value === null) return null;
  return s.type === "days" ? s.value * 24 : s.value;
}

function mergeSession(applied: readonly NormalizedPolicy[]): MergedSession {
  let hours: number | null = null;
  let everyTime = false;
  let persistent: "always" | "never" | null = null;
  const mcas = new Set<string>();
  let aer = false;
  let noResilience = false;
  for (const p of applied) {
    const s = p.session;
    if (!s) continue;
    if (s.signInFrequency?.everyTime) everyTime = true;
    const h = hoursOf(s.signInFrequency);
    if (h !== null && (hours === null || h < hours)) hours = h;
    // "Never persistent" is the more restrictive choice and wins.
    if (s.persistentBrowser === "never" || (s.persistentBrowser === "always" && persistent === null))
      persistent = s.persistentBrowser;
    if (s.cloudAppSecurity) mcas.add(s.cloudAppSecurity);
    if (s.applicationEnforcedRestrictions) aer = true;
    if (s.disableResilienceDefaults) noResilience = true;
  }
  return {
    signInFrequencyHours: hours,
    signInFrequencyEveryTime: everyTime,
    persistentBrowser: persistent,
    cloudAppSecurity: [...mcas].sort(),
    applicationEnforcedRestrictions: aer,
    disableResilienceDefaults: noResilience,
  };
}

/**
 * Combine per-policy outcomes into a Decision. Shared by both evaluators: it holds no condition logic.
 * INVARIANT: report-only policies never contribute to block/controls unless `reportOnlyAsEnabled`.
 */
export function combine(
  policies: readonly NormalizedPolicy[],
  outcomes: readonly RawOutcome[],
  opts: EvaluatorOptions,
  extraDiagnostics: readonly Diagnostic[] = [],
): Decision {
  const assume = (opts.unknownApplies ?? "assumeApplies") === "assumeApplies";
  const results: PolicyResult[] = [];
  const enforcedPolicies: NormalizedPolicy[] = [];
  const reportOnlyApplied: string[] = [];
  const blockedBy: string[] = [];
  const requirements: Requirement[] = [];
  const strengths = new Set<string>();
  const diagnostics: Diagnostic[] = [...extraDiagnostics];
  policies.forEach((p, i) => {
    const o = outcomes[i] as RawOutcome;
    const counted = o.kind === "applied" || (o.kind === "error" && assume);
    const enforced =
      counted && (p.state === "enabled" || (p.state === "reportOnly" && opts.reportOnlyAsEnabled === true));
    if (o.kind === "error") {
      diagnostics.push({
        code: "engine.unevaluable",
        severity: "warning",
        message: `${o.reason}; counted as ${counted ? "applied" : "not applied"} (${assume ? "assumeApplies" : "assumeNotApplies"})`,
        path: `conditions.${o.condition}`,
        policyId: p.id,
      });
    }
    if (counted && p.state === "reportOnly") reportOnlyApplied.push(p.id);
    if (enforced) {
      enforcedPolicies.push(p);
      if (grantBlocks(p)) blockedBy.push(p.id);
      else if (p.grant) {
        const controls = p.grant.controls.filter((c) => c !== "block");
        requirements.push({ policyId: p.id, operator: controls.length === 1 ? "AND" : p.grant.operator, controls });
        for (const c of controls) if (c.startsWith("authenticationStrength:")) strengths.add(c.slice(23));
      }
    }
    results.push({
      id: p.id,
      displayName: p.displayName,
      state: p.state,
      result: o.kind,
      countedAsApplied: counted,
      enforced,
      condition: o.condition,
      reason: o.reason,
      grant: p.grant,
      session: p.session,
    });
  });
  const block = blockedBy.length > 0;
  let controls: string[];
  let operator: Decision["operator"];
  if (block) {
    controls = ["block"];
    operator = "AND";
  } else if (requirements.length === 0) {
    controls = [];
    operator = null;
  } else {
    controls = sortControls(requirements.flatMap((r) => r.controls));
    const ors = requirements.filter((r) => r.operator === "OR");
    if (ors.length === 0) operator = "AND";
    else if (
      requirements.length === 1 ||
      requirements.every((r) => r.operator === "OR" && sameSet(r.controls, controls))
    ) {
      operator = "OR";
    } else operator = "mixed";
  }
  return {
    policies: results,
    block,
    blockedBy,
    controls,
    operator,
    requirements,
    authenticationStrengths: [...strengths].sort(),
    session: mergeSession(enforcedPolicies),
    reportOnlyApplied,
    enforcedPolicyIds: enforcedPolicies.map((p) => p.id),
    diagnostics,
  };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** An evaluator bound to one snapshot and policy set. */
export interface Evaluator {
  /** Evaluate one sign-in. Never throws for bad input: problems become diagnostics. */
  evaluate(ctx: SignInContext): Decision;
  readonly policies: readonly NormalizedPolicy[];
  /** Problems found while preparing (unreadable named-location ranges, ...). */
  readonly diagnostics: readonly Diagnostic[];
}

function contextDiagnostics(ctx: SignInContext, c: PreparedContext): Diagnostic[] {
  const d: Diagnostic[] = [];
  if (typeof ctx.user === "string" && c.subject.groups === null) {
    d.push({
      code: "context.unknown-user",
      severity: "warning",
      message: `user '${ctx.user}' is not in the snapshot: group and role memberships are unknown`,
      path: "user",
    });
  }
  if (ctx.ipAddress && c.location.ids.size === 0 && !/^[0-9a-f:.[\]%]+$/i.test(ctx.ipAddress)) {
    d.push({
      code: "context.bad-ip",
      severity: "warning",
      message: `'${ctx.ipAddress}' is not an IP address`,
      path: "ipAddress",
    });
  }
  return d;
}

/**
 * The reference evaluator. `policies` must be normalised (normalizePolicies); `snapshot` supplies the
 * directory (memberships, roles), named locations and authentication strengths.
 */
export function createEvaluator(
  snapshot: TenantSnapshot,
  policies: readonly NormalizedPolicy[],
  opts: EvaluatorOptions = {},
): Evaluator {
  const env = buildEnv(snapshot, opts);
  return {
    policies,
    diagnostics: env.diagnostics,
    evaluate(ctx) {
      const c = prepareContext(ctx, env);
      const outcomes = policies.map((p) => evaluatePolicyConditions(p, c, env));
      return combine(policies, outcomes, opts, contextDiagnostics(ctx, c));
    },
  };
}

export { contextDiagnostics as _contextDiagnostics };
