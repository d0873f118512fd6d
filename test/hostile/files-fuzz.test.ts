// Fuzz over hostile files: every shared fixture, randomly mutated (cut, bytes flipped, stray quotes, NULs,
// bad UTF-8, deep nesting, gzip), plus the hostile shapes of issue #12, through import and the policy
// reader. Every outcome is a report or a GlidepathError whose code is in the table — never a plain Error
// or "this is a bug" — every exit code is documented, and a rejected import leaves the workspace
// byte-identical.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import "../fast-check-seed.js";
import { importBatch } from "../../src/adapters/import/importer.js";
import { readPolicyFiles } from "../../src/adapters/policy-files/read.js";
import { WorkspaceStore } from "../../src/adapters/store/index.js";
import { EXIT } from "../../src/cli/exit-codes.js";
import { GlidepathError, ISSUE_CODES } from "../../src/core/model/index.js";
import { runCli } from "../helpers/cli.js";
import { sharedFixture } from "../helpers/shared-fixtures.js";
import { workspaceHash } from "../helpers/workspace-hash.js";

const NOW = "2026-12-01T00:00:00Z";
const tmp = mkdtempSync(join(tmpdir(), "gp-hostile-fuzz-"));
after(() => rmSync(tmp, { recursive: true, force: true }));
const ws = join(tmp, "ws");
let n = 0;

/** Every fixture file under ../shared/fixtures, read in place. */
function fixtureFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...fixtureFiles(p));
    else out.push(p);
  }
  return out;
}
const FIXTURES = fixtureFiles(sharedFixture());

/** Hostile snippets a mutation inserts. */
const INSERTS = [
  '"',
  '"\n',
  "\u0000",
  "\r",
  "\uFEFF",
  "[".repeat(5_000),
  '{"a":'.repeat(3_000),
  "9999-12-31T23:59:59Z",
  "\u001b]0;x\u0007",
  ",,,,,,,,",
].map((s) => Buffer.from(s, "utf8"));

