import assert from "node:assert/strict";
import { test } from "node:test";
import { DECLARED, wellKept } from "../../../../test/assess/emergency-fixture.js";
import { runCheck } from "../../../../test/assess/run-check.js";
import { unplannedUse } from "./unplanned-use.js";

test("pass: only interactive successful test sign-ins", () => {
  assert.equal(runCheck(unplannedUse, wellKept().build(), DECLARED).outcome, "pass");
});

test("fail: token refreshes by a script and failed password guesses", () => {
  const t = wellKept()
    .uses("bg1", { signInEventType: "nonInteractiveUser", count: 40, appDisplayName: "Azure PowerShell" })
    .uses("bg2", { count: 5, successCount: 0, failureCount: 5, ipAddress: "102.89.1.1" });
  const f = runCheck(unplannedUse, t.build(), DECLARED);
  assert.equal(f.outcome, "fail");
  assert.deepEqual(f.evidence.users, ["u-bg1", "u-bg2"]);
  assert.match(f.details.join("\n"), /non-interactive/);
  assert.match(f.details.join("\n"), /5 failed/);
});

test("with declared test dates, an interactive sign-in on another day is unplanned", () => {
  const f = runCheck(unplannedUse, wellKept().build(), { ...DECLARED, emergencyTestDates: ["2026-10-15"] });
  assert.equal(f.outcome, "pass");
  const g = runCheck(unplannedUse, wellKept().build(), { ...DECLARED, emergencyTestDates: ["2026-09-01"] });
  assert.equal(g.outcome, "fail");
});
