import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { summarizeTenant } from "../core/inventory/tenant-summary.js";
import { runDemo } from "./demo.js";
import { tenantReport } from "./tenant.js";
import { openExistingWorkspace } from "./workspace.js";

const root = mkdtempSync(join(tmpdir(), "gp-tenant-"));
after(() => rmSync(root, { recursive: true, force: true }));

test("tenant streams the patterns and reports exactly what a fully loaded snapshot gives", async () => {
  const dir = join(root, "ws");
  await runDemo({ dir, users: 120, seed: "tenant-test", now: "2026-11-01T00:00:00Z" });
  const streamed = (await tenantReport(dir)).summary;
  const ws = await openExistingWorkspace(dir);
  const loaded = summarizeTenant(await ws.loadSnapshot({ signIns: "none" }));
  await ws.close();
  assert.deepEqual(streamed, loaded);
  assert.ok(streamed.accessPatterns > 0 && streamed.activeMembers > 0);
});
