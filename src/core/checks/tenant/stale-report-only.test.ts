import assert from "node:assert/strict";
import { test } from "node:test";
import { runCheck } from "../../../../test/assess/run-check.js";
import { tenant } from "../../../../test/builders/tenant.js";
import { staleReportOnly } from "./stale-report-only.js";

const ro = (id: string, modifiedDateTime: string | null, createdDateTime = "2025-01-01T00:00:00Z") => ({
  id,
  displayName: id,
  state: "enabledForReportingButNotEnforced",
  createdDateTime,
  modifiedDateTime,
  conditions: {},
});

test("pass: a report-only policy changed 30 days ago; enabled policies do not count", () => {
  const t = tenant()
    .policy(ro("fresh", "2026-10-02T00:00:00Z"))
    .policy({ id: "on", displayName: "on", state: "enabled", createdDateTime: "2020-01-01T00:00:00Z" });
  assert.equal(runCheck(staleReportOnly, t.build()).outcome, "pass");
});

test("fail: report-only since more than 90 days (by modified, else created)", () => {
  const t = tenant()
    .policy(ro("old", "2026-05-01T00:00:00Z"))
    .policy(ro("never-modified", null, "2026-01-01T00:00:00Z"))
    .policy(ro("fresh", "2026-10-20T00:00:00Z"));
  const f = runCheck(staleReportOnly, t.build());
  assert.equal(f.outcome, "fail");
  assert.deepEqual(f.evidence.policies, ["never-modified", "old"]);
});

test("skipped without policies", () => {
  assert.equal(runCheck(staleReportOnly, tenant().missing("policies").build()).skippedReason, "no-policy-data");
});
