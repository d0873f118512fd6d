// `glidepath assess` streams a workspace (directory, per-user activity folded from the patterns, only the
// patterns and sign-ins checks cite): its report must equal the assessment of the fully loaded snapshot.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { generateTenant } from "../../src/adapters/simulator/index.js";
import { WorkspaceStore } from "../../src/adapters/store/index.js";
import { assessWorkspace } from "../../src/app/assess.js";
import { loadSnapshotWithSignIns } from "../../src/app/demo.js";
import { openExistingWorkspace } from "../../src/app/workspace.js";
import { createAssessmentContext } from "../../src/core/checks/context.js";
import { buildAssessment } from "../../src/core/checks/report.js";
import { activeMemberIds } from "../../src/core/inventory/tenant-summary.js";
import { SIM_NOW } from "./simulated.js";

const dir = mkdtempSync(join(tmpdir(), "glidepath-assess-ws-"));
after(() => rmSync(dir, { recursive: true, force: true }));

test("streamed workspace assessment = assessment of the fully loaded snapshot", async () => {
  const t = generateTenant({ users: 400, seed: "stream", now: SIM_NOW });
  const store = WorkspaceStore.open(dir, { create: true });
  loadSnapshotWithSignIns(store, t.snapshot, t.signIns());
  await store.close();

  const streamed = await assessWorkspace(dir);
  const ws = await openExistingWorkspace(dir);
  const full = await ws.loadSnapshot();
  await ws.close();
  const loaded = buildAssessment(full, {}, full.meta.capturedAt);

  const view = (r: typeof loaded) =>
    r.findings.map((f) => ({
      id: f.checkId,
      outcome: f.outcome,
      status: f.status,
      users: f.evidence.users,
      policies: f.evidence.policies,
    }));
  assert.deepEqual(view(streamed), view(loaded));
  assert.deepEqual(streamed.exceptionCandidates, loaded.exceptionCandidates);
  assert.deepEqual(streamed.legacyAuth, loaded.legacyAuth);
  assert.deepEqual(streamed.registration, loaded.registration);
  assert.deepEqual(streamed.emergencyAccounts, loaded.emergencyAccounts);
  assert.deepEqual(streamed.signInWindow, loaded.signInWindow);
  const legacy = (r: typeof loaded) => r.findings.find((f) => f.checkId === "legacy.dependencies")!.evidence.signIns;
  assert.ok(legacy(streamed).length > 0);
  assert.deepEqual(legacy(streamed), legacy(loaded));

  // The assessment's notion of "active" is tenant-summary's.
  const ctx = createAssessmentContext(full, {}, full.meta.capturedAt);
  assert.deepEqual([...ctx.facts.activeMembers].sort(), [...activeMemberIds(full, full.meta.capturedAt)].sort());
});
