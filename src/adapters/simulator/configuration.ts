// The tenant's existing configuration: named locations, the three existing Conditional Access policies
// (one report-only for months, one naming a deleted group), built-in authentication strengths, the
// authentication methods policy (Temporary Access Pass disabled: planted weakness), security defaults off.

import type {
  AuthenticationMethodsPolicy,
  AuthenticationStrengthPolicy,
  ConditionalAccessPolicy,
  NamedLocation,
  SecurityDefaults,
} from "../../core/model/policy.js";
import { ADMIN_ROLE_TEMPLATE_IDS, APP, BUILT_IN_STRENGTH_COMBINATIONS, STRENGTH } from "../../core/model/well-known.js";
import { OFFICES } from "./catalog.js";
import type { GenContext } from "./context.js";
import { POLICY_NAMES } from "./sign-ins.js";
import { DAY_MS, iso } from "./time.js";

export const REPORT_ONLY_SINCE_DAYS = 160;

export function namedLocations(ctx: GenContext, countryLocationId: string): NamedLocation[] {
  return [
    {
      "@odata.type": "#microsoft.graph.ipNamedLocation",
      id: ctx.officeLocationId,
      displayName: "Northwind offices",
      createdDateTime: iso(ctx.toMs - 700 * DAY_MS + 3_600_000),
      modifiedDateTime: iso(ctx.toMs - 210 * DAY_MS + 7_200_000),
      isTrusted: true,
      ipRanges: Object.values(OFFICES).map((o) => ({
        "@odata.type": "#microsoft.graph.iPv4CidrRange",
        cidrAddress: o.cidr,
      })),
    },
    {
      "@odata.type": "#microsoft.graph.countryNamedLocation",
      id: countryLocationId,
      displayName: "UK and Europe",
      createdDateTime: iso(ctx.toMs - 420 * DAY_MS + 5_400_000),
      modifiedDateTime: null,
      countriesAndRegions: ["GB", "IE", "FR", "ES", "PT", "DE", "NL", "IT"],
      includeUnknownCountriesAndRegions: false,
      countryLookupMethod: "clientIpAddress",
    },
  ];
}

export function policies(ctx: GenContext, missingGroupId: string): ConditionalAccessPolicy[] {
  const { adminMfa, azureMfa, financeMfa } = ctx.policies;
  /** A "require MFA" policy in the shape Graph returns (every list present, unused ones empty). */
  const mfaPolicy = (
    id: string,
    displayName: string,
    state: string,
    createdDateTime: string,
    modifiedDateTime: string,
    who: { includeUsers?: string[]; includeGroups?: string[]; excludeGroups?: string[]; includeRoles?: string[] },
    includeApplications: string[],
  ): ConditionalAccessPolicy => ({
    id,
    displayName,
    state,
    createdDateTime,
    modifiedDateTime,
    templateId: null,
    conditions: {
      users: {
        includeUsers: who.includeUsers ?? [],
        excludeUsers: [],
        includeGroups: who.includeGroups ?? [],
        excludeGroups: who.excludeGroups ?? [],
        includeRoles: who.includeRoles ?? [],
        excludeRoles: [],
        includeGuestsOrExternalUsers: null,
        excludeGuestsOrExternalUsers: null,
      },
      applications: {
        includeApplications,
        excludeApplications: [],
        includeUserActions: [],
        includeAuthenticationContextClassReferences: [],
        applicationFilter: null,
      },
      clientAppTypes: ["all"],
      platforms: null,
      locations: null,
      signInRiskLevels: [],
      userRiskLevels: [],
      servicePrincipalRiskLevels: [],
      devices: null,
    },
    grantControls: {
      operator: "OR",
      builtInControls: ["mfa"],
      customAuthenticationFactors: [],
      termsOfUse: [],
      authenticationStrength: null,
    },
    sessionControls: null,
  });
  return [
    mfaPolicy(
      adminMfa,
      POLICY_NAMES.adminMfa,
      "enabledForReportingButNotEnforced",
      iso(ctx.toMs - (REPORT_ONLY_SINCE_DAYS + 2) * DAY_MS + 36_000_000),
      iso(ctx.toMs - REPORT_ONLY_SINCE_DAYS * DAY_MS + 40_000_000),
      { excludeGroups: [ctx.emergencyGroupId], includeRoles: [...ADMIN_ROLE_TEMPLATE_IDS.slice(0, 15)] },
      ["All"],
    ),
    mfaPolicy(
      azureMfa,
      POLICY_NAMES.azureMfa,
      "enabled",
      iso(ctx.toMs - 480 * DAY_MS + 50_000_000),
      iso(ctx.toMs - 300 * DAY_MS + 52_000_000),
      { includeUsers: ["All"], excludeGroups: [ctx.emergencyGroupId] },
      [APP.azureServiceManagement],
    ),
    mfaPolicy(
      financeMfa,
      POLICY_NAMES.financeMfa,
      "enabled",
      iso(ctx.toMs - 640 * DAY_MS + 30_000_000),
      iso(ctx.toMs - 620 * DAY_MS + 31_000_000),
      { includeGroups: [missingGroupId] },
      ["Office365"],
    ),
  ];
}

