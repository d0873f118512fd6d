import assert from "node:assert/strict";
import { test } from "node:test";
import { runCheck } from "../../../../test/assess/run-check.js";
import { tenant } from "../../../../test/builders/tenant.js";
import { sharedMailboxes } from "./shared-mailboxes.js";

const mailbox = { signInActivity: null, assignedLicenses: [], jobTitle: null, department: null } as const;

test("pass: people with names, titles and licences are not shared mailboxes", () => {
  const t = tenant()
    .user("alice.smith", { displayName: "Alice Smith", jobTitle: "Valuer", assignedLicenses: [{ skuId: "x" }] })
    .uses("alice.smith");
  const f = runCheck(sharedMailboxes, t.build());
  assert.equal(f.outcome, "pass");
  assert.deepEqual(f.evidence.users, []);
});

test("fail: function-named, unlicensed, never-used mailboxes, with their signals; a confirmed one is decided", () => {
  const t = tenant()
    .user("reception", { displayName: "Reception", ...mailbox })
    .user("accounts.payable", { displayName: "Accounts Payable", ...mailbox })
    .user("alice.smith", { displayName: "Alice Smith", jobTitle: "Valuer", assignedLicenses: [{ skuId: "x" }] })
    .uses("alice.smith");
  const f = runCheck(sharedMailboxes, t.build());
  assert.equal(f.outcome, "fail");
  assert.deepEqual(f.evidence.users, ["u-accounts.payable", "u-reception"]);
  assert.ok(f.details.some((d) => d.includes("no licence assigned") && d.includes("sign-in is enabled")));
  const decided = runCheck(sharedMailboxes, t.build(), {
    classifications: { "u-reception": "sharedMailbox", "u-accounts.payable": "sharedMailbox" },
  });
  assert.equal(decided.outcome, "pass");
  assert.deepEqual(decided.evidence.users, ["u-accounts.payable", "u-reception"]);
});

test("'person' clears a detection", () => {
  const t = tenant().user("reception", { displayName: "Reception", ...mailbox });
  const f = runCheck(sharedMailboxes, t.build(), { classifications: { "u-reception": "person" } });
  assert.deepEqual(f.evidence.users, []);
});
