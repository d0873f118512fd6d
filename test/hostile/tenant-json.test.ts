// A hostile tenant.json (Glidepath's own export metadata): every field is checked on import, a bad one
// fails the batch with file:line and the field at fault, and the workspace is left byte-identical.

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runCli } from "../helpers/cli.js";
import { workspaceHash } from "../helpers/workspace-hash.js";

const dir = mkdtempSync(join(tmpdir(), "gp-hostile-tenant-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const ws = join(dir, "ws");
const CTX = "https://graph.microsoft.com/v1.0/$metadata#glidepath.tenant";
const GOOD = {
  "@odata.context": CTX,
  tenantId: "11111111-2222-3333-4444-555555555555",
  tenantDisplayName: "Contoso",
  defaultDomain: "contoso.example",
  initialDomain: "contoso.onmicrosoft.com",
  capturedAt: "2026-10-31T00:00:00Z",
  source: "graph",
};
const USERS = {
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
  value: [{ id: "u-1", userPrincipalName: "a@contoso.example", displayName: "A", accountEnabled: true }],
};

let n = 0;
function exportFolder(tenant: unknown): string {
  const d = join(dir, `export-${n++}`);
  mkdirSync(d);
  writeFileSync(join(d, "tenant.json"), typeof tenant === "string" ? tenant : JSON.stringify(tenant, null, 2));
  writeFileSync(join(d, "users.json"), JSON.stringify(USERS));
  return d;
}

before(async () => {
  const r = await runCli(["import", exportFolder(GOOD), "--workspace", ws]);
  assert.equal(r.code, 0, r.stderr);
});

describe("tenant.json validation", () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ["capturedAt not a date", { capturedAt: "not-a-date" }, /capturedAt.*ISO-8601.*"not-a-date"/],
    ["capturedAt on a day that does not exist", { capturedAt: "2026-02-30T00:00:00Z" }, /capturedAt/],
    ["capturedAt a number", { capturedAt: 1_700_000_000 }, /capturedAt/],
    ["capturedAt in the future", { capturedAt: "9999-12-31T00:00:00Z" }, /capturedAt dated 9999/],
    ["an unknown source", { source: "hacker" }, /'source' must be one of simulator, graph, import/],
    ["tenantId missing", { tenantId: undefined }, /tenantId/],
    ["tenantId not a string", { tenantId: 42 }, /tenantId/],
    ["tenantDisplayName an object", { tenantDisplayName: { x: 1 } }, /tenantDisplayName/],
    ["a domain that is a list", { defaultDomain: ["a"] }, /defaultDomain/],
    ["present naming an unknown collection", { present: ["users", "secrets"] }, /unknown collection.*"secrets"/],
    ["present not a list", { present: "users" }, /'present' must be a list/],
    [
      "signInWindow backwards",
      { signInWindow: { from: "2026-10-02T00:00:00Z", to: "2026-10-01T00:00:00Z" } },
      /signInWindow/,
    ],
    ["signInCount negative", { signInCount: -1 }, /signInCount/],
  ];
  for (const [name, change, why] of cases) {
    it(`rejects ${name}: exit 2, file:line, nothing written`, async () => {
      const before0 = workspaceHash(ws);
      const d = exportFolder({ ...GOOD, ...change });
      const r = await runCli(["import", d, "--workspace", ws]);
      assert.equal(r.code, 2, r.stdout);
      assert.match(r.stderr, /tenant\.json:\d+: invalid tenant record/);
      assert.match(r.stderr, why);
      assert.doesNotMatch(r.stderr, /this is a bug/);
      assert.equal(workspaceHash(ws), before0);
      // Every command still works on the workspace.
      const t = await runCli(["tenant", "--workspace", ws]);
      assert.equal(t.code, 0, t.stderr);
    });
  }

  it("rejects a tenant record that is not an object", async () => {
    const d = exportFolder(`{"@odata.context": "${CTX}", "value": ["x"]}`);
    const r = await runCli(["import", d, "--workspace", ws]);
    assert.equal(r.code, 2, r.stdout);
    assert.match(r.stderr, /invalid tenant record/);
  });

  it("keeps only the known fields of a valid record", async () => {
    const d = exportFolder({ ...GOOD, tenantDisplayName: "Contoso 2", injected: { evil: true } });
    const r = await runCli(["import", d, "--workspace", ws, "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    const t = await runCli(["tenant", "--workspace", ws, "--format", "json"]);
    assert.equal(t.code, 0, t.stderr);
    assert.match(t.stdout, /Contoso 2/);
    assert.doesNotMatch(t.stdout, /injected/);
  });
});
