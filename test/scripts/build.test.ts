// The build (scripts/build.mjs) and the stamp that decides whether bin/glidepath.js may run it: the
// bundle runs commands, its page worker reads pages on a thread, and any edit to the sources makes it stale.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { isBuildFresh, ROOT, STAMP, sourceStamp } from "../../bin/build-stamp.js";

const tmp = mkdtempSync(join(tmpdir(), "gp-build-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe("the build stamp", () => {
  const root = join(tmp, "tree");
  const file = (rel: string, text = "x") => {
    mkdirSync(join(root, rel, ".."), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  for (const f of ["src/a.ts", "src/sub/b.ts", "src/a.test.ts", "src/a.md", "package.json", "tsconfig.json"]) file(f);
  file("scripts/build.mjs");
  const stamp = () => writeFileSync(join(root, STAMP), sourceStamp(root));

  it("is fresh only while the stamp matches the sources", () => {
    assert.equal(isBuildFresh(root), false, "no dist/ yet");
    mkdirSync(join(root, "dist"), { recursive: true });
    stamp();
    assert.equal(isBuildFresh(root), true);
  });

  it("goes stale when a source is edited, even to the same size", () => {
    stamp();
    utimesSync(join(root, "src/sub/b.ts"), new Date(), new Date(Date.now() + 5000));
    assert.equal(isBuildFresh(root), false);
  });

  it("goes stale when a source is added or removed, or the build's configuration changes", () => {
    stamp();
    file("src/c.ts");
    assert.equal(isBuildFresh(root), false);
    stamp();
    rmSync(join(root, "src/c.ts"));
    assert.equal(isBuildFresh(root), false);
    stamp();
    file("package.json", "{}");
    assert.equal(isBuildFresh(root), false);
  });

  it("ignores tests and Markdown, which the bundle does not hold", () => {
    stamp();
    file("src/a.test.ts", "changed");
    file("src/a.md", "changed");
    assert.equal(isBuildFresh(root), true);
  });
});

describe("the bundle", () => {
  const out = join(tmp, "dist");
  // The bundle imports npm packages at run time: give its folder the project's node_modules.
  symlinkSync(join(ROOT, "node_modules"), join(tmp, "node_modules"));
  const built = spawnSync(process.execPath, [join(ROOT, "scripts/build.mjs"), out], { encoding: "utf8" });

  /** Run the bundled CLI in a fresh Node (no tsx) and capture what it prints. */
  const cli = (...args: string[]) =>
    spawnSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `const { main } = await import(${JSON.stringify(pathToFileURL(join(out, "main.mjs")).href)});
         process.exitCode = await main(process.argv);`,
        "glidepath",
        ...args,
      ],
      { encoding: "utf8" },
    );

  it("builds", () => {
    assert.equal(built.status, 0, built.stderr);
  });

  it("runs a command, loading its use case on demand", () => {
    assert.equal(cli("--version").stdout, "0.1.0\n");
    const policies = join(tmp, "block.json");
    writeFileSync(
      policies,
      JSON.stringify({
        id: "block-all",
        displayName: "Block everyone",
        state: "enabled",
        conditions: { users: { includeUsers: ["All"] }, applications: { includeApplications: ["All"] } },
        grantControls: { operator: "OR", builtInControls: ["block"] },
      }),
    );
    const r = cli("evaluate", "--policies", policies, "--user", "u1", "--app", "exchangeOnline", "--format", "json");
    assert.equal(r.status, 1, r.stderr);
    assert.equal(JSON.parse(r.stdout).decision.userOutcome, "blocked");
  });

  it("reads sign-in pages on the worker thread that PageWorker starts beside its chunk", async () => {
    // PageWorker starts `./page-worker-entry.mjs` relative to its own module: in the bundle, a flat folder.
    const worker = new Worker(join(out, "page-worker-entry.mjs"), {
      workerData: { role: "glidepath-sign-in-pages" },
      execArgv: [],
    });
    try {
      const reply = await new Promise<{ id: number; page: { ok: boolean } }>((resolve, reject) => {
        worker.once("message", resolve);
        worker.once("error", reject);
        worker.postMessage({ id: 7, text: '{"value": [], "@odata.nextLink": "https://next"}' });
      });
      assert.equal(reply.id, 7);
      assert.deepEqual(
        { ok: reply.page.ok, next: (reply.page as { next?: string }).next },
        {
          ok: true,
          next: "https://next",
        },
      );
    } finally {
      await worker.terminate();
    }
  });
});
