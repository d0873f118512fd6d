// MFA registration state per user: the Graph registration report and per-user method objects.
// https://learn.microsoft.com/graph/api/resources/userregistrationdetails

/** One row of `/reports/authenticationMethods/userRegistrationDetails` (`id` = user object id). */
export interface UserRegistrationDetails {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly userDisplayName?: string | null;
  readonly userType?: "member" | "guest" | string;
  readonly isAdmin?: boolean;
  readonly isMfaRegistered: boolean;
  readonly isMfaCapable: boolean;
  readonly isPasswordlessCapable?: boolean;
  readonly isSsprRegistered?: boolean;
  readonly isSsprEnabled?: boolean;
  readonly isSsprCapable?: boolean;
  readonly isSystemPreferredAuthenticationMethodEnabled?: boolean | null;
  readonly systemPreferredAuthenticationMethods?: readonly string[];
  readonly userPreferredMethodForSecondaryAuthentication?: string | null;
  readonly defaultMfaMethod?: string | null;
  /** Values such as `microsoftAuthenticatorPush`, `mobilePhone` (= SMS), `fido2SecurityKey`; unknown values are not MFA. */
  readonly methodsRegistered: readonly string[];
  readonly lastUpdatedDateTime?: string | null;
}

/**
 * One registered method from `/users/{id}/authentication/methods`, with the owning user id added.
 * `@odata.type` is e.g. `#microsoft.graph.fido2AuthenticationMethod`. Secrets are never kept.
 */
export interface UserAuthenticationMethod {
  readonly userId: string;
  readonly id: string;
  readonly "@odata.type": string;
  readonly createdDateTime?: string | null;
  readonly displayName?: string | null;
  /** phone methods: `mobile`, `alternateMobile`, `office`. */
  readonly phoneType?: string | null;
  /** phone methods: the number as Graph returns it (PII, not a secret). */
  readonly phoneNumber?: string | null;
  /** Authenticator: the device the app is on. */
  readonly deviceTag?: string | null;
  readonly phoneAppVersion?: string | null;
  /** FIDO2: authenticator model and AAGUID. */
  readonly model?: string | null;
  readonly aaGuid?: string | null;
}
