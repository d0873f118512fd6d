// Satisfiability: can THIS user meet the combined requirement with the methods and device they have?
// Outcome allowed | prompted | mustRegister | blocked (reason from a closed list). Legacy protocols cannot
// do MFA or send device state. https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-grant
// Registration in the flow: a user with no MFA method who meets "Require MFA" is interrupted to register
// (combined registration); a "register security info" policy can stop that.
// https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-security-info-registration

import type { AuthenticationStrengthPolicy } from "../model/policy.js";
import { STRENGTH } from "../model/well-known.js";
import { isLegacyClient } from "./conditions/client-apps.js";
import { BUILT_IN_STRENGTHS, combinationsOf, satisfiesCombinations, type UserCapabilities } from "./methods.js";
import type { Decision, Requirement, SignInContext } from "./types.js";

export type UserOutcome = "allowed" | "prompted" | "mustRegister" | "blocked";

/** Why a user cannot get in: a closed list. */
export type BlockedReason =
  | "blockControl"
  | "legacyProtocol"
  | "strengthNotSatisfiable"
  | "deviceNotCompliant"
  | "deviceNotJoined"
  | "appProtection"
  | "cannotRegister";

export const BLOCKED_REASONS: readonly BlockedReason[] = [
  "blockControl",
  "legacyProtocol",
  "strengthNotSatisfiable",
  "deviceNotCompliant",
  "deviceNotJoined",
  "appProtection",
  "cannotRegister",
];

export interface ControlStatus {
  readonly control: string;
  readonly outcome: UserOutcome;
  readonly blockedReason?: BlockedReason;
  readonly note: string;
}

export interface RequirementStatus {
  readonly policyId: string;
  readonly operator: "AND" | "OR";
  readonly outcome: UserOutcome;
  readonly blockedReason?: BlockedReason;
  readonly controls: readonly ControlStatus[];
}

export interface SatisfyResult {
  readonly outcome: UserOutcome;
  readonly blockedReason?: BlockedReason;
  /** Policy that decided a `blocked` outcome. */
  readonly blockingPolicyId?: string;
  readonly requirements: readonly RequirementStatus[];
  /** For mustRegister: whether a "register security info" policy would let the user register. */
  readonly registration?: { readonly possible: boolean; readonly blockedBy: readonly string[]; readonly note: string };
}

export interface SatisfyOptions {
  /** Strength policies of the tenant (built-ins are known without them). */
  readonly strengths?: readonly AuthenticationStrengthPolicy[] | ReadonlyMap<string, AuthenticationStrengthPolicy>;
  /** Decision for the same user and conditions with userAction `registerSecurityInfo`. */
  readonly registrationDecision?: Decision;
}

const RANK: Record<UserOutcome, number> = { allowed: 0, prompted: 1, mustRegister: 2, blocked: 3 };
/** Second factors combined registration offers in the interrupt (inferred from Microsoft's registration docs). */
const REGISTRABLE_INLINE = new Set(["microsoftAuthenticatorPush", "sms", "voice", "softwareOath"]);

const MFA_COMBOS = BUILT_IN_STRENGTHS[STRENGTH.mfa] as readonly string[];

function st(control: string, outcome: UserOutcome, note: string, blockedReason?: BlockedReason): ControlStatus {
  return blockedReason ? { control, outcome, note, blockedReason } : { control, outcome, note };
}

