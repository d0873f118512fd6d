// docs/assess-json.md documents every field the JSON output carries (and the closed lists it uses).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { buildAssessment } from "../../src/core/checks/report.js";
import { EXCEPTION_TYPES, SKIP_REASONS } from "../../src/core/checks/types.js";
import { REPO } from "../helpers/cli.js";
import { SIM_NOW, simulatedSnapshot } from "./simulated.js";

const doc = readFileSync(join(REPO, "docs", "assess-json.md"), "utf8");
const documented = (k: string) => doc.includes(`\`${k}\``);

test("every field of the report, its findings, legacy rows, candidates and registration is documented", () => {
  const { snapshot } = simulatedSnapshot(120, "json-doc");
  const r = buildAssessment(snapshot, {}, SIM_NOW);
  const objects: [string, object][] = [
    ["report", r],
    ["verdict", r.verdict],
    ["registration", r.registration],
    ["finding", r.findings.find((f) => f.departsFromSeeds) ?? {}],
    ["skipped finding", r.findings.find((f) => f.outcome === "skipped") ?? {}],
    ["legacyAuth", r.legacyAuth[0] ?? {}],
    ["exceptionCandidate", r.exceptionCandidates[0] ?? {}],
    ["evidence", r.findings[0]?.evidence ?? {}],
  ];
  for (const [name, o] of objects) {
    assert.ok(Object.keys(o).length > 0, `${name} is empty in the sample`);
    for (const k of Object.keys(o)) assert.ok(documented(k), `${name}.${k} is not in docs/assess-json.md`);
  }
  for (const reason of Object.keys(SKIP_REASONS)) assert.ok(documented(reason), reason);
  for (const t of EXCEPTION_TYPES) assert.ok(documented(t), t);
});
