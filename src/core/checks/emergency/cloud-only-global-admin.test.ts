import assert from "node:assert/strict";
import { test } from "node:test";
import { DECLARED, wellKept } from "../../../../test/assess/emergency-fixture.js";
import { runCheck } from "../../../../test/assess/run-check.js";
import { ROLE } from "../../model/well-known.js";
import { cloudOnlyGlobalAdmin } from "./cloud-only-global-admin.js";

test("pass: cloud-only permanent Global Administrators", () => {
  assert.equal(runCheck(cloudOnlyGlobalAdmin, wellKept().build(), DECLARED).outcome, "pass");
});

test("fail: a synchronized account and a PIM-eligible or expiring Global Administrator", () => {
  const t = wellKept();
  t.s.users[1] = { ...t.s.users[1]!, onPremisesSyncEnabled: true };
  t.s.roleAssignments.splice(0, t.s.roleAssignments.length);
  t.role("bg1", ROLE.globalAdministrator, { assignmentType: "eligible" }).role("bg2", ROLE.globalAdministrator, {
    endDateTime: "2027-01-01T00:00:00Z",
  });
  const f = runCheck(cloudOnlyGlobalAdmin, t.build(), DECLARED);
  assert.equal(f.outcome, "fail");
  assert.deepEqual(f.evidence.users, ["u-bg1", "u-bg2"]);
  assert.ok(f.details.some((d) => d.includes("bg2@testtenant.onmicrosoft.com: synchronized from on-premises")));
});

test("skipped when there is no emergency account at all", () => {
  const t = wellKept();
  t.s.roleAssignments.splice(0, t.s.roleAssignments.length);
  const f = runCheck(cloudOnlyGlobalAdmin, t.build());
  assert.equal(f.outcome, "skipped");
  assert.equal(f.skippedReason, "no-emergency-accounts");
});
