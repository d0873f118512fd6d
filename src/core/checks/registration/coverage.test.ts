import assert from "node:assert/strict";
import { test } from "node:test";
import { runCheck } from "../../../../test/assess/run-check.js";
import { tenant } from "../../../../test/builders/tenant.js";
import { coverage } from "./coverage.js";

test("pass: every active in-scope member is registered; inactive, disabled and room accounts do not count", () => {
  const t = tenant()
    .user("alice")
    .user("bob")
    .user("old", { signInActivity: { lastSignInDateTime: "2026-08-01T00:00:00Z" } })
    .user("gone", { accountEnabled: false })
    .user("boardroom", { displayName: "Boardroom", mail: "boardroom@test.example" })
    .room("Boardroom", "boardroom@test.example")
    .registered("alice", ["microsoftAuthenticatorPush"])
    .registered("bob", ["mobilePhone"]);
  const f = runCheck(coverage, t.build());
  assert.equal(f.outcome, "pass");
  assert.deepEqual(f.evidence.users, []);
  assert.match(f.status, /100\.0% of 2 active in-scope members/);
});

test("fail: lists exactly the unregistered active in-scope people", () => {
  const t = tenant()
    .user("alice")
    .user("bob")
    .user("carol")
    .user("old", { signInActivity: { lastSignInDateTime: "2026-08-01T00:00:00Z" } })
    .guest("gina")
    .registered("alice", ["microsoftAuthenticatorPush"])
    .registered("bob", ["email"]);
  const f = runCheck(coverage, t.build());
  assert.equal(f.outcome, "fail");
  assert.deepEqual(f.evidence.users, ["u-bob", "u-carol"]);
  assert.match(f.status, /33\.3% of 3/);
});

test("a classified service account is out of scope", () => {
  const t = tenant().user("alice").user("scanner").registered("alice", ["microsoftAuthenticatorPush"]);
  const f = runCheck(coverage, t.build(), { classifications: { "u-scanner": "serviceAccount" } });
  assert.equal(f.outcome, "pass");
});

test("skipped, never pass, without registration or sign-in data", () => {
  const base = () => tenant().user("alice").registered("alice", ["microsoftAuthenticatorPush"]);
  const noReg = runCheck(coverage, base().missing("registrations").build());
  assert.equal(noReg.outcome, "skipped");
  assert.equal(noReg.skippedReason, "no-registration-data");
  const noSignIns = runCheck(
    coverage,
    tenant().user("alice", { signInActivity: null }).missing("signIns", "accessPatterns").build(),
  );
  assert.equal(noSignIns.outcome, "skipped");
  assert.equal(noSignIns.skippedReason, "no-sign-in-data");
});
