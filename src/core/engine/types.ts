// Types of the Conditional Access engine: the normalised policy form, the sign-in context, the decision.
// Every other engine file speaks these types; the public surface re-exports them from index.ts.

import type { Diagnostic } from "../model/diagnostics.js";
import type { DeviceFilterNode } from "./device-filter/parser.js";

/** Client app types of a CA policy. https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-conditions#client-apps */
export type ClientAppType = "browser" | "mobileAppsAndDesktopClients" | "exchangeActiveSync" | "other";
export const CLIENT_APP_TYPES: readonly ClientAppType[] = [
  "browser",
  "mobileAppsAndDesktopClients",
  "exchangeActiveSync",
  "other",
];

/** Device platforms CA knows; `unknown` is any other (ChromeOS, ...) and matches only `all`. */
export type Platform = "android" | "iOS" | "windows" | "windowsPhone" | "macOS" | "linux";
export const PLATFORMS: readonly Platform[] = ["android", "iOS", "windows", "windowsPhone", "macOS", "linux"];
export type PlatformOrUnknown = Platform | "unknown";

export type RiskLevel = "none" | "low" | "medium" | "high" | "hidden";
export const RISK_LEVELS: readonly RiskLevel[] = ["none", "low", "medium", "high", "hidden"];
export type InsiderRiskLevel = "none" | "minor" | "moderate" | "elevated";
export const INSIDER_RISK_LEVELS: readonly InsiderRiskLevel[] = ["none", "minor", "moderate", "elevated"];
export type TransferMethod = "none" | "deviceCodeFlow" | "authenticationTransfer";
export const TRANSFER_METHODS: readonly TransferMethod[] = ["none", "deviceCodeFlow", "authenticationTransfer"];

/** User actions. `registerSecurityInfo` = urn:user:registersecurityinfo, `registerOrJoinDevices` = urn:user:registerdevice. */
export type UserAction = "registerSecurityInfo" | "registerOrJoinDevices";

/** Guest and external user kinds (the `guestOrExternalUserTypes` flags). */
export type GuestType =
  | "internalGuest"
  | "b2bCollaborationGuest"
  | "b2bCollaborationMember"
  | "b2bDirectConnectUser"
  | "otherExternalUser"
  | "serviceProvider";
export const GUEST_TYPES: readonly GuestType[] = [
  "internalGuest",
  "b2bCollaborationGuest",
  "b2bCollaborationMember",
  "b2bDirectConnectUser",
  "otherExternalUser",
  "serviceProvider",
];

/** Built-in grant controls, in the order Entra prompts for them. */
export const BUILT_IN_CONTROLS = [
  "block",
  "mfa",
  "compliantDevice",
  "domainJoinedDevice",
  "approvedApplication",
  "compliantApplication",
  "passwordChange",
  "riskRemediation",
] as const;
export type BuiltInControl = (typeof BUILT_IN_CONTROLS)[number];

/**
 * A reference from a policy to a directory object, location, app or strength, as written in the source.
 * `placeholder` marks values that cannot be ids (`<ExclusionTempGroup>`, display names); the evaluator
 * resolves them against the snapshot by id, then by name, and otherwise treats the reference as unknown.
 */
export interface Ref {
  readonly raw: string;
  readonly placeholder: boolean;
}

export interface GuestSpec {
  /** Guest kinds named by the flags; empty = none. */
  readonly types: readonly GuestType[];
  /** `all` or the enumerated home-tenant ids. */
  readonly tenants: "all" | readonly string[];
}

export interface UsersCondition {
  readonly includeAll: boolean;
  /** Legacy `GuestsOrExternalUsers` keyword in includeUsers. */
  readonly includeAllGuests: boolean;
  readonly includeUsers: readonly Ref[];
  readonly includeGroups: readonly Ref[];
  readonly includeRoles: readonly Ref[];
  readonly includeGuests: GuestSpec | null;
  readonly excludeAllGuests: boolean;
  readonly excludeUsers: readonly Ref[];
  readonly excludeGroups: readonly Ref[];
  readonly excludeRoles: readonly Ref[];
  readonly excludeGuests: GuestSpec | null;
}

export interface WorkloadCondition {
  /** `ServicePrincipalsInMyTenant` or `All`. */
  readonly includeAll: boolean;
  readonly include: readonly Ref[];
  readonly exclude: readonly Ref[];
  /** Custom-security-attribute filters cannot be evaluated offline: kept to report them. */
  readonly filter: { readonly mode: "include" | "exclude"; readonly rule: string } | null;
}

export interface ApplicationsCondition {
  readonly includeAll: boolean;
  /** App ids or the bundle keywords `Office365`, `MicrosoftAdminPortals`. */
  readonly include: readonly Ref[];
  readonly exclude: readonly Ref[];
  readonly userActions: readonly UserAction[];
  readonly authContexts: readonly string[];
  /** Application filter on custom security attributes: not evaluable offline. */
  readonly filter: { readonly mode: "include" | "exclude"; readonly rule: string } | null;
}

