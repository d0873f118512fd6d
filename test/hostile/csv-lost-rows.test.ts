// A stray quote in one CSV field swallows the rows after it: the import counts every row lost and names
// the line range and the likely cause. Bad bytes are named by their exact byte offset and line.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { openText } from "../../src/adapters/import/decode.js";
import { csvCell, PORTAL_SIGNIN_HEADER } from "../../src/adapters/import/export.js";
import { importBatch } from "../../src/adapters/import/importer.js";
import { FileRejected } from "../../src/adapters/import/issues.js";
import { WorkspaceStore } from "../../src/adapters/store/index.js";

const NOW = "2026-11-22T00:00:00Z";
const tmp = mkdtempSync(join(tmpdir(), "gp-hostile-csv-"));
after(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

/** A portal sign-in CSV of `rows` rows (header on line 1, row i on line i + 2); `appName(i)` fills one column. */
function portalCsv(rows: number, appName: (i: number) => string = () => "Office"): string {
  const head = PORTAL_SIGNIN_HEADER.map(csvCell).join(",");
  const body = Array.from({ length: rows }, (_, i) => {
    const byName: Record<string, string> = {
      "Date (UTC)": `2026-11-10T10:${String(Math.floor(i / 60) % 60).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}Z`,
      "Request ID": `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      "User ID": `user-${i % 7}`,
      Username: `u${i % 7}@contoso.example`,
      "Application ID ": "00000002-0000-0ff1-ce00-000000000000",
      Application: "APP",
      Status: "Success",
      "Sign-in error code": "0",
      "Client app": "Browser",
    };
    const seen = new Set<string>();
    return PORTAL_SIGNIN_HEADER.map((h) => {
      if (seen.has(h)) return "";
      seen.add(h);
      return h === "Application" ? appName(i) : csvCell(byName[h] ?? "");
    }).join(",");
  });
  return `${[head, ...body].join("\r\n")}\r\n`;
}

async function importOne(content: string | Buffer) {
  const f = join(tmp, `f${n}.csv`);
  writeFileSync(f, content);
  const s = WorkspaceStore.open(join(tmp, `ws${n++}`), { create: true });
  try {
    return (await importBatch(s, [f], { now: NOW })).files[0];
  } finally {
    await s.close();
  }
}

describe("a stray quote in a CSV field", () => {
  it("counts the rows it swallowed and names the line range and the cause", async () => {
    // Row 9 (line 10) opens a quote; row 1009 (line 1010) holds the next quote, which closes it.
    const csv = portalCsv(2000, (i) => (i === 8 ? '"Office' : i === 1008 ? 'Office"' : "Office"));
    const s = await importOne(csv);
    assert.ok(s);
    assert.equal(s.imported + s.skipped, 2000, JSON.stringify({ ...s, errors: s.errors.slice(0, 3) }));
    assert.equal(s.skipped, 1001);
    assert.match(s.errors[0]?.message ?? "", /lines 10–1010 \(1001 lines\).*stray quote at line 10/);
    assert.equal(s.errors[0]?.line, 10);
  });

  it("a quote never closed: the unread lines are counted", async () => {
    const csv = portalCsv(50, (i) => (i === 39 ? '"Office' : "Office"));
    const s = await importOne(csv);
    assert.ok(s);
    assert.equal(s.status, "rejected");
    assert.equal(s.skipped, 50);
    assert.match(
      s.errors[0]?.message ?? "",
      /line 41: lines 41–51 \(11 lines\) are unread|lines 41–51 \(11 lines\) are unread/,
    );
  });
});

describe("bad bytes", () => {
  async function failure(bytes: Buffer): Promise<FileRejected> {
    const f = join(tmp, `b${n++}.csv`);
    writeFileSync(f, bytes);
    const d = await openText(f);
    try {
      for await (const _ of d.chunks) {
        // drain
      }
    } catch (e) {
      assert.ok(e instanceof FileRejected);
      return e;
    } finally {
      await d.close();
    }
    assert.fail("no error");
  }

  it("an invalid UTF-8 byte is named by its exact offset and line, across chunk boundaries", async () => {
    for (const at of [100, (1 << 20) - 1, (1 << 20) + 5, 3 * (1 << 20) + 17]) {
      const b = Buffer.alloc(at + 200, "a");
      for (let i = 79; i < b.length; i += 80) b[i] = 0x0a;
      b.write("é", at - 1, "utf8"); // a 2-byte character just before, so character and byte counts differ
      b[at + 1] = 0xff;
      const e = await failure(b);
      const line = b.subarray(0, at + 1).filter((x) => x === 0x0a).length + 1;
      assert.match(e.message, new RegExp(`byte ${at + 1} \\(0xff, counted from 0\\) on line ${line};`), e.message);
      assert.equal(e.line, line);
    }
  });

  it("a truncated multi-byte character at the end is named at its first byte", async () => {
    const b = Buffer.concat([Buffer.from("abc\ndef\n"), Buffer.from([0xe2, 0x82])]);
    const e = await failure(b);
    assert.match(e.message, /byte 8 \(0xe2, counted from 0\) on line 3/);
  });
});