type Mutation =
  | { op: "cut"; at: number }
  | { op: "flip"; at: number; byte: number }
  | { op: "insert"; at: number; what: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("cut" as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    op: fc.constant("flip" as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    byte: fc.constantFrom(0x00, 0x22, 0x0a, 0x7b, 0x80, 0xc3, 0xff),
  }),
  fc.record({
    op: fc.constant("insert" as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    what: fc.nat({ max: INSERTS.length - 1 }),
  }),
);

function mutate(b: Buffer, ms: readonly Mutation[]): Buffer {
  let out = Buffer.from(b);
  for (const m of ms) {
    const at = Math.floor(m.at * out.length);
    if (m.op === "cut") out = out.subarray(0, at);
    else if (m.op === "flip") {
      if (out.length > 0) out[Math.min(at, out.length - 1)] = m.byte;
    } else out = Buffer.concat([out.subarray(0, at), INSERTS[m.what] as Buffer, out.subarray(at)]);
  }
  return out;
}

/** A GlidepathError with a code of the table, and no "this is a bug"; anything else fails the test. */
function assertDocumented(e: unknown, what: string): void {
  if (!(e instanceof GlidepathError)) throw new Error(`${what}: undocumented failure: ${(e as Error)?.stack ?? e}`);
  assert.ok(e.code in ISSUE_CODES, `${what}: code ${e.code} is not in the table`);
  assert.doesNotMatch(e.message, /this is a bug/, what);
}

async function importInto(files: string[], strict: boolean) {
  const s = WorkspaceStore.open(ws);
  try {
    return await importBatch(s, files, { now: NOW, strict });
  } finally {
    await s.close();
  }
}

before(async () => {
  const f = join(tmp, "base.json");
  writeFileSync(
    f,
    JSON.stringify({
      value: [
        {
          id: "00000000-0000-4000-8000-000000000001",
          createdDateTime: "2026-11-20T10:00:00Z",
          userId: "user-1",
          userPrincipalName: "u1@contoso.example",
          appId: "00000002-0000-0ff1-ce00-000000000000",
          clientAppUsed: "Browser",
          status: { errorCode: 0 },
        },
      ],
    }),
  );
  const s = WorkspaceStore.open(ws, { create: true });
  await importBatch(s, [f], { now: NOW });
  await s.close();
});

describe("fuzz: mutated fixtures", () => {
  it(`finds ${FIXTURES.length} shared fixtures`, () => assert.ok(FIXTURES.length >= 100));

  it("import: a report or a documented error; a rejected import writes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...FIXTURES),
        fc.array(mutation, { minLength: 0, maxLength: 3 }),
        fc.boolean(),
        fc.boolean(),
        async (fixture, ms, gzip, strict) => {
          const bytes = mutate(readFileSync(fixture), ms);
          const f = join(tmp, `m${n++}${fixture.endsWith(".csv") ? ".csv" : ".json"}`);
          writeFileSync(f, gzip ? gzipSync(bytes) : bytes);
          const before0 = workspaceHash(ws);
          const what = `${fixture} ${JSON.stringify(ms)} gzip=${gzip} strict=${strict}`;
          let written = false;
          try {
            const r = await importInto([f], strict);
            for (const s of r.files) for (const i of s.errors) assert.ok(i.code in ISSUE_CODES, `${what}: ${i.code}`);
            written = r.snapshotId !== null && !r.unchanged;
            if (r.files.every((s) => s.status === "rejected" || s.status === "ignored")) {
              assert.equal(workspaceHash(ws), before0, `${what}: a rejected file changed the workspace`);
            }
          } catch (e) {
            assertDocumented(e, what);
            assert.equal(workspaceHash(ws), before0, `${what}: a failed import changed the workspace`);
          }
          if (!written)
            assert.equal(workspaceHash(ws), before0, `${what}: nothing imported, yet the workspace changed`);
          rmSync(f);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("the policy reader: policies or a documented error", async () => {
    await fc.assert(
      fc.property(fc.constantFrom(...FIXTURES), fc.array(mutation, { maxLength: 3 }), fc.boolean(), (fx, ms, gz) => {
        const bytes = mutate(readFileSync(fx), ms);
        const f = join(tmp, `p${n++}.json`);
        writeFileSync(f, gz ? gzipSync(bytes) : bytes);
        try {
          readPolicyFiles([f]);
        } catch (e) {
          assertDocumented(e, `${fx} ${JSON.stringify(ms)}`);
        }
        rmSync(f);
      }),
      { numRuns: 80 },
    );
  });
});

describe("the hostile shapes of issue #12, end to end", () => {
  const DOCUMENTED = new Set(Object.values(EXIT));
  const shapes: [string, () => string][] = [
    [
      "a folder with a FIFO and a link loop",
      () => {
        const d = join(tmp, `shape${n++}`);
        mkdirSync(d);
        writeFileSync(join(d, "p.json"), readFileSync(FIXTURES.find((f) => f.includes("ca-policies")) as string));
        execFileSync("mkfifo", [join(d, "fifo.json")]);
        symlinkSync(".", join(d, "loop"));
        return d;
      },
    ],
    ["JSON nested 20,000 deep", () => file("[".repeat(20_000) + "]".repeat(20_000))],
    ["a stray quote in a CSV", () => file('"Date (UTC)","Request ID"\n"2026-11-01T00:00:00Z,"x"\n"a","b"\n', "csv")],
    ["bad UTF-8", () => file(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]))],
    ["NUL bytes", () => file(Buffer.alloc(5000))],
    ["a corrupt gzip", () => file(gzipSync(Buffer.from("{}".repeat(1000))).subarray(0, 40))],
    ["an empty file", () => file("")],
    [
      "a tenant.json with capturedAt not a date",
      () => file('{"@odata.context":"x#glidepath.tenant","tenantId":"t","capturedAt":"not-a-date"}'),
    ],
  ];
  function file(content: string | Buffer, ext = "json"): string {
    const f = join(tmp, `shape${n++}.${ext}`);
    writeFileSync(f, content);
    return f;
  }
  for (const [name, make] of shapes) {
    it(`${name}: documented exits, no "this is a bug", nothing written when rejected`, async () => {
      const p = make();
      for (const args of [
        ["import", p, "--workspace", ws],
        ["import", p, "--workspace", ws, "--strict"],
        ["evaluate", "--policies", p, "--user", "adhoc-1", "--app", "exchangeOnline"],
        ["simulate", "--policy", p, "--workspace", ws],
      ]) {
        const before0 = workspaceHash(ws);
        const r = await runCli(args);
        assert.ok(DOCUMENTED.has(r.code), `${args.join(" ")}: exit ${r.code}`);
        assert.doesNotMatch(r.stderr + r.stdout, /this is a bug|unexpected failure/, `${args.join(" ")}`);
        if (args[0] !== "import" || r.code === EXIT.error || r.code === EXIT.refused) {
          assert.equal(workspaceHash(ws), before0, `${args.join(" ")} (exit ${r.code}) changed the workspace`);
        }
      }
    });
  }
});
