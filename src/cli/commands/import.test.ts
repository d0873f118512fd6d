// The import command end to end: JSON summary shape, exit code 4 (partial, through the real binary),
// references resolved by name against a users file in the same batch, and export --as portal-csv.

import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, it } from "node:test";
import { runBin, runCli } from "../../../test/helpers/cli.js";

const tmp = mkdtempSync(join(tmpdir(), "gp-cli-import-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

it("prints the JSON summary, exits 4 on skipped records, resolves names, and exports", async () => {
  const ws = join(tmp, "ws");
  const users = join(tmp, "Users.csv");
  writeFileSync(
    users,
    "id,userPrincipalName,displayName,userType,accountEnabled\r\nu-1,alice@contoso.example,Alice,Member,TRUE\r\n",
  );
  const pol = join(tmp, "policy.json");
  writeFileSync(
    pol,
    JSON.stringify({
      DisplayName: "Require MFA except Alice",
      State: "enabled",
      Conditions: { Users: { IncludeUsers: ["All"], ExcludeUsers: ["alice@contoso.example"] } },
      GrantControls: { Operator: "OR", BuiltInControls: ["mfa"] },
    }),
  );
  const bad = join(tmp, "bad.json");
  writeFileSync(bad, '{"value": [1, }');
  const r = await runBin(["import", users, pol, bad, "--workspace", ws, "--format", "json"]);
  assert.equal(r.code, 4, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.outcome, "partial");
  assert.deepEqual(
    out.files.map((f: { kind: string | null; imported: number; status: string }) => [f.kind, f.imported, f.status]),
    [
      ["users", 1, "imported"],
      ["policies", 1, "imported"],
      [null, 0, "rejected"],
    ],
  );
  assert.deepEqual(Object.keys(out.files[2].errors[0]), ["file", "line", "column", "code", "message"]);
  assert.equal(out.files[2].errors[0].line, 1);
  assert.equal(out.totals.users.imported, 1);
  assert.equal(out.references.resolved, 1);

  const dir = join(tmp, "out");
  const e = await runCli(["export", "--workspace", ws, "--to", dir, "--as", "portal-csv", "--format", "json"]);
  assert.equal(e.code, 0, e.stderr);
  assert.ok(readdirSync(dir).includes("Users.csv"));
  const p = JSON.parse(readFileSync(join(dir, "policies.json"), "utf8")) as {
    value: { conditions: { users: { excludeUsers: string[] } } }[];
  };
  assert.deepEqual(p.value[0]?.conditions.users.excludeUsers, ["u-1"]);
});

it("--strict refuses the batch with file:line and leaves no workspace behind", async () => {
  const ws = join(tmp, "ws-strict");
  const bad = join(tmp, "bad2.json");
  writeFileSync(bad, '[{"id":"x","createdDateTime":"2026-11-01T00:00:00Z","userId":"u","appId":"a","status":{}}]');
  const r = await runCli(["import", bad, "--workspace", ws, "--strict"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /bad2\.json:1:2: signIn: 'status\.errorCode' is missing/);
  assert.deepEqual(readdirSync(ws), []);
});
