// glidepath demo: builds the simulated tenant with its verdict and blast radius, replaces an earlier demo,
// refuses to replace a real tenant's workspace, and rejects a size it cannot build.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { WorkspaceStore } from "../../src/adapters/store/index.js";
import { tenant } from "../builders/tenant.js";
import { runCli } from "../helpers/cli.js";

const root = mkdtempSync(join(tmpdir(), "gp-demo-"));
after(() => rmSync(root, { recursive: true, force: true }));

test("demo builds a 500-user workspace that tenant summarises with an 85–89% registration rate", async () => {
  const ws = join(root, "w");
  const demo = await runCli(["demo", "--workspace", ws, "--now", "2026-11-22"]);
  assert.equal(demo.code, 0, demo.stderr);
  assert.match(demo.stdout, /Northwind Estates/);
  assert.match(demo.stdout, /legacy-authentication dependencies/);
  // It ends with the readiness verdict and the blast radius of require-MFA-for-all-users with its proof.
  assert.match(demo.stdout, /ready for the registration campaign: no — \d+ blockers?/);
  assert.match(demo.stdout, /BLOCKER registration\.admins-without-method/);
  assert.match(demo.stdout, /Blast radius of "require MFA for all users, excluding the emergency group"/);
  assert.match(demo.stdout, /\b13 blockedLegacy\b/);
  assert.match(demo.stdout, /Emergency access proof: PROVEN/);
  // The planted emergency account without any method cannot reach the admin portals (mandatory MFA).
  assert.match(demo.stdout, /admin portals are out of reach for [^\s,]+@[^\s,]+: no MFA method/);

  const r = await runCli(["tenant", "--workspace", ws, "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  assert.equal(s.users, 500);
  assert.equal(s.members + s.guests, 500);
  assert.ok(s.enabledUsers < 500 && s.enabledUsers > 400, `enabledUsers ${s.enabledUsers}`);
  assert.ok(s.groups > 5);
  assert.ok(s.policies >= 2);
  assert.ok(s.namedLocations >= 1);
  assert.ok(s.signIns > 5000, `signIns ${s.signIns}`);
  assert.ok(s.registrationRate >= 0.85 && s.registrationRate <= 0.89, `registrationRate ${s.registrationRate}`);

  // Running the demo again replaces the simulated workspace instead of stacking a second tenant.
  const again = await runCli(["demo", "--workspace", ws, "--users", "60", "--format", "json"]);
  assert.equal(again.code, 0, again.stderr);
  const json = JSON.parse(again.stdout);
  assert.equal(json.summary.users, 60);
  assert.equal(json.assessment.verdict.ready, false);
  assert.ok(
    json.assessment.findings.some((f: { checkId: string }) => f.checkId === "registration.admins-without-method"),
  );
  assert.equal(json.blastRadius.proof.holds, true);
  assert.equal(json.blastRadius.summary.outcomes.emergencyAffected, 0);
});

test("demo refuses to replace a workspace holding a real tenant, and leaves it untouched", async () => {
  const ws = join(root, "real");
  const store = WorkspaceStore.open(ws, { create: true });
  store.saveSnapshot(tenant().user("alice").build());
  store.closeNow();
  const before = readFileSync(join(ws, "glidepath.sqlite"));
  const r = await runCli(["demo", "--workspace", ws]);
  assert.equal(r.code, 3);
  assert.match(r.stderr, /holds data of tenant "Test Tenant".*\[workspace\.holds-tenant\]/);
  assert.match(r.stderr, /fix: .*--force/);
  assert.deepEqual(readFileSync(join(ws, "glidepath.sqlite")), before);
});

test("demo rejects a size it cannot build with a clear error", async () => {
  const r = await runCli(["demo", "--workspace", join(root, "tiny"), "--users", "ten"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--users must be a whole number from 50 to 200000, got "ten"/);
});
