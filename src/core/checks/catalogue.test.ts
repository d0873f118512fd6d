// The catalogue's own rules: unique ids named after their files, a severity, a remediation, links, the two
// sibling files (.md notes, .test.ts with a pass and a fail case) and an up-to-date page in docs/checks/.

import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { checkNotes, renderCheckIndex, renderCheckPage } from "../../../scripts/docs/check-pages.js";
import { CHECKS } from "./registry.js";
import { AREA_FOLDERS, AREAS, SEVERITIES, SKIP_REASONS } from "./types.js";

const DIR = import.meta.dirname;
const ROOT = join(DIR, "..", "..", "..");
const DOCS = join(ROOT, "docs", "checks");

test("every check id is unique, <area>.<file-name>, with a known area and severity", () => {
  const ids = CHECKS.map((c) => c.id);
  assert.equal(new Set(ids).size, ids.length, "duplicate ids");
  for (const c of CHECKS) {
    assert.match(c.id, /^[a-z]+\.[a-z0-9-]+$/, c.id);
    assert.ok(AREAS.includes(c.area), `${c.id}: area ${c.area}`);
    assert.equal(c.id.split(".")[0], c.area, `${c.id}: id must start with its area`);
    assert.ok(SEVERITIES.includes(c.severity), `${c.id}: severity ${c.severity}`);
  }
});

test("every check has a title, a rationale, a remediation and at least one Microsoft Learn link", () => {
  for (const c of CHECKS) {
    assert.ok(c.title.length > 5, `${c.id}: title`);
    assert.ok(c.rationale.length > 30, `${c.id}: rationale`);
    assert.ok(c.remediation.length > 30, `${c.id}: remediation`);
    assert.ok(c.links.length > 0, `${c.id}: links`);
    for (const l of c.links) assert.match(l.url, /^https:\/\/learn\.microsoft\.com\//, `${c.id}: ${l.url}`);
  }
});

test("every check has <id>.ts, <id>.md and <id>.test.ts beside it; the doc and the test are real", () => {
  for (const c of CHECKS) {
    const [area, name] = c.id.split(".") as [string, string];
    const base = join(DIR, AREA_FOLDERS[area as keyof typeof AREA_FOLDERS], name);
    assert.ok(existsSync(`${base}.ts`), `${c.id}: ${base}.ts`);
    assert.ok(existsSync(`${base}.md`), `${c.id}: missing ${base}.md`);
    assert.ok(existsSync(`${base}.test.ts`), `${c.id}: missing ${base}.test.ts`);
    const md = readFileSync(`${base}.md`, "utf8");
    assert.ok(md.startsWith(`# ${c.id}`), `${c.id}: the notes must start with '# ${c.id}'`);
    assert.match(md, /## What Glidepath checks/, `${c.id}: notes section 'What Glidepath checks'`);
    // The metadata is said once, in the .ts: the notes must not repeat it (the generated page joins the two).
    assert.ok(!md.includes(c.rationale), `${c.id}: the notes repeat the rationale of ${name}.ts`);
    assert.ok(!md.includes(c.remediation), `${c.id}: the notes repeat the remediation of ${name}.ts`);
    const page = readFileSync(join(DOCS, `${c.id}.md`), "utf8");
    assert.ok(page.startsWith(`# ${c.id}`), `${c.id}: the page must start with '# ${c.id}'`);
    assert.match(page, /## Why it matters/, `${c.id}: page section 'Why it matters'`);
    assert.match(page, /## What Glidepath checks/, `${c.id}: page section 'What Glidepath checks'`);
    assert.match(page, /## How to fix/, `${c.id}: page section 'How to fix'`);
    const t = readFileSync(`${base}.test.ts`, "utf8");
    assert.match(t, /"pass"/, `${c.id}: the test must assert a pass`);
    assert.match(t, /"fail"/, `${c.id}: the test must assert a fail`);
  }
});

test("no check file is left out of the registry", () => {
  const registered = new Set(CHECKS.map((c) => c.id));
  for (const area of AREAS) {
    const dir = join(DIR, AREA_FOLDERS[area]);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) {
      if (!f.endsWith(".md")) continue;
      const id = `${area}.${f.slice(0, -3)}`;
      assert.ok(registered.has(id), `${id} has a doc but is not registered`);
    }
  }
});

test("docs/checks/README.md lists every registered check", () => {
  const index = readFileSync(join(DOCS, "README.md"), "utf8");
  for (const c of CHECKS) assert.ok(index.includes(`\`${c.id}\``), `${c.id} missing from docs/checks/README.md`);
});

test("docs/checks/ is up to date with the metadata and the notes (else run npm run docs)", () => {
  const index = readFileSync(join(DOCS, "README.md"), "utf8");
  assert.equal(index, renderCheckIndex(CHECKS, Object.keys(SKIP_REASONS)), "docs/checks/README.md is stale");
  for (const c of CHECKS) {
    const page = readFileSync(join(DOCS, `${c.id}.md`), "utf8");
    assert.equal(page, renderCheckPage(c, checkNotes(ROOT, c)), `docs/checks/${c.id}.md is stale`);
  }
});

test("docs/checks/ holds no page of a check that is not registered", () => {
  const registered = new Set(CHECKS.map((c) => `${c.id}.md`));
  for (const f of readdirSync(DOCS)) if (f !== "README.md") assert.ok(registered.has(f), `docs/checks/${f}`);
});
