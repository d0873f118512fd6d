import assert from "node:assert/strict";
import { test } from "node:test";
import { runCheck } from "../../../../test/assess/run-check.js";
import { tenant } from "../../../../test/builders/tenant.js";
import { rooms } from "./rooms.js";

test("pass: no rooms", () => {
  const f = runCheck(rooms, tenant().user("alice.smith", { displayName: "Alice Smith" }).build());
  assert.equal(f.outcome, "pass");
});

test("fail: a room mailbox matched in the places directory (high confidence), not the person", () => {
  const t = tenant()
    .user("room.thames", { displayName: "Thames", mail: "room.thames@test.example", signInActivity: null })
    .user("alice.smith", { displayName: "Alice Smith" })
    .room("Thames", "room.thames@test.example");
  const f = runCheck(rooms, t.build());
  assert.equal(f.outcome, "fail");
  assert.deepEqual(f.evidence.users, ["u-room.thames"]);
  assert.match(f.details[0] ?? "", /high confidence: matches a room mailbox/);
});
