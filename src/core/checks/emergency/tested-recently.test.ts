import assert from "node:assert/strict";
import { test } from "node:test";
import { DECLARED, wellKept } from "../../../../test/assess/emergency-fixture.js";
import { runCheck } from "../../../../test/assess/run-check.js";
import { testedRecently } from "./tested-recently.js";

test("pass: both signed in within 90 days", () => {
  assert.equal(runCheck(testedRecently, wellKept().build(), DECLARED).outcome, "pass");
});

test("fail: one account last signed in 120 days ago", () => {
  const t = wellKept();
  t.s.accessPatterns.splice(1, 1);
  t.s.users[1] = { ...t.s.users[1]!, signInActivity: { lastSignInDateTime: "2026-07-04T09:00:00Z" } };
  const f = runCheck(testedRecently, t.build(), DECLARED);
  assert.equal(f.outcome, "fail");
  assert.deepEqual(f.evidence.users, ["u-bg2"]);
});

test("skipped without any sign-in data", () => {
  const t = wellKept().missing("signIns", "accessPatterns");
  for (const u of t.s.users) (u as { signInActivity: unknown }).signInActivity = null;
  assert.equal(runCheck(testedRecently, t.build(), DECLARED).skippedReason, "no-sign-in-data");
});
