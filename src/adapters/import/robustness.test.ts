// Fuzz and transaction tests: truncated files, random bytes, a 100 MB single line, wrong encoding
// declarations, CSV rows with extra or missing columns. Every case ends in a typed outcome (a report or a
// GlidepathError), never a crash, and a rejected file or a --strict failure writes nothing.

import assert from "node:assert/strict";
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import "../../../test/fast-check-seed.js";
import { GlidepathError } from "../../core/model/index.js";
import { WorkspaceStore } from "../store/index.js";
import { csvCell, PORTAL_SIGNIN_HEADER } from "./export.js";
import { importBatch } from "./importer.js";

const NOW = "2026-11-22T00:00:00Z";
const tmp = mkdtempSync(join(tmpdir(), "gp-robust-"));
const ws = join(tmp, "ws");
let n = 0;
const path = (ext: string) => join(tmp, `f${n++}.${ext}`);

function signIn(i: number, day = 10): Record<string, unknown> {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    createdDateTime: `2026-11-${String(day).padStart(2, "0")}T10:00:${String(i % 60).padStart(2, "0")}Z`,
    userId: `user-${i % 7}`,
    userPrincipalName: `u${i % 7}@contoso.example`,
    appId: "00000002-0000-0ff1-ce00-000000000000",
    clientAppUsed: i % 5 === 0 ? "IMAP4" : "Browser",
    status: { errorCode: i % 4 === 0 ? 50074 : 0 },
    deviceDetail: { operatingSystem: "Windows10", browser: "Edge 120" },
    location: { city: "Oslo", countryOrRegion: "NO" },
  };
}

function portalCsv(
  rows: readonly Record<string, unknown>[],
  mutate?: (cells: string[], i: number) => string[],
): string {
  const head = PORTAL_SIGNIN_HEADER.map(csvCell).join(",");
  const body = rows.map((s, i) => {
    const byName: Record<string, unknown> = {
      "Date (UTC)": s.createdDateTime,
      "Request ID": s.id,
      "User ID": s.userId,
      Username: s.userPrincipalName,
      "Application ID ": s.appId,
      Status: "Success",
      "Sign-in error code": (s.status as { errorCode: number }).errorCode,
      "Client app": s.clientAppUsed,
      Location: "Oslo, , NO",
    };
    const seen = new Set<string>();
    const cells = PORTAL_SIGNIN_HEADER.map((h) => {
      if (seen.has(h)) return "";
      seen.add(h);
      return csvCell(byName[h]);
    });
    return (mutate ? mutate(cells, i) : cells).join(",");
  });
  return `\uFEFF${[head, ...body].join("\r\n")}\r\n`;
}

/** Everything a user could observe of a workspace. */
async function fingerprint(): Promise<string> {
  const s = WorkspaceStore.open(ws);
  try {
    const snaps = await s.listSnapshots();
    const snap = await s.loadSnapshot();
    const journal = await s.journal();
    return JSON.stringify({ snaps, snap, journal: journal.length });
  } finally {
    await s.close();
  }
}

async function run(files: string[], strict = false, smallChars?: number) {
  const s = WorkspaceStore.open(ws);
  try {
    return await importBatch(s, files, { now: NOW, strict, smallChars });
  } finally {
    await s.close();
  }
}

before(async () => {
  // A workspace with a tenant already in it: every failure below must leave it exactly as it is.
  const f = path("json");
  writeFileSync(f, JSON.stringify({ value: Array.from({ length: 20 }, (_, i) => signIn(i)) }));
  const p = path("json");
  writeFileSync(
    p,
    JSON.stringify({ displayName: "Require MFA", state: "enabled", conditions: { users: { includeUsers: ["All"] } } }),
  );
  const s = WorkspaceStore.open(ws, { create: true });
  await importBatch(s, [f, p], { now: NOW });
  await s.close();
});
after(() => rmSync(tmp, { recursive: true, force: true }));

