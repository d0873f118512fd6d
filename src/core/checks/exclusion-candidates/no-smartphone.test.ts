import assert from "node:assert/strict";
import { test } from "node:test";
import { runCheck } from "../../../../test/assess/run-check.js";
import { tenant } from "../../../../test/builders/tenant.js";
import { noSmartphone } from "./no-smartphone.js";

test("pass: everyone signs in from a phone or holds an app method", () => {
  const t = tenant()
    .user("alice")
    .user("bob")
    .uses("alice", { operatingSystem: "Android 14" })
    .uses("bob")
    .registered("bob", ["microsoftAuthenticatorPush"]);
  assert.equal(runCheck(noSmartphone, t.build()).outcome, "pass");
});

test("fail: never on a phone and no app method; SMS-only or a deskless title raises the confidence", () => {
  const t = tenant()
    .user("wally", { jobTitle: "Warehouse Operative" })
    .user("sam")
    .user("quiet", { signInActivity: null })
    .uses("wally")
    .uses("sam")
    .registered("sam", ["mobilePhone"])
    .registered("wally", []);
  const f = runCheck(noSmartphone, t.build());
  assert.equal(f.outcome, "fail");
  assert.deepEqual(f.evidence.users, ["u-sam", "u-wally"]);
  assert.ok(f.details.every((d) => d.includes("high confidence")));
});

test("skipped without sign-in data", () => {
  const t = tenant().user("sam", { signInActivity: null }).missing("signIns", "accessPatterns");
  const f = runCheck(noSmartphone, t.build());
  assert.equal(f.outcome, "skipped");
  assert.equal(f.skippedReason, "no-sign-in-data");
});
