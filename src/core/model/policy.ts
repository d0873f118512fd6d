// Conditional Access configuration of a tenant snapshot, in Microsoft Graph v1.0 shape.
// Stored as captured; src/core/engine normalises the many shapes policies arrive in.
// https://learn.microsoft.com/graph/api/resources/conditionalaccesspolicy

export type PolicyState = "enabled" | "disabled" | "enabledForReportingButNotEnforced";

export interface ConditionalAccessGuestsOrExternalUsers {
  readonly guestOrExternalUserTypes?: string | null;
  readonly externalTenants?: {
    readonly "@odata.type"?: string;
    readonly membershipKind?: string | null;
    readonly members?: readonly string[];
  } | null;
}

export interface ConditionalAccessUsers {
  readonly includeUsers?: readonly string[] | null;
  readonly excludeUsers?: readonly string[] | null;
  readonly includeGroups?: readonly string[] | null;
  readonly excludeGroups?: readonly string[] | null;
  readonly includeRoles?: readonly string[] | null;
  readonly excludeRoles?: readonly string[] | null;
  readonly includeGuestsOrExternalUsers?: ConditionalAccessGuestsOrExternalUsers | null;
  readonly excludeGuestsOrExternalUsers?: ConditionalAccessGuestsOrExternalUsers | null;
}

export interface ConditionalAccessFilter {
  readonly mode?: string | null;
  readonly rule?: string | null;
}

export interface ConditionalAccessApplications {
  readonly includeApplications?: readonly string[] | null;
  readonly excludeApplications?: readonly string[] | null;
  readonly includeUserActions?: readonly string[] | null;
  readonly includeAuthenticationContextClassReferences?: readonly string[] | null;
  readonly applicationFilter?: ConditionalAccessFilter | null;
}

export interface ConditionalAccessConditions {
  readonly users?: ConditionalAccessUsers | null;
  readonly applications?: ConditionalAccessApplications | null;
  readonly clientApplications?: {
    readonly includeServicePrincipals?: readonly string[] | null;
    readonly excludeServicePrincipals?: readonly string[] | null;
    readonly servicePrincipalFilter?: ConditionalAccessFilter | null;
  } | null;
  readonly clientAppTypes?: readonly string[] | null;
  readonly platforms?: {
    readonly includePlatforms?: readonly string[] | null;
    readonly excludePlatforms?: readonly string[] | null;
  } | null;
  readonly locations?: {
    readonly includeLocations?: readonly string[] | null;
    readonly excludeLocations?: readonly string[] | null;
  } | null;
  readonly signInRiskLevels?: readonly string[] | null;
  readonly userRiskLevels?: readonly string[] | null;
  readonly servicePrincipalRiskLevels?: readonly string[] | null;
  readonly insiderRiskLevels?: string | null;
  readonly devices?: { readonly deviceFilter?: ConditionalAccessFilter | null } | null;
  readonly authenticationFlows?: { readonly transferMethods?: string | null } | null;
}

export interface ConditionalAccessGrantControls {
  readonly operator?: string | null;
  readonly builtInControls?: readonly string[] | null;
  readonly customAuthenticationFactors?: readonly string[] | null;
  readonly termsOfUse?: readonly string[] | null;
  /** Write shape `{id}`; read shape is the full strength policy. */
  readonly authenticationStrength?: { readonly id?: string | null; readonly displayName?: string | null } | null;
}

export interface ConditionalAccessSessionControls {
  readonly signInFrequency?: {
    readonly isEnabled?: boolean | null;
    readonly value?: number | null;
    readonly type?: string | null;
    readonly authenticationType?: string | null;
    readonly frequencyInterval?: string | null;
  } | null;
  readonly persistentBrowser?: { readonly isEnabled?: boolean | null; readonly mode?: string | null } | null;
  readonly cloudAppSecurity?: {
    readonly isEnabled?: boolean | null;
    readonly cloudAppSecurityType?: string | null;
  } | null;
  readonly applicationEnforcedRestrictions?: { readonly isEnabled?: boolean | null } | null;
  readonly disableResilienceDefaults?: boolean | null;
}

