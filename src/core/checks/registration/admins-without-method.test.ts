import assert from "node:assert/strict";
import { test } from "node:test";
import { runCheck } from "../../../../test/assess/run-check.js";
import { tenant } from "../../../../test/builders/tenant.js";
import { ROLE } from "../../model/well-known.js";
import { adminsWithoutMethod } from "./admins-without-method.js";

test("pass: every admin holds a method", () => {
  const t = tenant().user("ann").role("ann", ROLE.userAdministrator).registered("ann", ["microsoftAuthenticatorPush"]);
  assert.equal(runCheck(adminsWithoutMethod, t.build()).outcome, "pass");
});

test("fail: active and PIM-eligible admins without a method; not readers, not disabled admins", () => {
  const t = tenant()
    .user("ann")
    .user("eli")
    .user("rita")
    .user("dis", { accountEnabled: false })
    .role("ann", ROLE.exchangeAdministrator)
    .role("eli", ROLE.securityAdministrator, { assignmentType: "eligible" })
    .role("rita", ROLE.globalReader)
    .role("dis", ROLE.globalAdministrator)
    .registered("ann", ["email"])
    .registered("eli", [])
    .registered("rita", []);
  const f = runCheck(adminsWithoutMethod, t.build());
  assert.equal(f.outcome, "fail");
  assert.equal(f.severity, "blocker");
  assert.deepEqual(f.evidence.users, ["u-ann", "u-eli"]);
});

test("declared emergency accounts are judged by the emergency checks, not here", () => {
  const t = tenant().user("bg1").role("bg1", ROLE.globalAdministrator).registered("bg1", []);
  assert.equal(runCheck(adminsWithoutMethod, t.build(), { emergencyAccountIds: ["u-bg1"] }).outcome, "pass");
});

test("skipped without role data", () => {
  assert.equal(runCheck(adminsWithoutMethod, tenant().user("a").missing("roleAssignments").build()).outcome, "skipped");
});
