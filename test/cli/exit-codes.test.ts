// No glidepath process ends with an undocumented exit code: bin/exit-guard.js turns an uncaught exception,
// an unhandled rejection and a main() that never settles (Node's silent 13) into a message and exit 2, and
// the exit codes the CLI maps to are exactly the ones README's "Exit codes" table documents.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { EXIT } from "../../src/cli/exit-codes.js";
import { BIN, REPO } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "gp-exit-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const GUARD = pathToFileURL(join(REPO, "bin", "exit-guard.js")).href;

/** Run `body` as an ES module (top-level await allowed) in a fresh node, with the guard installed first. */
function runGuarded(name: string, body: string): Promise<{ code: number | null; stderr: string }> {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, `import { guardExit } from ${JSON.stringify(GUARD)};\nconst finish = guardExit();\n${body}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("bin/exit-guard.js", () => {
  test("a main() that never settles exits 2 with a message, not Node's silent 13", async () => {
    const r = await runGuarded("hang", "process.exitCode = await new Promise(() => {});\nfinish();");
    assert.equal(r.code, 2, r.stderr);
    assert.match(
      r.stderr,
      /^glidepath: internal error: the command stopped without finishing \(this is a bug\)\n {2}fix: /,
    );
  });

  test("an uncaught exception, an unhandled rejection and a rejected main() exit 2 with one message", async () => {
    const cases: [string, string, RegExp][] = [
      ["throw", 'setTimeout(() => { throw new Error("boom\\u001b[2J"); }, 1);', /internal error: boom\?\[2J\n/],
      ["reject", 'Promise.reject(new Error("gone"));', /internal error: gone\n/],
      ["main", 'process.exitCode = await (async () => { throw new Error("main threw"); })();\nfinish();', /main threw/],
    ];
    for (const [name, body, message] of cases) {
      const r = await runGuarded(name, body);
      assert.equal(r.code, 2, `${name}: ${r.stderr}`);
      assert.match(r.stderr, /^glidepath: internal error: /, name);
      assert.match(r.stderr, message, name);
      assert.doesNotMatch(r.stderr, /\n\s+at /, `${name}: no stack trace`);
    }
  });

  test("a main() that returned keeps its exit code and prints nothing", async () => {
    const r = await runGuarded("ok", "process.exitCode = await Promise.resolve(4);\nfinish();");
    assert.equal(r.code, 4);
    assert.equal(r.stderr, "");
  });

  test("the binary installs the guard before it loads anything else", () => {
    const bin = readFileSync(BIN, "utf8");
    assert.ok(bin.indexOf("guardExit()") < bin.indexOf("await import("), "guard first");
    assert.match(bin, /await main\(process\.argv\);\nfinish\(\);/);
  });
});

test("the exit codes are exactly those of README's table", () => {
  const readme = readFileSync(join(REPO, "README.md"), "utf8");
  const section = readme.split("## Exit codes")[1]?.split("\n## ")[0] ?? "";
  const rows = [...section.matchAll(/^\| (\d+) \| (\w+) \|/gm)].map((m) => [m[2], Number(m[1])]);
  assert.deepEqual(Object.fromEntries(rows), { ...EXIT });
  // And --help's one-line summary says the same.
  const main = readFileSync(join(REPO, "src", "cli", "main.ts"), "utf8");
  const summary = /Exit codes: ([^\\]+)\./.exec(main)?.[1] ?? "";
  const named = [...summary.matchAll(/(\d) (\w+)/g)].map((m) => Number(m[1]));
  assert.deepEqual(named, Object.values(EXIT).sort());
});
