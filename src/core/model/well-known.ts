// Well-known identifiers of Microsoft Entra and Microsoft 365: role templates, first-party apps,
// built-in authentication strengths, licence service plans. Sources: docs/reference/conditional-access.md.

/** Directory role template ids. https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference */
export const ROLE = {
  globalAdministrator: "62e90394-69f5-4237-9190-012177145e10",
  applicationAdministrator: "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
  authenticationAdministrator: "c4e39bd9-1100-46d3-8c65-fb160da0071f",
  billingAdministrator: "b0f54661-2d74-4c50-afa3-1ec803f12efe",
  cloudApplicationAdministrator: "158c047a-c907-4556-b7ef-446551a6b5f7",
  conditionalAccessAdministrator: "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9",
  exchangeAdministrator: "29232cdf-9323-42fd-ade2-1d097af3e4de",
  helpdeskAdministrator: "729827e3-9c14-49f7-bb1b-9608f156bbb8",
  passwordAdministrator: "966707d0-3269-4727-9be2-8c3a10f19b9d",
  privilegedAuthenticationAdministrator: "7be44c8a-adaf-4e2a-84d6-ab2649e08a13",
  privilegedRoleAdministrator: "e8611ab8-c189-46e8-94e1-60213ab1f814",
  securityAdministrator: "194ae4cb-b126-40b2-bd5b-6091b380977d",
  sharePointAdministrator: "f28a1f50-f6e7-4571-818b-6a12f2af6b6c",
  teamsAdministrator: "69091246-20e8-4a56-aa4d-066075b2a7a8",
  userAdministrator: "fe930be7-5e62-47db-91af-98c3a49a38b1",
  authenticationPolicyAdministrator: "0526716b-113d-4c15-b2c8-68e3c22b9f80",
  identityGovernanceAdministrator: "45d8d3c5-c802-45c6-b32a-1d70b5e1e86e",
  globalReader: "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
  securityReader: "5d6b6bb7-de71-4623-b4af-96380a352509",
  reportsReader: "4a5d8f65-41da-4de4-8968-e035b65339cf",
  intuneAdministrator: "3a2c62db-5318-420d-8d74-23affee5d9d5",
  directorySynchronizationAccounts: "d29b2b05-8046-44ba-8758-1e26182fcf32",
} as const;

/** Display names of the role templates above. */
export const ROLE_NAMES: Readonly<Record<string, string>> = {
  [ROLE.globalAdministrator]: "Global Administrator",
  [ROLE.applicationAdministrator]: "Application Administrator",
  [ROLE.authenticationAdministrator]: "Authentication Administrator",
  [ROLE.billingAdministrator]: "Billing Administrator",
  [ROLE.cloudApplicationAdministrator]: "Cloud Application Administrator",
  [ROLE.conditionalAccessAdministrator]: "Conditional Access Administrator",
  [ROLE.exchangeAdministrator]: "Exchange Administrator",
  [ROLE.helpdeskAdministrator]: "Helpdesk Administrator",
  [ROLE.passwordAdministrator]: "Password Administrator",
  [ROLE.privilegedAuthenticationAdministrator]: "Privileged Authentication Administrator",
  [ROLE.privilegedRoleAdministrator]: "Privileged Role Administrator",
  [ROLE.securityAdministrator]: "Security Administrator",
  [ROLE.sharePointAdministrator]: "SharePoint Administrator",
  [ROLE.teamsAdministrator]: "Teams Administrator",
  [ROLE.userAdministrator]: "User Administrator",
  [ROLE.authenticationPolicyAdministrator]: "Authentication Policy Administrator",
  [ROLE.identityGovernanceAdministrator]: "Identity Governance Administrator",
  [ROLE.globalReader]: "Global Reader",
  [ROLE.securityReader]: "Security Reader",
  [ROLE.reportsReader]: "Reports Reader",
  [ROLE.intuneAdministrator]: "Intune Administrator",
  [ROLE.directorySynchronizationAccounts]: "Directory Synchronization Accounts",
};

/**
 * The privileged roles Microsoft's "Require MFA for administrators" template targets (15) plus the two
 * security defaults also covers. https://learn.microsoft.com/entra/identity/conditional-access/policy-old-require-mfa-admin
 */
export const ADMIN_ROLE_TEMPLATE_IDS: readonly string[] = [
  ROLE.globalAdministrator,
  ROLE.applicationAdministrator,
  ROLE.authenticationAdministrator,
  ROLE.billingAdministrator,
  ROLE.cloudApplicationAdministrator,
  ROLE.conditionalAccessAdministrator,
  ROLE.exchangeAdministrator,
  ROLE.helpdeskAdministrator,
  ROLE.passwordAdministrator,
  ROLE.privilegedAuthenticationAdministrator,
  ROLE.privilegedRoleAdministrator,
  ROLE.securityAdministrator,
  ROLE.sharePointAdministrator,
  ROLE.teamsAdministrator,
  ROLE.userAdministrator,
  ROLE.authenticationPolicyAdministrator,
  ROLE.identityGovernanceAdministrator,
];

