import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import type { SignIn } from "../../core/model/index.js";
import { generateTenant } from "../simulator/index.js";
import { WorkspaceStore } from "../store/index.js";
import { emptySignInColumns, pushSignIn } from "../store/sign-in-columns.js";
import { PageWorker, readSignInPage } from "./page-worker.js";

const root = mkdtempSync(join(tmpdir(), "gp-pages-"));
after(() => rmSync(root, { recursive: true, force: true }));

const signIns: SignIn[] = [];
for (const s of generateTenant({ users: 60, seed: "pages", now: "2026-11-22T00:00:00Z" }).signIns()) {
  signIns.push(s);
  if (signIns.length === 400) break;
}
const KEEP = "2026-11-19T00:00:00Z";
const page = JSON.stringify({ "@odata.nextLink": "https://graph.microsoft.com/beta/next", value: signIns });

test("a page read on the worker thread equals the page read on this thread", async () => {
  const here = readSignInPage(page, KEEP);
  const w = new PageWorker(KEEP);
  try {
    const there = await w.read(page);
    assert.deepEqual(there, here);
    assert.ok(here.ok);
    assert.equal(here.columns.length, signIns.length);
    assert.equal(here.next, "https://graph.microsoft.com/beta/next");
    // Raw JSON only for the rows the workspace keeps (failures, legacy, recent), and some of each kind.
    const kept = here.columns.raw.filter((r) => r !== null).length;
    assert.ok(kept > 0 && kept < signIns.length, `kept ${kept} of ${signIns.length}`);
    assert.deepEqual(await w.read("{not json"), { ok: false, problem: "not valid JSON" });
    assert.deepEqual(await w.read('{"value":{}}'), { ok: false, problem: "no 'value' array" });
  } finally {
    await w.close();
  }
});

test("a worker that cannot start leaves the pages to this thread, with the same results", async () => {
  const w = new PageWorker(KEEP, new URL("./no-such-worker-entry.mjs", import.meta.url));
  try {
    const pages = await Promise.all([w.read(page), w.read(page), w.read("[]")]);
    assert.deepEqual(pages[0], readSignInPage(page, KEEP));
    assert.deepEqual(pages[1], pages[0]);
    assert.deepEqual(pages[2], { ok: false, problem: "no 'value' array" });
    assert.equal(w.threaded, false);
    assert.deepEqual(await w.read(page), pages[0], "later pages too");
  } finally {
    await w.close();
  }
});

test("sign-ins stored from columns give the same log and patterns as stored one by one", async () => {
  const viaAdd = WorkspaceStore.open(join(root, "add"), { create: true });
  const viaColumns = WorkspaceStore.open(join(root, "columns"), { create: true });
  viaAdd.transaction(() => {
    const ingest = viaAdd.signInIngest({ keepRawSince: KEEP });
    for (const s of signIns) ingest.add(s);
    ingest.flush();
  });
  const cols = emptySignInColumns();
  for (const s of signIns) pushSignIn(cols, s, KEEP);
  viaColumns.transaction(() => {
    const ingest = viaColumns.signInIngest({ keepRawSince: KEEP });
    assert.equal(ingest.addColumns(cols, 0, 150) + ingest.addColumns(cols, 150), signIns.length);
    assert.equal(ingest.addColumns(cols), 0, "a second pass is all duplicates");
    ingest.flush();
  });
  const log = (s: WorkspaceStore) => [...s.iterateSignIns()].map((x) => JSON.stringify(x));
  const patterns = (s: WorkspaceStore) => [...s.iteratePatterns()].map((p) => JSON.stringify(p)).sort();
  assert.deepEqual(log(viaColumns), log(viaAdd));
  assert.deepEqual(patterns(viaColumns), patterns(viaAdd));
  await viaAdd.close();
  await viaColumns.close();
});
