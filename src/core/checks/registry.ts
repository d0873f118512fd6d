// The readiness catalogue: every check, listed explicitly (docs/design.md#rule-4). Order is the report order
// within a severity. Adding a check = its three sibling files + one line here; catalogue.test.ts enforces it.

import { cloudOnlyGlobalAdmin } from "./emergency/cloud-only-global-admin.js";
import { dedicatedPolicy } from "./emergency/dedicated-policy.js";
import { excludedFromPolicies } from "./emergency/excluded-from-policies.js";
import { phishingResistantMethod } from "./emergency/phishing-resistant-method.js";
import { signInAlerting } from "./emergency/sign-in-alerting.js";
import { testedRecently } from "./emergency/tested-recently.js";
import { twoAccounts } from "./emergency/two-accounts.js";
import { unplannedUse } from "./emergency/unplanned-use.js";
import { guests } from "./exclusion-candidates/guests.js";
import { noSmartphone } from "./exclusion-candidates/no-smartphone.js";
import { rooms } from "./exclusion-candidates/rooms.js";
import { serviceAccounts } from "./exclusion-candidates/service-accounts.js";
import { sharedMailboxes } from "./exclusion-candidates/shared-mailboxes.js";
import { syncAccount } from "./exclusion-candidates/sync-account.js";
import { dependencies } from "./legacy/dependencies.js";
import { adminsWithoutMethod } from "./registration/admins-without-method.js";
import { coverage } from "./registration/coverage.js";
import { singleMethod } from "./registration/single-method.js";
import { smsVoiceOnly } from "./registration/sms-voice-only.js";
import { authMethodsPolicy } from "./tenant/auth-methods-policy.js";
import { licences } from "./tenant/licences.js";
import { mfaForEveryone } from "./tenant/mfa-for-everyone.js";
import { policyReferences } from "./tenant/policy-references.js";
import { securityDefaults } from "./tenant/security-defaults.js";
import { staleReportOnly } from "./tenant/stale-report-only.js";
import type { Check } from "./types.js";

export const CHECKS: readonly Check[] = [
  twoAccounts,
  cloudOnlyGlobalAdmin,
  phishingResistantMethod,
  excludedFromPolicies,
  dedicatedPolicy,
  testedRecently,
  unplannedUse,
  signInAlerting,
  dependencies,
  sharedMailboxes,
  rooms,
  serviceAccounts,
  syncAccount,
  noSmartphone,
  guests,
  coverage,
  singleMethod,
  smsVoiceOnly,
  adminsWithoutMethod,
  securityDefaults,
  licences,
  policyReferences,
  staleReportOnly,
  mfaForEveryone,
  authMethodsPolicy,
];

export function checkById(id: string): Check | undefined {
  return CHECKS.find((c) => c.id === id);
}
