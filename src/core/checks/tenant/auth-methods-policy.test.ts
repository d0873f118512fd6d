import assert from "node:assert/strict";
import { test } from "node:test";
import { runCheck } from "../../../../test/assess/run-check.js";
import { tenant } from "../../../../test/builders/tenant.js";
import type { AuthenticationMethodConfiguration } from "../../model/policy.js";
import { authMethodsPolicy } from "./auth-methods-policy.js";

const all = [{ id: "all_users", targetType: "group" }];
const conf = (
  id: string,
  state: string,
  includeTargets = all,
  extra: object = {},
): AuthenticationMethodConfiguration => ({
  id,
  state,
  includeTargets,
  ...extra,
});

function withPeople() {
  // wally signs in, never from a phone, and has no app method: a person without a smartphone.
  return tenant()
    .user("wally", { jobTitle: "Forklift Driver" })
    .uses("wally")
    .registered("wally", ["mobilePhone"])
    .group("keys", ["wally"]);
}

test("pass: Authenticator, FIDO2 and TAP enabled, FIDO2 and TAP reaching the people without a smartphone", () => {
  const t = withPeople().methodsPolicy({
    authenticationMethodConfigurations: [
      conf("MicrosoftAuthenticator", "enabled", all, {
        featureSettings: { numberMatchingRequiredState: { state: "default" } },
      }),
      conf("Fido2", "enabled", [{ id: "g-keys", targetType: "group" }]),
      conf("TemporaryAccessPass", "enabled"),
    ],
  });
  assert.equal(runCheck(authMethodsPolicy, t.build()).outcome, "pass");
});

test("fail: TAP disabled, FIDO2 not targeted at the person who needs it, number matching off", () => {
  const t = withPeople().methodsPolicy({
    authenticationMethodConfigurations: [
      conf("MicrosoftAuthenticator", "enabled", all, {
        featureSettings: { numberMatchingRequiredState: { state: "disabled" } },
      }),
      conf("Fido2", "enabled", [{ id: "g-admins", targetType: "group" }]),
      conf("TemporaryAccessPass", "disabled"),
    ],
  });
  const f = runCheck(authMethodsPolicy, t.build());
  assert.equal(f.outcome, "fail");
  assert.deepEqual(f.evidence.policies, ["Fido2", "MicrosoftAuthenticator", "TemporaryAccessPass"]);
  assert.deepEqual(f.evidence.users, ["u-wally"]);
});

test("skipped without the policy", () => {
  assert.equal(runCheck(authMethodsPolicy, tenant().build()).skippedReason, "no-authentication-methods-policy");
});
