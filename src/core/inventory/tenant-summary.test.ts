import assert from "node:assert/strict";
import { test } from "node:test";
import { tenant } from "../../../test/builders/tenant.js";
import { ROLE } from "../model/index.js";
import { summarizeTenant } from "./tenant-summary.js";

test("summary counts people, policies and the registration rate of active enabled members", () => {
  const snap = tenant()
    .user("a")
    .user("b")
    .user("c")
    .user("stale", { signInActivity: { lastSignInDateTime: "2026-08-01T00:00:00Z" } })
    .user("off", { accountEnabled: false })
    .guest("g")
    .group("it", ["a"])
    .role("a", ROLE.globalAdministrator)
    .role("b", ROLE.globalReader)
    .registered("a", ["fido2SecurityKey"])
    .registered("b", ["mobilePhone"])
    .registered("stale", ["mobilePhone"])
    .registered("c", ["email"])
    .policy({ displayName: "x", state: "enabled" })
    .policy({ displayName: "y", state: "enabledForReportingButNotEnforced" })
    .securityDefaults(false)
    .build();
  const s = summarizeTenant(snap);
  assert.equal(s.users, 6);
  assert.equal(s.members, 5);
  assert.equal(s.guests, 1);
  assert.equal(s.enabledUsers, 5);
  assert.equal(s.activeMembers, 3); // a, b, c — stale is inactive, off is disabled, g is a guest
  assert.equal(s.registeredActiveMembers, 2); // c has only email, which is not MFA
  assert.equal(s.registrationRate, 2 / 3);
  assert.equal(s.admins, 1); // Global Reader is not an admin role
  assert.deepEqual(s.policiesByState, { enabled: 1, reportOnly: 1, disabled: 0 });
  assert.equal(s.securityDefaultsEnabled, false);
  assert.deepEqual(s.missing, []);
});

test("unknown registration data gives a null rate and is listed as missing, never 0", () => {
  const snap = tenant().user("a").build();
  const s = summarizeTenant({ ...snap, meta: { ...snap.meta, present: ["users"] } });
  assert.equal(s.registrationRate, null);
  assert.ok(s.missing.includes("registrations"));
  assert.ok(s.missing.includes("signIns"));
});

test("a sign-in in the log makes a member active even without signInActivity", () => {
  const snap = tenant()
    .user("a", { signInActivity: null })
    .registered("a", ["microsoftAuthenticatorPush"])
    .pattern({
      userId: "u-a",
      userPrincipalName: "a@test.example",
      signInEventType: "interactiveUser",
      appId: "x",
      appDisplayName: null,
      resourceId: null,
      clientAppUsed: "Browser",
      operatingSystem: null,
      browser: null,
      deviceId: null,
      deviceDisplayName: null,
      trustType: null,
      isCompliant: null,
      ipAddress: null,
      countryOrRegion: null,
      count: 1,
      successCount: 1,
      failureCount: 0,
      interruptCount: 0,
      mfaCount: 0,
      lastErrorCode: null,
      firstSeen: "2026-10-30T00:00:00Z",
      lastSeen: "2026-10-30T00:00:00Z",
    })
    .build();
  assert.equal(summarizeTenant(snap).activeMembers, 1);
  assert.equal(summarizeTenant(snap).registrationRate, 1);
});
