import assert from "node:assert/strict";
import { test } from "node:test";
import { runCheck } from "../../../../test/assess/run-check.js";
import { tenant } from "../../../../test/builders/tenant.js";
import { singleMethod } from "./single-method.js";

test("pass: two methods each; email and a Temporary Access Pass do not count as methods", () => {
  const t = tenant()
    .user("alice")
    .user("bob")
    .registered("alice", ["microsoftAuthenticatorPush", "mobilePhone"])
    .registered("bob", ["fido2SecurityKey", "officePhone", "email"]);
  assert.equal(runCheck(singleMethod, t.build()).outcome, "pass");
});

test("fail: exactly the registered people with one method", () => {
  const t = tenant()
    .user("alice")
    .user("bob")
    .user("carol")
    .registered("alice", ["microsoftAuthenticatorPush", "email", "temporaryAccessPass"])
    .registered("bob", ["microsoftAuthenticatorPush", "mobilePhone"])
    .registered("carol", []);
  const f = runCheck(singleMethod, t.build());
  assert.equal(f.outcome, "fail");
  assert.deepEqual(f.evidence.users, ["u-alice"]);
});

test("skipped without registration data", () => {
  const f = runCheck(singleMethod, tenant().user("a").missing("registrations", "authenticationMethods").build());
  assert.equal(f.outcome, "skipped");
});