function controlStatus(
  control: string,
  caps: UserCapabilities,
  ctx: SignInContext,
  opts: SatisfyOptions,
  registering: boolean,
): ControlStatus {
  const legacy = isLegacyClient(ctx.clientAppType ?? "browser");
  const hasMfa = satisfiesCombinations(MFA_COMBOS, caps.modes);
  const base = control.includes(":") ? control.slice(0, control.indexOf(":")) : control;
  const arg = control.includes(":") ? control.slice(control.indexOf(":") + 1) : "";
  if (legacy && base !== "block") {
    return st(control, "blocked", "legacy authentication cannot satisfy grant controls", "legacyProtocol");
  }
  switch (base) {
    case "block":
      return st(control, "blocked", "block access", "blockControl");
    case "mfa":
      if (hasMfa) return st(control, "prompted", "MFA with a registered method");
      if (registering)
        return st(control, "blocked", "MFA needed to register, and no method (or TAP) is registered", "cannotRegister");
      return st(control, "mustRegister", "no MFA method registered: registration interrupt at next sign-in");
    case "authenticationStrength": {
      const combos = combinationsOf(arg, opts.strengths ?? []);
      if (!combos) return st(control, "blocked", `authentication strength ${arg} is unknown`, "strengthNotSatisfiable");
      if (satisfiesCombinations(combos, caps.modes))
        return st(control, "prompted", "strength met by a registered method");
      // A user with no MFA method at all is sent to combined registration, which offers Authenticator,
      // phone and OATH: only strengths accepting password + one of those can be met that way. A user who
      // has MFA but not the required method is blocked (inferred; pessimistic for the lockout question).
      const registrable = combos.some((c) => {
        const t = c.split(",").map((x) => x.trim());
        return t.length === 2 && t[0] === "password" && REGISTRABLE_INLINE.has(t[1] as string);
      });
      if (registrable && !hasMfa && !registering) {
        return st(control, "mustRegister", "no MFA method registered: registration interrupt at next sign-in");
      }
      return st(
        control,
        "blocked",
        "no registered method satisfies the authentication strength",
        "strengthNotSatisfiable",
      );
    }
    case "compliantDevice":
      return ctx.device?.isCompliant === true
        ? st(control, "allowed", "device is compliant")
        : st(control, "blocked", ctx.device ? "device is not compliant" : "unregistered device", "deviceNotCompliant");
    case "domainJoinedDevice":
      return (ctx.device?.trustType ?? "").toLowerCase() === "serverad"
        ? st(control, "allowed", "device is hybrid joined")
        : st(control, "blocked", "device is not hybrid joined", "deviceNotJoined");
    case "approvedApplication":
    case "compliantApplication": {
      const mobile = ctx.platform === "iOS" || ctx.platform === "android";
      return mobile && ctx.clientAppType === "mobileAppsAndDesktopClients"
        ? st(control, "prompted", "app protection: needs an approved / protected client app (assumed possible)")
        : st(control, "blocked", "app protection controls need an iOS or Android client app", "appProtection");
    }
    case "passwordChange":
    case "riskRemediation":
      return hasMfa
        ? st(control, "prompted", "secure password change / remediation after MFA")
        : st(control, "blocked", "remediation needs MFA and no method is registered", "cannotRegister");
    default:
      return st(control, "prompted", base === "unknown" ? "unknown control (assumed promptable)" : `${base} prompt`);
  }
}

function requirementStatus(
  r: Requirement,
  caps: UserCapabilities,
  ctx: SignInContext,
  opts: SatisfyOptions,
  registering: boolean,
): RequirementStatus {
  const controls = r.controls.map((c) => controlStatus(c, caps, ctx, opts, registering));
  let pick = controls[0] as ControlStatus;
  for (const c of controls) {
    if (r.operator === "AND" ? RANK[c.outcome] > RANK[pick.outcome] : RANK[c.outcome] < RANK[pick.outcome]) pick = c;
  }
  const out: RequirementStatus = { policyId: r.policyId, operator: r.operator, outcome: pick.outcome, controls };
  return pick.blockedReason ? { ...out, blockedReason: pick.blockedReason } : out;
}

/**
 * The outcome for this user. Uses the enforced part of `decision` only (report-only never counts).
 * A `mustRegister` outcome turns into `blocked: cannotRegister` when `registrationDecision` shows the
 * user could not complete security-info registration.
 */
export function satisfy(
  decision: Decision,
  caps: UserCapabilities,
  ctx: SignInContext,
  opts: SatisfyOptions = {},
): SatisfyResult {
  const registering = ctx.userAction === "registerSecurityInfo";
  if (decision.block) {
    return {
      outcome: "blocked",
      blockedReason: "blockControl",
      blockingPolicyId: decision.blockedBy[0] as string,
      requirements: [],
    };
  }
  const reqs = decision.requirements.map((r) => requirementStatus(r, caps, ctx, opts, registering));
  let worst: RequirementStatus | null = null;
  for (const r of reqs) if (!worst || RANK[r.outcome] > RANK[worst.outcome]) worst = r;
  if (!worst || worst.outcome === "allowed") return { outcome: "allowed", requirements: reqs };
  if (worst.outcome === "blocked") {
    return {
      outcome: "blocked",
      blockedReason: worst.blockedReason ?? "strengthNotSatisfiable",
      blockingPolicyId: worst.policyId,
      requirements: reqs,
    };
  }
  if (worst.outcome === "mustRegister" && opts.registrationDecision) {
    const reg = satisfy(
      opts.registrationDecision,
      caps,
      { ...ctx, userAction: "registerSecurityInfo" },
      { ...opts, registrationDecision: undefined },
    );
    if (reg.outcome === "blocked") {
      const by = reg.blockingPolicyId ? [reg.blockingPolicyId] : [];
      return {
        outcome: "blocked",
        blockedReason: "cannotRegister",
        ...(by[0] ? { blockingPolicyId: by[0] } : {}),
        requirements: reqs,
        registration: { possible: false, blockedBy: by, note: `registering security info is ${reg.blockedReason}` },
      };
    }
    return {
      outcome: "mustRegister",
      requirements: reqs,
      registration: { possible: true, blockedBy: [], note: "security-info registration is allowed" },
    };
  }
  return { outcome: worst.outcome, requirements: reqs };
}