export interface PlatformsCondition {
  readonly includeAll: boolean;
  readonly include: readonly Platform[];
  readonly exclude: readonly Platform[];
}

export interface LocationsCondition {
  readonly includeAll: boolean;
  readonly includeAllTrusted: boolean;
  readonly include: readonly Ref[];
  readonly excludeAllTrusted: boolean;
  readonly exclude: readonly Ref[];
}

export interface DeviceFilterCondition {
  readonly mode: "include" | "exclude";
  readonly rule: string;
  /** Null when the rule did not parse (a diagnostic says why); the condition is then unknown. */
  readonly ast: DeviceFilterNode | null;
}

export interface GrantSpec {
  readonly operator: "AND" | "OR";
  /** `block`, `mfa`, ..., `authenticationStrength:<id>`, `termsOfUse:<id>`, `custom:<id>`, `unknown:<value>`. */
  readonly controls: readonly string[];
  readonly authenticationStrength: Ref | null;
}

export interface SessionSpec {
  readonly signInFrequency: {
    readonly value: number | null;
    readonly type: "days" | "hours" | null;
    readonly everyTime: boolean;
    readonly authenticationType: string | null;
  } | null;
  readonly persistentBrowser: "always" | "never" | null;
  readonly cloudAppSecurity: string | null;
  readonly applicationEnforcedRestrictions: boolean;
  readonly disableResilienceDefaults: boolean;
  readonly continuousAccessEvaluation: string | null;
  readonly secureSignInSession: boolean;
}

export type NormalizedState = "enabled" | "disabled" | "reportOnly";

/**
 * One policy in the engine's internal form. `null` for an optional condition means "not configured"
 * (matches everything). INVARIANT: exactly one of `users` / `workload` decides the identity; a policy
 * with neither matches nobody.
 */
export interface NormalizedPolicy {
  readonly id: string;
  readonly displayName: string;
  /** File or source label the policy came from, when the caller gave one. */
  readonly sourceName?: string;
  readonly state: NormalizedState;
  readonly users: UsersCondition | null;
  readonly workload: WorkloadCondition | null;
  readonly applications: ApplicationsCondition | null;
  readonly clientAppTypes: readonly (ClientAppType | "easSupported")[] | null;
  readonly platforms: PlatformsCondition | null;
  readonly locations: LocationsCondition | null;
  readonly signInRiskLevels: readonly RiskLevel[] | null;
  readonly userRiskLevels: readonly RiskLevel[] | null;
  readonly servicePrincipalRiskLevels: readonly RiskLevel[] | null;
  readonly insiderRiskLevels: readonly InsiderRiskLevel[] | null;
  readonly authenticationFlows: readonly TransferMethod[] | null;
  /** Null = not configured; `ast: null` inside = malformed rule. */
  readonly deviceFilter: DeviceFilterCondition | null;
  /** Null = no grant controls (session-only policy). */
  readonly grant: GrantSpec | null;
  readonly session: SessionSpec | null;
}

/** The names of conditions, in the order the engine reports the deciding one. */
export const CONDITIONS = [
  "state",
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
] as const;
export type ConditionName = (typeof CONDITIONS)[number];

/** Device state as the sign-in presents it. Property names follow the device filter language. */
export interface DeviceInfo {
  readonly deviceId?: string | null;
  readonly displayName?: string | null;
  readonly isCompliant?: boolean | null;
  /** `AzureAD` (Entra joined), `ServerAD` (hybrid joined), `Workplace` (registered). */
  readonly trustType?: string | null;
  readonly operatingSystem?: string | null;
  readonly operatingSystemVersion?: string | null;
  readonly deviceOwnership?: string | null;
  readonly enrollmentProfileName?: string | null;
  readonly manufacturer?: string | null;
  readonly model?: string | null;
  readonly mdmAppId?: string | null;
  readonly profileType?: string | null;
  readonly physicalIds?: readonly string[] | null;
  readonly systemLabels?: readonly string[] | null;
  readonly [extensionAttribute: `extensionAttribute${number}`]: string | null | undefined;
}

/** An identity not (necessarily) in a snapshot: for What If on a hypothetical user or a workload. */
export interface AdHocIdentity {
  readonly id?: string;
  readonly userType: "member" | "guest";
  /** For guests and external users; default `b2bCollaborationGuest` for `guest`. */
  readonly guestType?: GuestType;
  readonly externalTenantId?: string;
  /** Transitive group ids. */
  readonly groupIds: readonly string[];
  /** Active role template ids at tenant scope. */
  readonly roleTemplateIds: readonly string[];
  readonly isServicePrincipal?: boolean;
  /** Managed identities are never in scope of CA. */
  readonly isManagedIdentity?: boolean;
}

