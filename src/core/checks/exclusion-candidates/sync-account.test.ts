import assert from "node:assert/strict";
import { test } from "node:test";
import { runCheck } from "../../../../test/assess/run-check.js";
import { tenant } from "../../../../test/builders/tenant.js";
import { ROLE } from "../../model/well-known.js";
import { syncAccount } from "./sync-account.js";

test("pass: a cloud-only tenant has no sync account", () => {
  assert.equal(runCheck(syncAccount, tenant().user("alice").build()).outcome, "pass");
});

test("fail: the Directory Synchronization Accounts role holder, until classified", () => {
  const t = tenant()
    .user("Sync_SRV01_1a2b3c", { displayName: "On-Premises Directory Synchronization Service Account" })
    .role("Sync_SRV01_1a2b3c", ROLE.directorySynchronizationAccounts);
  const f = runCheck(syncAccount, t.build());
  assert.equal(f.outcome, "fail");
  assert.deepEqual(f.evidence.users, ["u-Sync_SRV01_1a2b3c"]);
  assert.match(f.details[0] ?? "", /Directory Synchronization Accounts role/);
  const ok = runCheck(syncAccount, t.build(), { classifications: { "u-Sync_SRV01_1a2b3c": "syncAccount" } });
  assert.equal(ok.outcome, "pass");
});
