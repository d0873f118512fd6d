import assert from "node:assert/strict";
import { test } from "node:test";
import { runCheck } from "../../../../test/assess/run-check.js";
import { tenant } from "../../../../test/builders/tenant.js";
import { smsVoiceOnly } from "./sms-voice-only.js";

test("pass: nobody relies on phone methods alone", () => {
  const t = tenant().user("alice").registered("alice", ["mobilePhone", "microsoftAuthenticatorPush"]);
  assert.equal(runCheck(smsVoiceOnly, t.build()).outcome, "pass");
});

test("fail: SMS-only and voice-only people, not the mixed one", () => {
  const t = tenant()
    .user("alice")
    .user("bob")
    .user("carol")
    .registered("alice", ["mobilePhone"])
    .registered("bob", ["officePhone", "alternateMobilePhone"])
    .registered("carol", ["mobilePhone", "softwareOneTimePasscode"]);
  const f = runCheck(smsVoiceOnly, t.build());
  assert.equal(f.outcome, "fail");
  assert.deepEqual(f.evidence.users, ["u-alice", "u-bob"]);
});

test("phone method objects count when the registration report is missing", () => {
  const t = tenant()
    .user("alice")
    .missing("registrations")
    .method("alice", "#microsoft.graph.phoneAuthenticationMethod", { phoneType: "mobile" });
  assert.deepEqual(runCheck(smsVoiceOnly, t.build()).evidence.users, ["u-alice"]);
});
