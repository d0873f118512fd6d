import assert from "node:assert/strict";
import { test } from "node:test";
import { runCheck } from "../../../../test/assess/run-check.js";
import { tenant } from "../../../../test/builders/tenant.js";
import { guests } from "./guests.js";

test("pass: guests are listed as a fact, members are not", () => {
  const f = runCheck(guests, tenant().user("alice").guest("gus").build());
  assert.equal(f.outcome, "pass");
  assert.deepEqual(f.evidence.users, ["u-gus"]);
});

test("a guest check never claims 'fail' for want of a decision, and skips without directory data", () => {
  const f = runCheck(guests, tenant().guest("gus").missing("users").build());
  assert.notEqual(f.outcome, "fail");
  assert.equal(f.outcome, "skipped");
});