/**
 * One sign-in to evaluate. Omitted inputs default as documented on each field (What If cannot evaluate
 * omitted inputs; the engine picks the common case and says so here).
 */
export interface SignInContext {
  /** A directory user id (or UPN) of the snapshot, or an ad-hoc identity. */
  readonly user: string | AdHocIdentity;
  /** App id or a keyword (`Office365`, `MicrosoftAdminPortals`); ignored when `userAction` or `authContext` is set. */
  readonly application?: string | null;
  readonly userAction?: UserAction | null;
  /** Authentication context class reference, `c1`..`c99`. */
  readonly authContext?: string | null;
  /** Default `browser`. */
  readonly clientAppType?: ClientAppType;
  /** Default `unknown` (matches only policies that include `all` platforms). */
  readonly platform?: PlatformOrUnknown;
  /** Absent = in no IP-based named location. */
  readonly ipAddress?: string | null;
  /** ISO 3166-1 alpha-2; absent = unknown country. */
  readonly country?: string | null;
  /** Country from the Authenticator GPS, for `authenticatorAppGps` country locations. */
  readonly gpsCountry?: string | null;
  /** Default `none`. */
  readonly signInRisk?: RiskLevel;
  readonly userRisk?: RiskLevel;
  readonly servicePrincipalRisk?: RiskLevel;
  readonly insiderRisk?: InsiderRiskLevel;
  /** Null or absent = unregistered device (every filter property null). */
  readonly device?: DeviceInfo | null;
  /** Default `none`. */
  readonly authenticationFlow?: TransferMethod;
}

/** docs/design.md#rule-6: how to count a condition the engine cannot decide. */
export type UnknownPolicy = "assumeApplies" | "assumeNotApplies";

export interface EvaluatorOptions {
  /** Default `assumeApplies` (the lockout question). Use `assumeNotApplies` for "is this user covered?". */
  readonly unknownApplies?: UnknownPolicy;
  /** Treat report-only policies as enabled (simulate). Default false. */
  readonly reportOnlyAsEnabled?: boolean;
  /** Evaluation time (ISO-8601) for role assignment windows. */
  readonly now?: string;
  /** CIDRs of the legacy "MFA trusted IPs" list; when absent, a policy naming that location is unknown. */
  readonly mfaTrustedIps?: readonly string[];
}

export type PolicyResultKind = "applied" | "notApplied" | "error";

export interface PolicyResult {
  readonly id: string;
  readonly displayName: string;
  readonly state: NormalizedState;
  /** `error`: the outcome hinged on something the engine could not evaluate; see `countedAsApplied`. */
  readonly result: PolicyResultKind;
  /** What the decision assumed (equals `result === "applied"` unless `error`). */
  readonly countedAsApplied: boolean;
  /** Counted as applied and enforced (enabled, or report-only with `reportOnlyAsEnabled`). */
  readonly enforced: boolean;
  /** The deciding condition: the first non-matching one, or the first unknown one for `error`. */
  readonly condition: ConditionName | null;
  /** One line: why. */
  readonly reason: string;
  readonly grant: GrantSpec | null;
  readonly session: SessionSpec | null;
}

export interface Requirement {
  readonly policyId: string;
  readonly operator: "AND" | "OR";
  readonly controls: readonly string[];
}

export interface MergedSession {
  /** Shortest sign-in frequency in hours, or `everyTime`. */
  readonly signInFrequencyHours: number | null;
  readonly signInFrequencyEveryTime: boolean;
  readonly persistentBrowser: "always" | "never" | null;
  readonly cloudAppSecurity: readonly string[];
  readonly applicationEnforcedRestrictions: boolean;
  readonly disableResilienceDefaults: boolean;
}

/** The combined outcome of a policy set for one sign-in. */
export interface Decision {
  readonly policies: readonly PolicyResult[];
  /** Any enforced applied policy has `block`. */
  readonly block: boolean;
  readonly blockedBy: readonly string[];
  /** Every control the enforced policies ask for (prompt order); `["block"]` when blocked. */
  readonly controls: readonly string[];
  /** `AND` when every listed control is required, `OR` when any one of them suffices, `mixed` (see requirements), null when nothing. */
  readonly operator: "AND" | "OR" | "mixed" | null;
  /** One entry per enforced applied policy with grant controls. */
  readonly requirements: readonly Requirement[];
  readonly authenticationStrengths: readonly string[];
  readonly session: MergedSession;
  /** Ids of report-only policies that would have applied. */
  readonly reportOnlyApplied: readonly string[];
  /** Ids of policies counted as applied and enforced. */
  readonly enforcedPolicyIds: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}
