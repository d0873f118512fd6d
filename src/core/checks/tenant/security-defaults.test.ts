import assert from "node:assert/strict";
import { test } from "node:test";
import { runCheck } from "../../../../test/assess/run-check.js";
import { tenant } from "../../../../test/builders/tenant.js";
import { securityDefaults } from "./security-defaults.js";

test("pass: security defaults off with P1 (CA path) or on without P1 (Security Defaults path)", () => {
  assert.equal(
    runCheck(securityDefaults, tenant().licences({ p1: true }).securityDefaults(false).build()).outcome,
    "pass",
  );
  const sd = runCheck(securityDefaults, tenant().licences({ p1: false }).securityDefaults(true).build());
  assert.equal(sd.outcome, "pass");
  assert.match(sd.status, /Security Defaults path/);
});

test("fail: off without P1, or on together with enabled policies", () => {
  assert.equal(
    runCheck(securityDefaults, tenant().licences({ p1: false }).securityDefaults(false).build()).outcome,
    "fail",
  );
  const both = tenant()
    .licences({ p1: true })
    .securityDefaults(true)
    .policy({ id: "p1", displayName: "x", state: "enabled", conditions: {} });
  const f = runCheck(securityDefaults, both.build());
  assert.equal(f.outcome, "fail");
  assert.deepEqual(f.evidence.policies, ["p1"]);
});

test("skipped when the state is unknown", () => {
  assert.equal(
    runCheck(securityDefaults, tenant().missing("securityDefaults").build()).skippedReason,
    "no-security-defaults-data",
  );
});
