// Directory audit events (security-info registration and changes, role and policy changes).
// https://learn.microsoft.com/graph/api/resources/directoryaudit

export interface AuditModifiedProperty {
  readonly displayName?: string | null;
  readonly oldValue?: string | null;
  readonly newValue?: string | null;
}

export interface AuditTargetResource {
  readonly id?: string | null;
  readonly displayName?: string | null;
  readonly type?: string | null;
  readonly userPrincipalName?: string | null;
  readonly modifiedProperties?: readonly AuditModifiedProperty[];
}

export interface DirectoryAudit {
  readonly id: string;
  readonly activityDateTime: string;
  readonly activityDisplayName: string;
  readonly category?: string | null;
  readonly correlationId?: string | null;
  readonly loggedByService?: string | null;
  readonly operationType?: string | null;
  readonly result?: "success" | "failure" | "timeout" | string | null;
  readonly resultReason?: string | null;
  readonly initiatedBy?: {
    readonly user?: {
      readonly id?: string | null;
      readonly displayName?: string | null;
      readonly userPrincipalName?: string | null;
      readonly ipAddress?: string | null;
    } | null;
    readonly app?: {
      readonly appId?: string | null;
      readonly displayName?: string | null;
      readonly servicePrincipalId?: string | null;
    } | null;
  } | null;
  readonly targetResources?: readonly AuditTargetResource[];
  readonly additionalDetails?: readonly { readonly key?: string | null; readonly value?: string | null }[];
}
