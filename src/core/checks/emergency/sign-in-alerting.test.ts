import assert from "node:assert/strict";
import { test } from "node:test";
import { DECLARED, wellKept } from "../../../../test/assess/emergency-fixture.js";
import { runCheck } from "../../../../test/assess/run-check.js";
import { signInAlerting } from "./sign-in-alerting.js";

// This check can neither "pass" nor "fail": alert rules are outside the data Glidepath reads.
test("never pass: always skipped as cannot-verify-from-here, with the query for the accounts", () => {
  const f = runCheck(signInAlerting, wellKept().build(), DECLARED);
  assert.notEqual(f.outcome, "pass");
  assert.notEqual(f.outcome, "fail");
  assert.equal(f.outcome, "skipped");
  assert.equal(f.skippedReason, "cannot-verify-from-here");
  assert.match(f.details[0] ?? "", /SigninLogs \| where UserId in \('u-bg1', 'u-bg2'\)/);
  assert.match(f.remediation, /alert rule/);
});