describe("fuzz: never a crash, never a partial write", () => {
  it("truncated JSON, at any offset, is rejected as a whole", async () => {
    const full = JSON.stringify(
      Array.from({ length: 30 }, (_, i) => signIn(100 + i)),
      null,
      1,
    );
    const before0 = await fingerprint();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: full.length - 2 }), fc.boolean(), async (cut, stream) => {
        const f = path("json");
        writeFileSync(f, full.slice(0, cut));
        const r = await run([f], false, stream ? 64 : undefined);
        const s = r.files[0];
        assert.ok(s && s.status === "rejected" && s.imported === 0, `cut ${cut}: ${s?.status}`);
        assert.ok(s.errors[0]?.line, "the reason names a line");
        assert.equal(await fingerprint(), before0);
      }),
      { numRuns: 25 },
    );
  });

  it("truncated CSV imports the complete rows (non-strict) or nothing (--strict)", async () => {
    const rows = Array.from({ length: 12 }, (_, i) => signIn(200 + i));
    const full = portalCsv(rows);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: full.length - 1 }), async (cut) => {
        const f = path("csv");
        writeFileSync(f, full.slice(0, cut));
        const before1 = await fingerprint();
        let strictFailed = false;
        try {
          await run([f], true);
        } catch (e) {
          assert.ok(e instanceof GlidepathError && e.code === "import.strict", String(e));
          strictFailed = true;
          assert.equal(await fingerprint(), before1, "--strict failure wrote something");
        }
        if (!strictFailed) return;
        const r = await run([f]);
        const s = r.files[0];
        assert.ok(s);
        const st = WorkspaceStore.open(ws);
        const count = [...st.iterateSignIns()].filter((x) => x.signIn.id.includes("0000002")).length;
        await st.close();
        assert.ok(count >= s.imported + s.duplicates - 0, "rows reported imported are in the workspace");
      }),
      { numRuns: 20 },
    );
  });

  it("deeply nested JSON rejects that file alone with file:line, in a page, a policy and NDJSON", async () => {
    const deep = (n: number) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;
    const users = path("json");
    writeFileSync(users, JSON.stringify({ value: [signIn(950)] }));
    const cases = [
      `{"value":[${JSON.stringify(signIn(900))},\n${JSON.stringify({ ...signIn(901), x: 0 }).replace("0}", `${deep(3000)}}`)}]}`,
      `{"displayName":"p","state":"enabled","conditions":${deep(3000)}}`,
      `${JSON.stringify(signIn(902))}\n{"id":"x","y":${deep(20000)}}\n`,
    ];
    for (const text of cases) {
      const bad = path("json");
      writeFileSync(bad, text);
      const r = await run([users, bad]);
      const rejected = r.files.find((f) => f.path === bad);
      assert.equal(rejected?.status, "rejected", text.slice(0, 60));
      assert.equal(rejected?.errors[0]?.code, "import.json-depth");
      assert.ok((rejected?.errors[0]?.line ?? 0) >= 1);
      assert.equal(r.files.find((f) => f.path === users)?.status, "imported", "the valid file beside it is kept");
    }
  });

  it("random bytes are rejected with a typed reason and write nothing", async () => {
    const before2 = await fingerprint();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 3000 }), async (bytes) => {
        const f = path("bin");
        writeFileSync(f, bytes);
        const r = await run([f]);
        const s = r.files[0];
        assert.ok(s && s.imported === 0 && s.errors.length > 0 && s.errors[0]?.code.startsWith("import."));
      }),
      { numRuns: 60 },
    );
    assert.equal(await fingerprint(), before2);
  });

  it("a 100 MB single line is refused after 16 MiB, without reading it all into memory", async () => {
    const chunk = Buffer.alloc(1 << 20, "a");
    const files: string[] = [];
    for (const [prefix, ext] of [
      ["", "csv"],
      ['a,"', "csv"],
      ['[{"id":"', "json"],
    ] as const) {
      const f = path(ext);
      const fd = openSync(f, "w");
      writeSync(fd, prefix);
      for (let i = 0; i < 100; i++) writeSync(fd, chunk);
      closeSync(fd);
      files.push(f);
    }
    const before3 = await fingerprint();
    const r = await run(files);
    for (const s of r.files) {
      assert.equal(s.status, "rejected");
      assert.ok(/record-too-large|unknown-shape/.test(s.errors[0]?.code ?? ""), `${s.path}: ${s.errors[0]?.code}`);
      // The splitters give up as soon as one unfinished record passes 16 MiB, so no more than that is ever
      // buffered (deterministic; peak memory itself is measured by bench/import.bench.ts, not asserted here,
      // because RSS depends on when the garbage collector runs).
      if (s.errors[0]?.code === "import.record-too-large") assert.match(s.errors[0]?.message ?? "", /16 MiB/);
    }
    assert.equal(await fingerprint(), before3);
    for (const f of files) rmSync(f);
  });

  it("a single-line JSON array streams record by record", async () => {
    const f = path("json");
    writeFileSync(f, JSON.stringify(Array.from({ length: 300 }, (_, i) => signIn(1000 + i))));
    const r = await run([f], false, 4096);
    assert.deepEqual([r.files[0]?.status, r.files[0]?.imported], ["imported", 300]);
  });

  it("wrong encoding declarations are rejected, naming the problem", async () => {
    const json = JSON.stringify([signIn(5000)]);
    const cases = [
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, "utf8")]), // UTF-16 BOM on UTF-8 text
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json, "utf16le")]), // UTF-8 BOM on UTF-16 text
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(json, "utf16le"), Buffer.from([0x41])]), // odd byte count
    ];
    const before4 = await fingerprint();
    for (const c of cases) {
      const f = path("json");
      writeFileSync(f, c);
      const r = await run([f]);
      assert.equal(r.files[0]?.status, "rejected", String(r.files[0]?.errors[0]?.message));
      assert.ok(r.files[0]?.errors[0]?.message);
    }
    assert.equal(await fingerprint(), before4);
  });

  it("CSV rows with extra or missing columns are skipped with their line; --strict stops at the first", async () => {
    const rows = Array.from({ length: 5 }, (_, i) => signIn(6000 + i));
    const f = path("csv");
    writeFileSync(
      f,
      portalCsv(rows, (cells, i) => (i === 1 ? [...cells, "extra"] : i === 3 ? cells.slice(0, 10) : cells)),
    );
    const before5 = await fingerprint();
    await assert.rejects(
      run([f], true),
      (e) => e instanceof GlidepathError && /:3: the row has 58 fields, the header 57/.test(e.message),
    );
    assert.equal(await fingerprint(), before5);
    const r = await run([f]);
    const s = r.files[0];
    assert.deepEqual([s?.imported, s?.skipped, s?.status], [3, 2, "partial"]);
    assert.deepEqual(
      s?.errors.map((e) => e.line),
      [3, 5],
    );
    const g = path("csv");
    writeFileSync(g, "Date (UTC),Request ID,User ID\r\n2026-11-01T00:00:00Z,x,y\r\n");
    const rg = await run([g]);
    assert.equal(rg.files[0]?.status, "rejected");
    assert.match(rg.files[0]?.errors[0]?.message ?? "", /lacks the columns 'Application ID', 'Sign-in error code'/);
  });
});

