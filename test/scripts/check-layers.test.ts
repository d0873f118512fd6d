import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { checkLayers } from "../../scripts/check-layers.js";

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "layers-"));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(root, p, ".."), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}

test("the real src tree obeys the layer rules", () => {
  assert.deepEqual(checkLayers("src"), []);
});

test("core importing a built-in, a package or an adapter is a violation; allowed directions are not", () => {
  const root = tree({
    "core/a.ts": 'import { x } from "./b.js";\nimport fs from "fs";\nimport Database from "better-sqlite3";\n',
    "core/b.ts": 'export { y } from "../adapters/store/s.js";\n',
    "adapters/store/s.ts": 'import type { T } from "../../core/a.js";\nimport k from "kysely";\n',
    "cli/main.ts": 'import { s } from "../adapters/store/s.js";\nimport { a } from "../app/a.js";\n',
    "app/a.ts": 'import { s } from "../adapters/store/s.js";\n',
  });
  try {
    const v = checkLayers(root).map((x) => `${x.file.split("/").slice(-2).join("/")}:${x.line}`);
    assert.deepEqual(v.sort(), ["cli/main.ts:1", "core/a.ts:2", "core/a.ts:3", "core/b.ts:1"]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
