// Sign-in events and the access patterns aggregated from them.
// Shape follows Graph beta `signIn` (docs/reference/sign-in-logs.md#sign-in-record), trimmed to what the product reads.
// https://learn.microsoft.com/graph/api/resources/signin

export type SignInEventType = "interactiveUser" | "nonInteractiveUser" | "servicePrincipal" | "managedIdentity";

export interface SignInStatus {
  /** 0 = success. See docs/reference/sign-in-logs.md#error-codes for the codes that matter to an MFA roll-out. */
  readonly errorCode: number;
  readonly failureReason?: string | null;
  readonly additionalDetails?: string | null;
}

export interface SignInDeviceDetail {
  readonly deviceId?: string | null;
  readonly displayName?: string | null;
  readonly operatingSystem?: string | null;
  readonly browser?: string | null;
  readonly isCompliant?: boolean | null;
  readonly isManaged?: boolean | null;
  /** Display strings in logs, e.g. "Azure AD joined", "Hybrid Azure AD joined", "Azure AD registered". */
  readonly trustType?: string | null;
}

export interface SignInLocation {
  readonly city?: string | null;
  readonly state?: string | null;
  /** ISO 3166-1 alpha-2. */
  readonly countryOrRegion?: string | null;
}

export interface AppliedConditionalAccessPolicy {
  readonly id: string;
  readonly displayName?: string | null;
  readonly enforcedGrantControls?: readonly string[];
  readonly enforcedSessionControls?: readonly string[];
  /** success, failure, notApplied, notEnabled, unknown, reportOnlySuccess, reportOnlyFailure, reportOnlyNotApplied, reportOnlyInterrupted */
  readonly result: string;
}

export interface AuthenticationDetail {
  readonly authenticationStepDateTime?: string | null;
  readonly authenticationMethod?: string | null;
  readonly authenticationMethodDetail?: string | null;
  readonly succeeded?: boolean | null;
  readonly authenticationStepResultDetail?: string | null;
  readonly authenticationStepRequirement?: string | null;
}

/** One sign-in event. Optional fields are absent when the source (e.g. a CSV download) does not carry them. */
export interface SignIn {
  readonly id: string;
  readonly createdDateTime: string;
  readonly signInEventType: SignInEventType;
  readonly userId: string;
  readonly userPrincipalName: string;
  readonly userDisplayName?: string | null;
  readonly userType?: "member" | "guest" | string | null;
  readonly appId: string;
  readonly appDisplayName?: string | null;
  readonly resourceId?: string | null;
  readonly resourceDisplayName?: string | null;
  /** Free text as logged: "Browser", "Mobile Apps and Desktop clients", "IMAP4", "Authenticated SMTP", ... */
  readonly clientAppUsed: string;
  readonly correlationId?: string | null;
  readonly ipAddress?: string | null;
  readonly location?: SignInLocation | null;
  readonly deviceDetail?: SignInDeviceDetail | null;
  readonly userAgent?: string | null;
  readonly status: SignInStatus;
  /** success, failure, notApplied. */
  readonly conditionalAccessStatus?: string | null;
  readonly appliedConditionalAccessPolicies?: readonly AppliedConditionalAccessPolicy[];
  /** singleFactorAuthentication | multiFactorAuthentication. */
  readonly authenticationRequirement?: string | null;
  readonly authenticationDetails?: readonly AuthenticationDetail[];
  readonly mfaDetail?: { readonly authMethod?: string | null; readonly authDetail?: string | null } | null;
  readonly riskLevelDuringSignIn?: string | null;
  readonly originalTransferMethod?: string | null;
  readonly authenticationProtocol?: string | null;
  readonly servicePrincipalId?: string | null;
}

/**
 * The distinct way a user reached the tenant over a window: every sign-in with the same key collapses
 * into one pattern with counts. Replay and the assessment work on patterns, not raw rows, so that a
 * 100,000-user tenant with tens of millions of sign-ins fits in memory.
 * INVARIANT: count = successCount + failureCount + interruptCount.
 */
export interface AccessPattern {
  readonly userId: string;
  readonly userPrincipalName: string;
  readonly signInEventType: SignInEventType;
  readonly appId: string;
  readonly appDisplayName: string | null;
  readonly resourceId: string | null;
  readonly clientAppUsed: string;
  readonly operatingSystem: string | null;
  readonly browser: string | null;
  readonly deviceId: string | null;
  readonly deviceDisplayName: string | null;
  readonly trustType: string | null;
  readonly isCompliant: boolean | null;
  readonly ipAddress: string | null;
  readonly countryOrRegion: string | null;
  readonly count: number;
  readonly successCount: number;
  readonly failureCount: number;
  /** Failures that are expected interrupts (MFA prompt, registration prompt): docs/reference/sign-in-logs.md#error-codes class I. */
  readonly interruptCount: number;
  /** Successful sign-ins whose authenticationRequirement was multiFactorAuthentication. */
  readonly mfaCount: number;
  readonly lastErrorCode: number | null;
  readonly firstSeen: string;
  readonly lastSeen: string;
}
