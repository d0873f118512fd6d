// The store derives access patterns in SQL; core folds them in memory. Both must agree exactly,
// including after a second, overlapping ingestion (dedup) of the same tenant's sign-ins.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { generateTenant } from "../../src/adapters/simulator/index.js";
import { WorkspaceStore } from "../../src/adapters/store/index.js";
import { type AccessPattern, accessPatternKey, aggregatePatterns } from "../../src/core/model/index.js";

const root = mkdtempSync(join(tmpdir(), "gp-patterns-"));
after(() => rmSync(root, { recursive: true, force: true }));

const byKey = (ps: readonly AccessPattern[]) =>
  new Map(ps.map((p) => [accessPatternKey(p), { ...p, userPrincipalName: p.userPrincipalName.toLowerCase() }]));

test("SQL-derived access patterns equal core's aggregation, and re-ingesting changes nothing", async () => {
  const t = generateTenant({ users: 120, seed: "patterns", now: "2026-11-01T00:00:00Z" });
  const all = [...t.signIns()];
  const expected = byKey(aggregatePatterns(all));

  const store = WorkspaceStore.open(join(root, "ws"), { create: true });
  store.saveSnapshot(t.snapshot);
  // First half, then everything (the first half again as duplicates).
  const half = Math.floor(all.length / 2);
  for (const batch of [all.slice(0, half), all]) {
    store.transaction(() => {
      const ingest = store.signInIngest();
      for (const s of batch) ingest.add(s);
      ingest.flush();
    });
  }
  const back = await store.loadSnapshot(undefined, { signIns: "none" });
  await store.close();

  assert.equal(back.meta.signInCount, all.length);
  const got = byKey(back.accessPatterns);
  assert.equal(got.size, expected.size);
  for (const [k, p] of expected) assert.deepEqual(got.get(k), p, `pattern ${k.replaceAll("\u001f", "|")}`);
});
