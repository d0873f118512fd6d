// The blast-radius commands through the CLI (in process), on a demo workspace: policy template, simulate (with
// the contacts CSV), verify-access (exit 1 and the blocking policy named; exit 0 with the exclusion), gaps,
// and coded errors for bad policy input.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { WorkspaceStore } from "../../src/adapters/store/index.js";
import { runCli } from "../helpers/cli.js";

const root = mkdtempSync(join(tmpdir(), "gp-replay-cli-"));
const ws = join(root, "ws");
/** The proposed policy the simulate and verify-access tests read: written in before(), never by a test. */
const allUsers = join(root, "all-users.json");
after(() => rmSync(root, { recursive: true, force: true }));

describe("blast radius CLI", () => {
  before(async () => {
    const r = await runCli(["demo", "--workspace", ws, "--users", "300", "--now", "2026-11-22T00:00:00Z"]);
    assert.equal(r.code, 0, r.stderr);
    const t = await runCli([
      "policy",
      "template",
      "require-mfa-all-users",
      "--exclude-emergency",
      "-w",
      ws,
      "-o",
      allUsers,
    ]);
    assert.equal(t.code, 0, t.stderr);
  });

  it("policy template --list, and a template with the emergency group excluded", async () => {
    const l = await runCli(["policy", "template", "--list"]);
    assert.equal(l.code, 0, l.stderr);
    for (const n of [
      "require-mfa-pilot",
      "require-mfa-all-users",
      "block-legacy-auth",
      "emergency-phishing-resistant",
      "require-mfa-admins",
    ]) {
      assert.match(l.stdout, new RegExp(n));
    }
    const out = join(root, "all.json");
    const t = await runCli(["policy", "template", "require-mfa-all-users", "--exclude-emergency", "-w", ws, "-o", out]);
    assert.equal(t.code, 0, t.stderr);
    const p = JSON.parse(readFileSync(out, "utf8"));
    assert.equal(p.displayName, "CA002 - Require MFA - All users");
    assert.equal(p.conditions.users.excludeGroups.length, 1);
    const pilot = await runCli(["policy", "template", "require-mfa-pilot", "-w", ws]);
    assert.equal(pilot.code, 2);
    assert.match(pilot.stderr, /--include-group/);
  });

  it("simulate prints the summary first and writes the contact list", async () => {
    const csv = join(root, "contacts.csv");
    const r = await runCli(["simulate", "--policy", allUsers, "-w", ws, "--contacts-csv", csv]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.indexOf("Outcomes (people)") < r.stdout.indexOf("Clients affected"));
    assert.match(r.stdout, /blockedLegacy\s+\d+/);
    const lines = readFileSync(csv, "utf8").trim().split("\n");
    assert.equal(lines[0], "user,displayName,outcome,noHistory,reasons,remedy,patterns,signIns,lastSeen");
    assert.ok(lines.length > 5);
    const j = await runCli(["simulate", "--policy", allUsers, "-w", ws, "--format", "json"]);
    const s = JSON.parse(j.stdout);
    assert.ok(s.summary.usersEvaluated > 200);
    assert.ok(Array.isArray(s.users) && s.users[0].reasons.length > 0);
  });

  it("verify-access fails on a country block without the emergency exclusion, names it, and passes with it", async () => {
    const tj = JSON.parse((await runCli(["tenant", "-w", ws, "--format", "json"])).stdout);
    assert.ok(tj);
    const all = JSON.parse(readFileSync(allUsers, "utf8"));
    const emergencyGroup = all.conditions.users.excludeGroups[0];
    const block = (exclude: string[]) => ({
      displayName: "CA010 - Block outside UK and Europe",
      state: "enabled",
      conditions: {
        users: { includeUsers: ["All"], excludeGroups: exclude },
        applications: { includeApplications: ["All"] },
        locations: { includeLocations: ["All"], excludeLocations: ["UK and Europe"] },
      },
      grantControls: { operator: "OR", builtInControls: ["block"] },
    });
    writeFileSync(join(root, "block.json"), JSON.stringify(block([])));
    writeFileSync(join(root, "block-ex.json"), JSON.stringify(block([emergencyGroup])));
    const bad = await runCli(["verify-access", "--policy", join(root, "block.json"), "-w", ws]);
    assert.equal(bad.code, 1, bad.stderr);
    assert.match(bad.stdout, /FAILED/);
    assert.match(bad.stdout, /blocked by 'CA010 - Block outside UK and Europe'/);
    assert.match(bad.stdout, /locations: anywhere else/);
    const good = await runCli(["verify-access", "--policy", join(root, "block-ex.json"), "-w", ws]);
    assert.equal(good.code, 0, good.stdout);
    assert.match(good.stdout, /Result: PROVEN/);
  });

  it("gaps lists members without an MFA requirement (exit 1)", async () => {
    const r = await runCli(["gaps", "-w", ws]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /successful sign-ins without MFA/);
  });

  it("bad input: unparsable file, duplicate id (then fine with --replace)", async () => {
    writeFileSync(join(root, "broken.json"), "{ not json");
    const a = await runCli(["simulate", "--policy", join(root, "broken.json"), "-w", ws]);
    assert.equal(a.code, 2);
    assert.match(a.stderr, /broken\.json.*not valid JSON/);
    const store = WorkspaceStore.open(ws);
    const snap = await store.loadSnapshot(undefined, { signIns: "none" });
    await store.close();
    const existing = snap.policies[0];
    assert.ok(existing?.id);
    writeFileSync(join(root, "dup.json"), JSON.stringify({ ...existing, displayName: "Changed" }));
    const d = await runCli(["simulate", "--policy", join(root, "dup.json"), "-w", ws]);
    assert.equal(d.code, 2);
    assert.match(d.stderr, /field: id/);
    assert.match(d.stderr, /--replace/);
    const ok = await runCli([
      "simulate",
      "--policy",
      join(root, "dup.json"),
      "--replace",
      existing.id as string,
      "-w",
      ws,
    ]);
    assert.equal(ok.code, 0, ok.stderr);
  });
});
