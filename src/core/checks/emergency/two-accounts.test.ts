import assert from "node:assert/strict";
import { test } from "node:test";
import { DECLARED, wellKept } from "../../../../test/assess/emergency-fixture.js";
import { runCheck } from "../../../../test/assess/run-check.js";
import { tenant } from "../../../../test/builders/tenant.js";
import { twoAccounts } from "./two-accounts.js";

test("pass: two declared accounts that exist", () => {
  const f = runCheck(twoAccounts, wellKept().build(), DECLARED);
  assert.equal(f.outcome, "pass");
  assert.deepEqual(f.evidence.users, ["u-bg1", "u-bg2"]);
});

test("fail: not declared — detected with reasons, never passed on a guess", () => {
  const f = runCheck(twoAccounts, wellKept().build());
  assert.equal(f.outcome, "fail");
  assert.match(f.status, /^not declared — detected bg1@testtenant\.onmicrosoft\.com, bg2@/);
  assert.deepEqual(f.evidence.users, ["u-bg1", "u-bg2"]);
  assert.ok(f.details[0]?.includes("excluded from 1 Conditional Access policy"));
});

test("fail: one declared account, or a declared account that is not in the directory", () => {
  assert.match(
    runCheck(twoAccounts, wellKept().build(), { emergencyAccountIds: ["u-bg1"] }).status,
    /only 1 emergency account/,
  );
  const missing = runCheck(twoAccounts, wellKept().build(), { emergencyAccountIds: ["u-bg1", "u-deleted"] });
  assert.equal(missing.outcome, "fail");
  assert.match(missing.details[0] ?? "", /u-deleted: declared but not in the directory/);
});

test("fail: nothing declared or detected; classify USER emergency declares", () => {
  assert.match(runCheck(twoAccounts, tenant().user("alice").build()).status, /none detected/);
  const f = runCheck(twoAccounts, wellKept().build(), {
    classifications: { "u-bg1": "emergency", "bg2@testtenant.onmicrosoft.com": "emergency" },
  });
  assert.equal(f.outcome, "pass");
});
