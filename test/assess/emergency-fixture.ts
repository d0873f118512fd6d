// Test fixture for the emergency-access checks: two well-kept emergency accounts and one ordinary policy.

import { ROLE, STRENGTH } from "../../src/core/model/well-known.js";
import { tenant } from "../builders/tenant.js";

export const DECLARED = { emergencyAccountIds: ["u-bg1", "u-bg2"] } as const;

/** bg1 and bg2: cloud-only permanent GAs with FIDO2 keys, excluded from "Require MFA" via group g-emergency. */
export function wellKept() {
  return tenant()
    .user("bg1", { userPrincipalName: "bg1@testtenant.onmicrosoft.com", displayName: "Break Glass 1" })
    .user("bg2", { userPrincipalName: "bg2@testtenant.onmicrosoft.com", displayName: "Break Glass 2" })
    .user("alice")
    .group("emergency", ["bg1", "bg2"])
    .role("bg1", ROLE.globalAdministrator)
    .role("bg2", ROLE.globalAdministrator)
    .registered("bg1", ["fido2SecurityKey"])
    .registered("bg2", ["fido2SecurityKey", "passKeyDeviceBound"])
    .uses("bg1", { lastSeen: "2026-10-15T10:00:00Z" })
    .uses("bg2", { lastSeen: "2026-10-15T10:05:00Z" })
    .policy({
      id: "p-mfa",
      displayName: "Require MFA",
      state: "enabled",
      conditions: {
        users: { includeUsers: ["All"], excludeGroups: ["g-emergency"] },
        applications: { includeApplications: ["All"] },
        clientAppTypes: ["all"],
      },
      grantControls: { operator: "OR", builtInControls: ["mfa"] },
    })
    .policy({
      id: "p-bg",
      displayName: "Emergency accounts: phishing-resistant MFA",
      state: "enabled",
      conditions: {
        users: { includeGroups: ["g-emergency"] },
        applications: { includeApplications: ["All"] },
        clientAppTypes: ["all"],
      },
      grantControls: { operator: "OR", authenticationStrength: { id: STRENGTH.phishingResistantMfa } },
    });
}
