// Directory objects of a tenant snapshot: users, groups, roles, service principals, licences, rooms.
// Shapes follow Microsoft Graph v1.0 (camelCase, ISO-8601 UTC strings), trimmed to what Glidepath uses.

/** Graph `signInActivity` of a user (needs Entra ID P1 to read). */
export interface SignInActivity {
  readonly lastSignInDateTime?: string | null;
  readonly lastNonInteractiveSignInDateTime?: string | null;
  readonly lastSuccessfulSignInDateTime?: string | null;
}

export interface AssignedLicense {
  readonly skuId: string;
  readonly disabledPlans?: readonly string[];
}

/** A Graph `user`. `userType` is `Member` or `Guest` as Graph writes it. */
export interface User {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly displayName: string;
  readonly userType: "Member" | "Guest";
  readonly accountEnabled: boolean;
  readonly jobTitle?: string | null;
  readonly department?: string | null;
  readonly mail?: string | null;
  readonly onPremisesSyncEnabled?: boolean | null;
  readonly createdDateTime?: string | null;
  readonly signInActivity?: SignInActivity | null;
  readonly assignedLicenses?: readonly AssignedLicense[];
  /** Guests only: Graph `externalUserState` (PendingAcceptance, Accepted). */
  readonly externalUserState?: string | null;
}

/** A Graph `group`. Dynamic groups carry `DynamicMembership` in `groupTypes`; their members are stored as captured. */
export interface Group {
  readonly id: string;
  readonly displayName: string;
  readonly description?: string | null;
  readonly groupTypes?: readonly string[];
  readonly membershipRule?: string | null;
  readonly securityEnabled?: boolean;
  readonly mailEnabled?: boolean;
  readonly isAssignableToRole?: boolean | null;
  readonly onPremisesSyncEnabled?: boolean | null;
  readonly createdDateTime?: string | null;
}

export type MemberType = "user" | "group" | "servicePrincipal" | "device";

/** One direct membership edge. Transitive membership is derived (see directory-index.ts). */
export interface GroupMember {
  readonly groupId: string;
  readonly memberId: string;
  readonly memberType: MemberType;
}

/** A directory role definition; for built-in roles `id` equals `templateId`. */
export interface RoleDefinition {
  readonly id: string;
  readonly templateId: string;
  readonly displayName: string;
  readonly isBuiltIn: boolean;
}

/**
 * A role assignment. `active` covers permanent assignments and activated PIM assignments;
 * `eligible` is a PIM eligibility that is not active now. `endDateTime` null = permanent.
 * `directoryScopeId` "/" is tenant-wide; anything else (administrative unit, object) is ignored by CA.
 */
export interface RoleAssignment {
  readonly id: string;
  readonly principalId: string;
  readonly roleDefinitionId: string;
  readonly directoryScopeId: string;
  readonly assignmentType: "active" | "eligible";
  readonly startDateTime?: string | null;
  readonly endDateTime?: string | null;
}

export interface ServicePrincipal {
  readonly id: string;
  readonly appId: string;
  readonly displayName: string;
  readonly servicePrincipalType?: string | null;
  readonly appOwnerOrganizationId?: string | null;
  readonly accountEnabled?: boolean;
}

export interface ServicePlanInfo {
  readonly servicePlanId: string;
  readonly servicePlanName: string;
  readonly provisioningStatus?: string;
}

/** A Graph `subscribedSku`: a licence the tenant holds. */
export interface SubscribedSku {
  readonly skuId: string;
  readonly skuPartNumber: string;
  readonly capabilityStatus?: string;
  readonly consumedUnits?: number;
  readonly prepaidUnits?: { readonly enabled: number; readonly suspended?: number; readonly warning?: number };
  readonly servicePlans: readonly ServicePlanInfo[];
}

/** A Graph `room` (places API): the mailbox of a meeting room or resource. */
export interface Room {
  readonly id: string;
  readonly displayName: string;
  readonly emailAddress: string;
  readonly capacity?: number | null;
  readonly building?: string | null;
}
