import assert from "node:assert/strict";
import { test } from "node:test";
import { runCheck } from "../../../../test/assess/run-check.js";
import { tenant } from "../../../../test/builders/tenant.js";
import { serviceAccounts } from "./service-accounts.js";

test("pass: a person who uses IMAP is not a service account", () => {
  const t = tenant()
    .user("alice.smith", { displayName: "Alice Smith", jobTitle: "Negotiator" })
    .uses("alice.smith", { clientAppUsed: "IMAP4" })
    .uses("alice.smith", { operatingSystem: "iOS 17" })
    .registered("alice.smith", ["microsoftAuthenticatorPush"]);
  assert.equal(runCheck(serviceAccounts, t.build()).outcome, "pass");
});

test("fail: a scan-to-email account that only speaks SMTP from one address", () => {
  const t = tenant()
    .user("svc-scan-london", { displayName: "Scanner London", jobTitle: null, department: null })
    .uses("svc-scan-london", { clientAppUsed: "Authenticated SMTP", count: 300, operatingSystem: null })
    .registered("svc-scan-london", []);
  const f = runCheck(serviceAccounts, t.build());
  assert.equal(f.outcome, "fail");
  assert.deepEqual(f.evidence.users, ["u-svc-scan-london"]);
  assert.match(f.details[0] ?? "", /high confidence/);
  assert.match(f.details[0] ?? "", /only with legacy protocols/);
});
