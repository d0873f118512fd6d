import assert from "node:assert/strict";
import { test } from "node:test";
import { adminPortalVerdict } from "./verify.js";

// https://learn.microsoft.com/entra/identity/authentication/concept-mandatory-multifactor-authentication
test("admin portals need an MFA method whatever Conditional Access says", () => {
  assert.equal(adminPortalVerdict(new Set()).reachable, false);
  assert.equal(adminPortalVerdict(new Set(["password"])).reachable, false);
  assert.match(adminPortalVerdict(new Set(["password"])).reason, /no MFA method.*October 2024/);
  assert.equal(adminPortalVerdict(new Set(["fido2"])).reachable, true);
  assert.equal(adminPortalVerdict(new Set(["password", "sms"])).reachable, true);
  assert.equal(adminPortalVerdict(new Set(["password", "microsoftAuthenticatorPush"])).reachable, true);
  // Email one-time passcodes are not an MFA method.
  assert.equal(adminPortalVerdict(new Set(["password", "email"])).reachable, false);
});