/**
 * A Conditional Access policy as Graph returns it. Everything but `displayName` may be missing in
 * hand-written or exported files; `id` is absent in portal downloads and templates.
 */
export interface ConditionalAccessPolicy {
  readonly id?: string | null;
  readonly displayName: string;
  readonly description?: string | null;
  readonly state?: PolicyState | string | null;
  readonly createdDateTime?: string | null;
  readonly modifiedDateTime?: string | null;
  readonly templateId?: string | null;
  readonly conditions?: ConditionalAccessConditions | null;
  readonly grantControls?: ConditionalAccessGrantControls | null;
  readonly sessionControls?: ConditionalAccessSessionControls | null;
}

export interface IpRange {
  readonly "@odata.type"?: string;
  readonly cidrAddress: string;
}

/** A named location: IP ranges or countries. https://learn.microsoft.com/graph/api/resources/namedlocation */
export interface NamedLocation {
  readonly "@odata.type": "#microsoft.graph.ipNamedLocation" | "#microsoft.graph.countryNamedLocation";
  readonly id: string;
  readonly displayName: string;
  readonly createdDateTime?: string | null;
  readonly modifiedDateTime?: string | null;
  readonly isTrusted?: boolean;
  readonly ipRanges?: readonly IpRange[];
  readonly countriesAndRegions?: readonly string[];
  readonly includeUnknownCountriesAndRegions?: boolean;
  readonly countryLookupMethod?: string;
}

/** An authentication strength policy. https://learn.microsoft.com/entra/identity/authentication/concept-authentication-strengths */
export interface AuthenticationStrengthPolicy {
  readonly id: string;
  readonly displayName: string;
  readonly description?: string | null;
  readonly policyType: "builtIn" | "custom" | string;
  readonly requirementsSatisfied?: string;
  readonly allowedCombinations: readonly string[];
}

export interface AuthenticationMethodTarget {
  readonly id: string;
  readonly targetType: "group" | "user" | string;
  readonly isRegistrationRequired?: boolean;
  readonly authenticationMode?: string;
  readonly targetedAuthenticationMethod?: string;
}

/** One entry of `authenticationMethodConfigurations` (Fido2, MicrosoftAuthenticator, Sms, TemporaryAccessPass, ...). */
export interface AuthenticationMethodConfiguration {
  readonly "@odata.type"?: string;
  readonly id: string;
  readonly state: "enabled" | "disabled" | string;
  readonly includeTargets?: readonly AuthenticationMethodTarget[];
  readonly excludeTargets?: readonly AuthenticationMethodTarget[];
  /** Authenticator: `featureSettings.numberMatchingRequiredState.state` etc.; kept as captured. */
  readonly featureSettings?: Readonly<Record<string, unknown>> | null;
  readonly isUsableOnce?: boolean;
  readonly defaultLifetimeInMinutes?: number;
}

/** The tenant's authentication methods policy. https://learn.microsoft.com/graph/api/resources/authenticationmethodspolicy */
export interface AuthenticationMethodsPolicy {
  readonly id?: string;
  readonly policyVersion?: string;
  readonly policyMigrationState?: string | null;
  readonly registrationEnforcement?: {
    readonly authenticationMethodsRegistrationCampaign?: {
      readonly snoozeDurationInDays?: number;
      readonly enforceRegistrationAfterAllowedSnoozes?: boolean;
      readonly state?: string;
      readonly includeTargets?: readonly AuthenticationMethodTarget[];
      readonly excludeTargets?: readonly AuthenticationMethodTarget[];
    } | null;
  } | null;
  readonly authenticationMethodConfigurations: readonly AuthenticationMethodConfiguration[];
}

/** `identitySecurityDefaultsEnforcementPolicy`. */
export interface SecurityDefaults {
  readonly isEnabled: boolean;
}