describe("records from the future", () => {
  it("a sign-in dated 9999-12-31 is refused with its file:line and moves no window, capture time or retention", async () => {
    const dir = mkdtempSync(join(tmp, "future-"));
    const wsF = join(dir, "ws");
    const good = Array.from({ length: 12 }, (_, i) => signIn(3000 + i, 10 + (i % 10)));
    const future = { ...signIn(3100, 11), createdDateTime: "9999-12-31T23:59:59Z" };
    const f = join(dir, "s.json");
    writeFileSync(
      f,
      `{"value":[\n${[...good.slice(0, 6), future, ...good.slice(6)].map((s) => JSON.stringify(s)).join(",\n")}\n]}`,
    );
    const s = WorkspaceStore.open(wsF, { create: true });
    try {
      const r = await importBatch(s, [f], { now: NOW });
      const file = r.files[0];
      assert.equal(file?.imported, 12);
      assert.deepEqual(
        file?.errors.map((e) => [e.code, e.line]),
        [["import.future-time", 8]],
      );
      assert.equal(
        s.newestSignInTime(),
        good
          .map((g) => g.createdDateTime as string)
          .sort()
          .at(-1),
      );
      const snap = await s.loadSnapshot(undefined, { signIns: "none", patterns: "none" });
      assert.ok(snap.meta.capturedAt <= NOW, snap.meta.capturedAt);
    } finally {
      await s.close();
    }
  });

  it("a record within the clock skew is kept; an audit from the future is refused too", async () => {
    const dir = mkdtempSync(join(tmp, "skew-"));
    const f = join(dir, "s.json");
    const soon = new Date(Date.parse(NOW) + 5 * 60_000).toISOString();
    writeFileSync(f, JSON.stringify({ value: [{ ...signIn(3200), createdDateTime: soon }] }));
    const a = join(dir, "audits.json");
    writeFileSync(
      a,
      JSON.stringify({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#auditLogs/directoryAudits",
        value: [
          {
            id: "audit-1",
            activityDateTime: "2999-01-01T00:00:00Z",
            activityDisplayName: "x",
            category: "UserManagement",
            result: "success",
          },
        ],
      }),
    );
    const s = WorkspaceStore.open(join(dir, "ws"), { create: true });
    try {
      const r = await importBatch(s, [f, a], { now: NOW });
      assert.equal(r.files[0]?.imported, 1);
      assert.equal(r.files[1]?.errors[0]?.code, "import.future-time");
    } finally {
      await s.close();
    }
  });
});

describe("one transaction", () => {
  it("--strict: one bad record in a batch writes nothing, and names file:line", async () => {
    const good = path("json");
    writeFileSync(good, JSON.stringify(Array.from({ length: 5 }, (_, i) => signIn(7000 + i))));
    const bad = path("json");
    writeFileSync(bad, `[\n${JSON.stringify(signIn(7100))},\n${JSON.stringify({ ...signIn(7101), status: {} })}\n]`);
    const before6 = await fingerprint();
    await assert.rejects(
      run([good, bad], true),
      (e) => e instanceof GlidepathError && e.code === "import.strict" && e.message.includes(`${bad}:3:1`),
    );
    assert.equal(await fingerprint(), before6);
  });

  it("re-importing the same file changes nothing (sign-ins deduplicated by id)", async () => {
    const f = path("json");
    writeFileSync(f, JSON.stringify(Array.from({ length: 8 }, (_, i) => signIn(8000 + i, 12))));
    const first = await run([f]);
    assert.equal(first.signIns.inserted, 8);
    const after1 = await fingerprint();
    const again = await run([f]);
    assert.deepEqual([again.signIns.inserted, again.signIns.duplicates, again.unchanged], [0, 8, true]);
    assert.equal(await fingerprint(), after1);
  });
});
