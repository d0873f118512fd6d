import assert from "node:assert/strict";
import { test } from "node:test";
import { DECLARED, wellKept } from "../../../../test/assess/emergency-fixture.js";
import { runCheck } from "../../../../test/assess/run-check.js";
import { dedicatedPolicy } from "./dedicated-policy.js";

test("pass: the dedicated policy covers both accounts", () => {
  const f = runCheck(dedicatedPolicy, wellKept().build(), DECLARED);
  assert.equal(f.outcome, "pass");
  assert.deepEqual(f.evidence.policies, ["p-bg"]);
});

test("fail: the dedicated policy is report-only, or requires plain MFA", () => {
  const t = wellKept();
  t.s.policies[1] = { ...t.s.policies[1]!, state: "enabledForReportingButNotEnforced" };
  const f = runCheck(dedicatedPolicy, t.build(), DECLARED);
  assert.equal(f.outcome, "fail");
  assert.deepEqual(f.evidence.users, ["u-bg1", "u-bg2"]);
  const m = wellKept();
  m.s.policies[1] = { ...m.s.policies[1]!, grantControls: { operator: "OR", builtInControls: ["mfa"] } };
  assert.equal(runCheck(dedicatedPolicy, m.build(), DECLARED).outcome, "fail");
});
