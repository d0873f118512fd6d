// Public API of the Conditional Access engine (pure): normalise policies, evaluate sign-ins (reference and
// compiled), decide whether a user can satisfy the result, and map sign-in log strings.
// Rules and field names: docs/reference/conditional-access.md; Microsoft Learn links in each file.

export { isGuid } from "../model/guid.js";
/**
 * compileEvaluator(snapshot, policies, opts) -> the fast path: `decide(ctx)` (compact, allocation-free)
 * and `evaluate(ctx)` (the same Decision as the reference).
 */
export { CONTROL_BIT, type CompiledEvaluator, compileEvaluator, type FastDecision } from "./compile.js";
export { ADMIN_PORTAL_APP_IDS, appCovered, OFFICE365_APP_IDS } from "./conditions/applications.js";
export { clientAppTypeOf, EAS_SUPPORTED_PLATFORMS, isLegacyClient } from "./conditions/client-apps.js";
/** The resolved directory and locations a policy set is evaluated against, and the three-state verdicts. */
export { buildEnv, type Env, NO, UNRESOLVED, YES } from "./conditions/env.js";
export { platformOf } from "./conditions/platforms.js";
export { evaluateUsers } from "./conditions/users.js";
export { evaluateDeviceFilter } from "./device-filter/evaluate.js";
export { DEVICE_PROPERTIES, type DeviceFilterNode, parseDeviceFilter } from "./device-filter/parser.js";
/**
 * createEvaluator(snapshot, policies, opts) -> the reference evaluator: `evaluate(ctx): Decision`.
 * Options: unknownApplies (docs/design.md#rule-6), reportOnlyAsEnabled, now, mfaTrustedIps.
 */
export { createEvaluator, type Evaluator, sortControls } from "./evaluate.js";
export { cidrContains, parseCidr, parseIp } from "./ip.js";
export {
  BUILT_IN_STRENGTHS,
  capabilitiesFromMethods,
  capabilitiesFromSnapshot,
  combinationsOf,
  filterByMethodsPolicy,
  type ModeToken,
  modesFromMethodsRegistered,
  modesFromMethodType,
  satisfiesCombinations,
  type UserCapabilities,
} from "./methods.js";
/**
 * normalizePolicies(raw, { sourceName }) -> { policies, diagnostics }: any shape in, NormalizedPolicy out;
 * never throws. Policies without id get a stable derived id and keep `sourceName`.
 */
export {
  camelizeKeys,
  derivedPolicyId,
  isUnset,
  type NormalizeOptions,
  type NormalizeOutput,
  normalizePolicies,
  normalizePolicy,
} from "./normalize.js";
/** satisfy(decision, capabilities, ctx, opts) -> allowed | prompted | mustRegister | blocked (closed reasons). */
export {
  BLOCKED_REASONS,
  type BlockedReason,
  type ControlStatus,
  type RequirementStatus,
  type SatisfyOptions,
  type SatisfyResult,
  satisfy,
  type UserOutcome,
} from "./satisfy.js";
export { contextFromAccessPattern, contextFromSignIn, trustTypeOf } from "./sign-in-context.js";
export * from "./types.js";