/** First-party application ids. Source: docs/reference/conditional-access.md#well-known-applications. */
export const APP = {
  exchangeOnline: "00000002-0000-0ff1-ce00-000000000000",
  sharePointOnline: "00000003-0000-0ff1-ce00-000000000000",
  microsoftGraph: "00000003-0000-0000-c000-000000000000",
  windowsAzureActiveDirectory: "00000002-0000-0000-c000-000000000000",
  azureServiceManagement: "797f4846-ba00-4fd7-ba43-dac1f8f63013",
  azurePortal: "c44b4083-3bb0-49c1-b47d-974e53cbdf3c",
  intune: "0000000a-0000-0000-c000-000000000000",
  intuneEnrollment: "d4ebce55-015a-49b5-a083-c84d1797ae8c",
  teamsService: "cc15fd57-2c6c-4117-a88c-83b1d56b4bbe",
  teamsClient: "1fec8e78-bce4-4aaf-ab1b-5451cc387264",
  mySignins: "19db86c3-b2b9-44cc-b339-36da233a3be2",
  myProfile: "8c59ead7-d703-4a27-9e55-c96a0054c8d2",
  azureCli: "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
  azurePowerShell: "1950a258-227b-4e31-a9cf-717495945fc2",
  azureMobileApp: "0c1307d4-29d6-4389-a11c-5cbe7f65d7fa",
  graphPowerShell: "14d82eec-204b-4c2f-b7e8-296a70dab67e",
  graphExplorer: "de8bc8b5-d9f9-48b1-a8ad-b748da725064",
  microsoftOffice: "d3590ed6-52b3-4102-aeff-aad2292ab01c",
  authenticationBroker: "29d9ed98-a469-4536-ade2-f981bc1d605e",
  /** Office 365 web portal ("Office 365" / OfficeHome); seen in real logs, not on a Microsoft list. */
  officeHome: "4765445b-32c6-49b0-83e6-1d93765276ca",
  /** Microsoft 365 admin center (M365 Admin Portal); seen in real logs. */
  m365AdminCenter: "00000006-0000-0ff1-ce00-000000000000",
} as const;

/** Built-in authentication strength ids. https://learn.microsoft.com/entra/identity/authentication/concept-authentication-strengths */
export const STRENGTH = {
  mfa: "00000000-0000-0000-0000-000000000002",
  passwordlessMfa: "00000000-0000-0000-0000-000000000003",
  phishingResistantMfa: "00000000-0000-0000-0000-000000000004",
} as const;

/**
 * Allowed combinations of the built-in strengths, as Graph returns them (docs/reference/conditional-access.md#authentication-strengths; Microsoft
 * may extend the list, so a snapshot's own strength policies take precedence over this table).
 * https://learn.microsoft.com/entra/identity/authentication/concept-authentication-strengths#built-in-authentication-strengths
 */
export const BUILT_IN_STRENGTH_COMBINATIONS: Readonly<Record<string, readonly string[]>> = {
  [STRENGTH.mfa]: [
    "windowsHelloForBusiness",
    "fido2",
    "x509CertificateMultiFactor",
    "deviceBasedPush",
    "temporaryAccessPassOneTime",
    "temporaryAccessPassMultiUse",
    "password,microsoftAuthenticatorPush",
    "password,softwareOath",
    "password,hardwareOath",
    "password,sms",
    "password,voice",
    "federatedMultiFactor",
    "microsoftAuthenticatorPush,federatedSingleFactor",
    "softwareOath,federatedSingleFactor",
    "hardwareOath,federatedSingleFactor",
    "sms,federatedSingleFactor",
    "voice,federatedSingleFactor",
  ],
  [STRENGTH.passwordlessMfa]: ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor", "deviceBasedPush"],
  [STRENGTH.phishingResistantMfa]: ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"],
};

/** Licence service plans that unlock Conditional Access (P1) and risk-based policies (P2). */
export const SERVICE_PLAN = {
  entraIdP1: "41781fb2-bc02-4b7c-bd55-b576c07bb09d", // AAD_PREMIUM
  entraIdP2: "eec0eb4f-6444-4f95-aba0-50c24d67f998", // AAD_PREMIUM_P2
} as const;

/** The id CA uses for the legacy "MFA trusted IPs" location (seen in real policies; unconfirmed in Microsoft docs). */
export const MFA_TRUSTED_IPS_LOCATION_ID = "00000000-0000-0000-0000-000000000000";