/** The three built-in authentication strengths (docs/reference/conditional-access.md#authentication-strengths). */
export function authenticationStrengths(): AuthenticationStrengthPolicy[] {
  return [
    {
      id: STRENGTH.mfa,
      displayName: "Multifactor authentication",
      description: "Combinations of methods that satisfy strong authentication, such as a password + SMS",
      policyType: "builtIn",
      requirementsSatisfied: "mfa",
      allowedCombinations: [...(BUILT_IN_STRENGTH_COMBINATIONS[STRENGTH.mfa] ?? [])],
    },
    {
      id: STRENGTH.passwordlessMfa,
      displayName: "Passwordless MFA",
      description:
        "Passwordless methods that satisfy strong authentication, such as Passwordless sign-in with the Microsoft Authenticator",
      policyType: "builtIn",
      requirementsSatisfied: "mfa",
      allowedCombinations: [...(BUILT_IN_STRENGTH_COMBINATIONS[STRENGTH.passwordlessMfa] ?? [])],
    },
    {
      id: STRENGTH.phishingResistantMfa,
      displayName: "Phishing-resistant MFA",
      description:
        "Phishing-resistant, Passwordless methods for the strongest authentication, such as a FIDO2 security key",
      policyType: "builtIn",
      requirementsSatisfied: "mfa",
      allowedCombinations: [...(BUILT_IN_STRENGTH_COMBINATIONS[STRENGTH.phishingResistantMfa] ?? [])],
    },
  ];
}

const ALL_USERS = [{ id: "all_users", targetType: "group", isRegistrationRequired: false }] as const;

export function authenticationMethodsPolicy(): AuthenticationMethodsPolicy {
  return {
    id: "authenticationMethodsPolicy",
    policyVersion: "1.5",
    policyMigrationState: "migrationComplete",
    registrationEnforcement: {
      authenticationMethodsRegistrationCampaign: {
        snoozeDurationInDays: 1,
        enforceRegistrationAfterAllowedSnoozes: true,
        state: "default",
        excludeTargets: [],
        includeTargets: [
          { id: "all_users", targetType: "group", targetedAuthenticationMethod: "microsoftAuthenticator" },
        ],
      },
    },
    authenticationMethodConfigurations: [
      {
        "@odata.type": "#microsoft.graph.microsoftAuthenticatorAuthenticationMethodConfiguration",
        id: "MicrosoftAuthenticator",
        state: "enabled",
        includeTargets: [
          { id: "all_users", targetType: "group", isRegistrationRequired: false, authenticationMode: "any" },
        ],
        excludeTargets: [],
        featureSettings: {
          displayAppInformationRequiredState: {
            state: "enabled",
            includeTarget: { targetType: "group", id: "all_users" },
          },
          displayLocationInformationRequiredState: {
            state: "enabled",
            includeTarget: { targetType: "group", id: "all_users" },
          },
          numberMatchingRequiredState: { state: "enabled", includeTarget: { targetType: "group", id: "all_users" } },
        },
      },
      {
        "@odata.type": "#microsoft.graph.fido2AuthenticationMethodConfiguration",
        id: "Fido2",
        state: "enabled",
        includeTargets: [...ALL_USERS],
        excludeTargets: [],
      },
      {
        "@odata.type": "#microsoft.graph.smsAuthenticationMethodConfiguration",
        id: "Sms",
        state: "enabled",
        includeTargets: [...ALL_USERS],
        excludeTargets: [],
      },
      {
        "@odata.type": "#microsoft.graph.voiceAuthenticationMethodConfiguration",
        id: "Voice",
        state: "enabled",
        includeTargets: [...ALL_USERS],
        excludeTargets: [],
      },
      {
        "@odata.type": "#microsoft.graph.softwareOathAuthenticationMethodConfiguration",
        id: "SoftwareOath",
        state: "enabled",
        includeTargets: [...ALL_USERS],
        excludeTargets: [],
      },
      {
        "@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration",
        id: "TemporaryAccessPass",
        state: "disabled",
        includeTargets: [...ALL_USERS],
        excludeTargets: [],
        isUsableOnce: false,
        defaultLifetimeInMinutes: 60,
      },
      {
        "@odata.type": "#microsoft.graph.emailAuthenticationMethodConfiguration",
        id: "Email",
        state: "enabled",
        includeTargets: [...ALL_USERS],
        excludeTargets: [],
      },
    ],
  };
}

export const SECURITY_DEFAULTS: SecurityDefaults = { isEnabled: false };
