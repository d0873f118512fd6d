// A tiny hand-written tenant for the simulator server's own unit tests (the generator builds real ones).
// Deterministic: ids and times derive from indexes.

import type { SimulatedTenantData } from "../../src/adapters/simulator/server/tenant-state.js";
import { emptySnapshot, type SignIn, type TenantSnapshot } from "../../src/core/model/index.js";

const id = (kind: number, i: number) =>
  `00000000-0000-4000-8${kind.toString(16).padStart(3, "0")}-${i.toString(16).padStart(12, "0")}`;

/** `users` users in two groups, one policy, and `days` days × 3 sign-ins per user (2 interactive, 1 not). */
export function tinyTenant(users = 5, days = 2, now = "2026-03-01T00:00:00Z"): SimulatedTenantData {
  const base = emptySnapshot({
    tenantId: id(0, 1),
    tenantDisplayName: "Tiny",
    defaultDomain: "tiny.example",
    initialDomain: "tiny.onmicrosoft.com",
    capturedAt: now,
    source: "simulator",
  });
  const us = Array.from({ length: users }, (_, i) => ({
    id: id(1, i),
    userPrincipalName: `user${i}@tiny.example`,
    displayName: `User ${i}`,
    userType: "Member" as const,
    accountEnabled: true,
  }));
  const snapshot: TenantSnapshot = {
    ...base,
    users: us,
    groups: [
      { id: id(2, 1), displayName: "All staff", securityEnabled: true },
      { id: id(2, 2), displayName: "Nested", securityEnabled: true },
    ],
    groupMembers: [
      ...us.map((u) => ({ groupId: id(2, 1), memberId: u.id, memberType: "user" as const })),
      { groupId: id(2, 1), memberId: id(2, 2), memberType: "group" as const },
    ],
    policies: [
      {
        id: id(3, 1),
        displayName: "Require MFA",
        state: "enabledForReportingButNotEnforced",
        conditions: { users: { includeUsers: ["All"] }, applications: { includeApplications: ["All"] } },
        grantControls: { operator: "OR", builtInControls: ["mfa"] },
      },
    ],
  };
  const end = Date.parse(now);
  return {
    snapshot,
    *signIns(): Iterable<SignIn> {
      let n = 0;
      for (let d = days; d >= 1; d--) {
        for (const u of us) {
          for (let k = 0; k < 3; k++) {
            const t = end - d * 86_400_000 + (k + 1) * 3_600_000;
            yield {
              id: id(4, n++),
              createdDateTime: new Date(t).toISOString(),
              signInEventType: k === 2 ? "nonInteractiveUser" : "interactiveUser",
              userId: u.id,
              userPrincipalName: u.userPrincipalName,
              appId: "00000002-0000-0ff1-ce00-000000000000",
              clientAppUsed: "Browser",
              status: { errorCode: 0 },
            };
          }
        }
      }
    },
  };
}
