// What the simulator planted in the tenant, precisely, so tests can check that Glidepath finds exactly these
// users and configurations and nobody else. Plain JSON-serialisable data; written as ground-truth.json.

/** Legacy-protocol use planted in the sign-in logs (clientAppUsed exactly as logged). */
export interface LegacyDependency {
  readonly userId: string;
  readonly userPrincipalName: string;
  readonly clientAppUsed:
    | "Authenticated SMTP"
    | "IMAP4"
    | "Other clients"
    | "MAPI Over HTTP"
    | "Exchange ActiveSync"
    | "POP3";
  readonly kind: "printer" | "erp" | "oldOutlook" | "activeSync" | "pop3";
  /** What the device is. For printers and the ERP this label is NOT in the logs (SMTP/IMAP carry no device). */
  readonly deviceName?: string;
  /** The address the legacy sign-ins come from. */
  readonly ipAddress?: string;
  /** User agent string the legacy client sends, when it sends one. */
  readonly userAgent?: string;
}

export interface PlantedPolicy {
  readonly id: string;
  readonly displayName: string;
  readonly state: string;
  /** The planted problem, or null for a healthy policy. */
  readonly problem: "reportOnlyStale" | "deletedGroupReference" | null;
  /** reportOnlyStale: since when it has been report-only. */
  readonly reportOnlySince?: string;
  /** deletedGroupReference: the group id the policy names that no longer exists. */
  readonly missingGroupId?: string;
}

export interface EmergencyAccountTruth {
  readonly userId: string;
  readonly userPrincipalName: string;
  readonly displayName: string;
  /** methodsRegistered of the account. */
  readonly methodsRegistered: readonly string[];
  readonly hasPhishingResistantMethod: boolean;
  /** Planted problem, e.g. "noPhishingResistantMethod", or null. */
  readonly problem: "noPhishingResistantMethod" | null;
}

export interface EmergencySignInTruth {
  readonly userId: string;
  readonly signInId: string;
  readonly createdDateTime: string;
  readonly appId: string;
  readonly multiFactor: boolean;
}

export interface StaleAuthenticatorTruth {
  readonly userId: string;
  /** displayName of the registered (old) Authenticator device. */
  readonly registeredDevice: string;
  readonly registeredAt: string;
  /** Operating system of the phone the person uses now (in the sign-ins). */
  readonly newDeviceOperatingSystem: string;
  /** When the person started using the new phone (first sign-in from it). */
  readonly newPhoneSince: string;
  /** The failing MFA attempts (500121, "user did not respond") against the old registration. */
  readonly failedSignInIds: readonly string[];
}

export interface CompromiseTruth {
  readonly userId: string;
  readonly auditEventId: string;
  readonly activityDateTime: string;
  readonly country: string;
  readonly ipAddress: string;
  /** The method the attacker added (an Authenticator on an unfamiliar phone). */
  readonly addedMethodId: string;
  /** Sign-ins from the attacker's address (MFA-fatigue denials then an approval). */
  readonly signInIds: readonly string[];
}

export interface GroundTruth {
  readonly seed: string;
  readonly users: number;
  readonly now: string;
  readonly days: number;
  readonly tenantId: string;

  readonly emergencyAccountIds: readonly string[];
  readonly emergencyGroupId: string;
  readonly emergencyAccounts: readonly EmergencyAccountTruth[];
  /** Planned test sign-ins of the emergency accounts inside the window. */
  readonly emergencySignIns: readonly EmergencySignInTruth[];

  readonly itTeamGroupId: string;
  readonly itTeamUserIds: readonly string[];
  /** People (not emergency accounts, not the sync account) with an ACTIVE tenant-wide admin role (ADMIN_ROLE_TEMPLATE_IDS). */
  readonly adminUserIds: readonly string[];
  readonly globalAdminUserIds: readonly string[];
  /** People whose only admin role is a PIM-eligible (not active) assignment. */
  readonly eligibleAdminUserIds: readonly string[];
  readonly executivesGroupId: string;
  readonly executiveUserIds: readonly string[];
  readonly cfoUserId: string;
  readonly adminWithoutMfaUserIds: readonly string[];

  /** People without a smartphone: active, inactive and leavers alike (filter by the other lists as needed). */
  readonly noSmartphoneUserIds: readonly string[];
  readonly sharedMailboxUserIds: readonly string[];
  /** Shared mailboxes whose sign-in is (wrongly) enabled. None is planted today (always empty); kept for the shape. */
  readonly sharedMailboxSignInEnabledUserIds: readonly string[];
  readonly roomUserIds: readonly string[];
  readonly rooms: readonly {
    readonly id: string;
    readonly userId: string;
    readonly emailAddress: string;
    readonly displayName: string;
  }[];
  /** User-based service accounts (printers' scan-to-email, ERP mailbox reader, scripts). */
  readonly serviceAccountUserIds: readonly string[];
  /** Service accounts that authenticate with ROPC (username + password) from a script: break under MFA. */
  readonly ropcServiceAccountUserIds: readonly string[];
  readonly syncAccountUserId: string;
  readonly guestUserIds: readonly string[];
  /** Leavers: people accounts disabled; their only sign-ins are 50057 failures. */
  readonly disabledUserIds: readonly string[];
  /** Enabled members (people) with no sign-in for more than 30 days. */
  readonly inactiveMemberUserIds: readonly string[];
  /** Enabled Member users with a sign-in within 30 days of `now` (all kinds). */
  readonly activeMemberUserIds: readonly string[];
  /** activeMemberUserIds minus emergency, service, sync, shared-mailbox and room accounts. */
  readonly inScopeActiveMemberUserIds: readonly string[];
  /** Users excluded from the roll-out scope: emergency, service, sync, shared mailboxes, rooms. */
  readonly outOfScopeUserIds: readonly string[];

  /** Active enabled members with isMfaRegistered false (any kind, includes out-of-scope accounts). */
  readonly unregisteredActiveMemberIds: readonly string[];
  readonly unregisteredInScopeActiveMemberIds: readonly string[];
  /** Users with isMfaRegistered true and exactly one MFA-capable method (any account: also inactive and disabled). */
  readonly singleMethodUserIds: readonly string[];
  /** Users with isMfaRegistered true whose MFA methods are only phone (SMS / voice); any account, as above. */
  readonly smsVoiceOnlyUserIds: readonly string[];
  readonly staleAuthenticatorUserIds: readonly string[];
  readonly staleAuthenticators: readonly StaleAuthenticatorTruth[];
  readonly compromisedUserId: string;
  readonly compromise: CompromiseTruth;

  readonly legacyDependencies: readonly LegacyDependency[];
  /** Distinct users in legacyDependencies. */
  readonly legacyUserIds: readonly string[];

  readonly officeLocationId: string;
  readonly officeIpRanges: readonly string[];
  readonly policies: readonly PlantedPolicy[];
  readonly authenticationMethodsPolicyWeakness: {
    readonly methodConfigurationId: string;
    readonly state: string;
    readonly why: string;
  };
  readonly securityDefaultsEnabled: boolean;
  readonly licences: { readonly entraIdP1: boolean; readonly entraIdP2: boolean; readonly p2Seats: number };

  /** Registration rates the generator aimed at (the lead's registrationRate definition). */
  readonly expected: {
    readonly registrationRateActiveMembers: number;
    readonly registrationRateInScope: number;
  };
}
