// Policy templates of the roll-out as Graph v1.0 conditionalAccessPolicy JSON (no id: Graph assigns one),
// so the same objects can be simulated now and created by the roll-out later. Pure builders.
// Shapes: https://learn.microsoft.com/graph/api/resources/conditionalaccesspolicy
// Emergency accounts: exclude from normal policies, cover with one phishing-resistant-strength policy
// https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access

import type { ConditionalAccessPolicy, PolicyState } from "../model/policy.js";
import { ADMIN_ROLE_TEMPLATE_IDS, STRENGTH } from "../model/well-known.js";

export const TEMPLATE_NAMES = [
  "require-mfa-pilot",
  "require-mfa-all-users",
  "block-legacy-auth",
  "emergency-phishing-resistant",
  "require-mfa-admins",
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export interface TemplateInfo {
  readonly name: TemplateName;
  readonly displayName: string;
  readonly summary: string;
  /** The template needs at least one include group (the pilot group, or the emergency group). */
  readonly needsIncludeGroup: boolean;
}

export const TEMPLATES: readonly TemplateInfo[] = [
  {
    name: "require-mfa-pilot",
    displayName: "CA001 - Require MFA - Pilot",
    summary: "require MFA for the pilot group (all cloud apps, all client apps)",
    needsIncludeGroup: true,
  },
  {
    name: "require-mfa-all-users",
    displayName: "CA002 - Require MFA - All users",
    summary: "require MFA for all users (all cloud apps, all client apps); exclude the emergency accounts",
    needsIncludeGroup: false,
  },
  {
    name: "block-legacy-auth",
    displayName: "CA003 - Block legacy authentication",
    summary: "block Exchange ActiveSync and other legacy clients for all users",
    needsIncludeGroup: false,
  },
  {
    name: "emergency-phishing-resistant",
    displayName: "CA004 - Emergency access - Require phishing-resistant MFA",
    summary: "require the phishing-resistant authentication strength for the emergency accounts (all cloud apps)",
    needsIncludeGroup: true,
  },
  {
    name: "require-mfa-admins",
    displayName: "CA005 - Require MFA - Administrators",
    summary: "require MFA for the 15 privileged directory roles of Microsoft's template",
    needsIncludeGroup: false,
  },
];

export function isTemplateName(s: string): s is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(s);
}

export interface TemplateOptions {
  /** Group ids to include (pilot group; for the emergency template, the emergency group). */
  readonly includeGroups?: readonly string[];
  /** Group ids to exclude (the emergency group when --exclude-emergency). */
  readonly excludeGroups?: readonly string[];
  /** Default report-only: the roll-out switches policies on later. */
  readonly state?: PolicyState;
}

export type TemplateResult =
  | { readonly ok: true; readonly policy: ConditionalAccessPolicy }
  | { readonly ok: false; readonly field: string; readonly message: string };

const users = (o: {
  includeUsers?: string[];
  includeGroups?: string[];
  includeRoles?: string[];
  excludeGroups?: readonly string[];
}) => ({
  includeUsers: o.includeUsers ?? [],
  excludeUsers: [],
  includeGroups: o.includeGroups ?? [],
  excludeGroups: [...(o.excludeGroups ?? [])],
  includeRoles: o.includeRoles ?? [],
  excludeRoles: [],
  includeGuestsOrExternalUsers: null,
  excludeGuestsOrExternalUsers: null,
});

const ALL_APPS = {
  includeApplications: ["All"],
  excludeApplications: [],
  includeUserActions: [],
  includeAuthenticationContextClassReferences: [],
  applicationFilter: null,
};

const MFA_GRANT = {
  operator: "OR",
  builtInControls: ["mfa"],
  customAuthenticationFactors: [],
  termsOfUse: [],
  authenticationStrength: null,
};

/** Build one template as Graph JSON. Returns the field at fault when an option is missing. */
export function buildTemplate(name: TemplateName, o: TemplateOptions = {}): TemplateResult {
  const info = TEMPLATES.find((t) => t.name === name) as TemplateInfo;
  const include = [...(o.includeGroups ?? [])];
  const exclude = [...(o.excludeGroups ?? [])].filter((g) => !include.includes(g));
  if (info.needsIncludeGroup && include.length === 0) {
    return {
      ok: false,
      field: "--include-group",
      message:
        name === "require-mfa-pilot"
          ? "require-mfa-pilot needs the pilot group: pass --include-group GROUP"
          : "emergency-phishing-resistant needs the emergency-account group: pass --include-group GROUP or --exclude-emergency",
    };
  }
  const base = {
    displayName: info.displayName,
    description: `Glidepath roll-out template '${name}': ${info.summary}.`,
    state: o.state ?? "enabledForReportingButNotEnforced",
    templateId: null,
    sessionControls: null,
  };
  const cond = {
    applications: ALL_APPS,
    clientAppTypes: ["all"],
    platforms: null,
    locations: null,
    signInRiskLevels: [],
    userRiskLevels: [],
    servicePrincipalRiskLevels: [],
    devices: null,
  };
  let policy: ConditionalAccessPolicy;
  switch (name) {
    case "require-mfa-pilot":
      policy = {
        ...base,
        conditions: { ...cond, users: users({ includeGroups: include, excludeGroups: exclude }) },
        grantControls: MFA_GRANT,
      };
      break;
    case "require-mfa-all-users":
      policy = {
        ...base,
        conditions: {
          ...cond,
          users: users({ includeUsers: include.length ? [] : ["All"], includeGroups: include, excludeGroups: exclude }),
        },
        grantControls: MFA_GRANT,
      };
      break;
    case "block-legacy-auth":
      policy = {
        ...base,
        conditions: {
          ...cond,
          clientAppTypes: ["exchangeActiveSync", "other"],
          users: users({ includeUsers: include.length ? [] : ["All"], includeGroups: include, excludeGroups: exclude }),
        },
        grantControls: { ...MFA_GRANT, builtInControls: ["block"] },
      };
      break;
    case "emergency-phishing-resistant":
      policy = {
        ...base,
        conditions: { ...cond, users: users({ includeGroups: include, excludeGroups: exclude }) },
        grantControls: {
          ...MFA_GRANT,
          builtInControls: [],
          authenticationStrength: { id: STRENGTH.phishingResistantMfa },
        },
      };
      break;
    case "require-mfa-admins":
      policy = {
        ...base,
        conditions: {
          ...cond,
          users: users({
            includeRoles: ADMIN_ROLE_TEMPLATE_IDS.slice(0, 15) as string[],
            includeGroups: include,
            excludeGroups: exclude,
          }),
        },
        grantControls: MFA_GRANT,
      };
      break;
  }
  return { ok: true, policy };
}
