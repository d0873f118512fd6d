// Templates and the proposed-set composition: template JSON shapes, bad input named by field, id-less
// policies accepted, unresolved references reported and counted pessimistically.

import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { readPolicyFile } from "../../src/adapters/policy-files/read.js";
import { simulateSnapshot } from "../../src/app/simulate.js";
import { isGlidepathError } from "../../src/core/model/errors.js";
import { STRENGTH } from "../../src/core/model/well-known.js";
import { composePolicySet } from "../../src/core/replay/policy-set.js";
import { buildTemplate, TEMPLATE_NAMES } from "../../src/core/rollout/templates.js";
import { tenant } from "../builders/tenant.js";

const snap = () =>
  tenant()
    .user("alice")
    .user("bg1")
    .group("breakglass", ["bg1"])
    .registered("alice", ["microsoftAuthenticatorPush"])
    .uses("alice")
    .uses("bg1")
    .policy({
      id: "p-existing",
      displayName: "Existing",
      state: "enabled",
      conditions: { users: { includeUsers: ["All"] }, applications: { includeApplications: ["None"] } },
      grantControls: { operator: "OR", builtInControls: ["mfa"] },
    })
    .build();

describe("policy templates", () => {
  it("builds every template as Graph JSON without an id, report-only", () => {
    for (const name of TEMPLATE_NAMES) {
      const r = buildTemplate(name, { includeGroups: ["g-pilot"], excludeGroups: ["g-breakglass"] });
      assert.ok(r.ok, name);
      assert.equal((r.policy as { id?: string }).id, undefined);
      assert.equal(r.policy.state, "enabledForReportingButNotEnforced");
    }
    const pilot = buildTemplate("require-mfa-pilot", { includeGroups: ["g-it"] });
    assert.ok(pilot.ok && pilot.policy.displayName === "CA001 - Require MFA - Pilot");
    const e = buildTemplate("emergency-phishing-resistant", { includeGroups: ["g-bg"] });
    assert.ok(e.ok && e.policy.grantControls?.authenticationStrength?.id === STRENGTH.phishingResistantMfa);
    const legacy = buildTemplate("block-legacy-auth", { excludeGroups: ["g-bg"] });
    assert.ok(legacy.ok);
    assert.deepEqual(legacy.policy.conditions?.clientAppTypes, ["exchangeActiveSync", "other"]);
  });

  it("names the missing option", () => {
    const r = buildTemplate("require-mfa-pilot", {});
    assert.ok(!r.ok && r.field === "--include-group");
  });
});

describe("proposed policy set", () => {
  it("rejects a duplicate of an existing id naming the field, unless --replace", () => {
    const s = snap();
    const dup = {
      id: "p-existing",
      displayName: "Dup",
      state: "enabled",
      conditions: { users: { includeUsers: ["All"] }, applications: { includeApplications: ["All"] } },
    };
    const set = composePolicySet(s, [{ raw: dup, sourceName: "dup.json" }]);
    assert.equal(set.errors[0]?.code, "policy.duplicate-id");
    assert.equal(set.errors[0]?.path, "id");
    assert.throws(
      () => simulateSnapshot(s, [{ raw: dup, sourceName: "dup.json" }]),
      (e) => isGlidepathError(e) && /field: id/.test(e.message),
    );
    const ok = composePolicySet(s, [{ raw: dup, sourceName: "dup.json" }], { replace: ["p-existing"] });
    assert.deepEqual(ok.errors, []);
    assert.deepEqual(ok.removedIds, ["p-existing"]);
  });

  it("rejects a policy without conditions naming the field, and an unknown --replace", () => {
    const set = composePolicySet(snap(), [{ raw: { displayName: "x" }, sourceName: "x.json" }], { replace: ["nope"] });
    const fields = set.errors.map((e) => e.path).sort();
    assert.deepEqual(fields, ["--replace", "conditions"]);
  });

  it("accepts a policy without id, named by its display name and file", () => {
    const t = buildTemplate("require-mfa-all-users", { excludeGroups: ["g-breakglass"] });
    assert.ok(t.ok);
    const set = composePolicySet(snap(), [{ raw: t.policy, sourceName: "all.json" }]);
    assert.deepEqual(set.errors, []);
    const added = set.proposed.find((p) => set.addedIds.includes(p.id));
    assert.equal(added?.displayName, "CA002 - Require MFA - All users");
    assert.equal(added?.sourceName, "all.json");
  });

  it("reports unknown groups by field and counts them pessimistically (the exclusion does not protect)", () => {
    const t = buildTemplate("require-mfa-all-users", { excludeGroups: ["0b0b0b0b-0000-4000-8000-000000000000"] });
    assert.ok(t.ok);
    const s = snap();
    const set = composePolicySet(s, [{ raw: t.policy, sourceName: "all.json" }]);
    assert.equal(set.unresolved.length, 1);
    assert.equal(set.unresolved[0]?.field, "conditions.users.excludeGroups[0]");
    const r = simulateSnapshot(s, [{ raw: t.policy, sourceName: "all.json" }]);
    assert.equal(r.change.unresolved.length, 1);
    assert.ok(r.summary.patternsAssumed > 0);
    assert.equal(r.users.find((u) => u.user === "bg1@test.example")?.outcome, "mustRegister");
  });

  it("reads UTF-16 files with a BOM, arrays and {value:[...]}, and names the line of bad JSON", () => {
    const dir = mkdtempSync(join(tmpdir(), "gp-pol-"));
    const a = join(dir, "a.json");
    writeFileSync(
      a,
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(JSON.stringify({ value: [{ displayName: "A" }, { displayName: "B" }] }), "utf16le"),
      ]),
    );
    const r = readPolicyFile(a);
    assert.deepEqual(
      r.policies.map((p) => p.sourceName),
      ["a.json#1", "a.json#2"],
    );
    const bad = join(dir, "bad.json");
    writeFileSync(bad, '{\n  "displayName": "x",\n  "state": }\n');
    assert.throws(
      () => readPolicyFile(bad),
      (e) => isGlidepathError(e) && e.code === "policy.file-parse" && /bad\.json/.test(e.message),
    );
    // 20,000 levels used to overflow the stack in the normaliser ("this is a bug"): now a clear error.
    const deep = join(dir, "deep.json");
    const n = 20_000;
    writeFileSync(deep, `{"displayName":"x",\n"conditions":${'{"a":'.repeat(n)}1${"}".repeat(n)}}`);
    assert.throws(
      () => readPolicyFile(deep),
      (e) =>
        isGlidepathError(e) && e.code === "policy.file-depth" && /deep\.json:2:\d+: nesting too deep/.test(e.message),
    );
  });
});
