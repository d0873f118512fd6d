// Unit tests of the streaming layers: record splitting across every chunk boundary, CSV quoting,
// and decoding (BOMs, BOM-less UTF-16, gzip).

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { type CsvRow, CsvScanner, splitRow } from "./csv-stream.js";
import { openText } from "./decode.js";
import { FileRejected } from "./issues.js";
import { JsonRecordScanner, parseRecord, type RawRecord } from "./json-stream.js";

const tmp = mkdtempSync(join(tmpdir(), "gp-streams-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

function scanJson(text: string, chunk: number, mode: "array" | "sequence" = "array"): RawRecord[] {
  const start = mode === "array" ? text.indexOf("[") + 1 : 0;
  const sc = new JsonRecordScanner(mode, 1, start + 1);
  const out: RawRecord[] = [];
  for (let i = start; i < text.length; i += chunk) sc.push(text.slice(i, i + chunk), out);
  sc.finish(out);
  return out;
}

describe("JsonRecordScanner", () => {
  const records = [
    { id: "a", s: 'quote " and backslash \\ and \\" mix', n: [1, [2, { x: "]}" }]] },
    { id: "b\\", t: "{[", e: "" },
    { id: "c", u: "\u00e9\u4e2d\ud83d\ude00" },
  ];
  const text = `[\n  ${records.map((r) => JSON.stringify(r)).join(",\n  ")}\n]\n`;

  it("splits the same records at every chunk size, with their lines", () => {
    for (const chunk of [1, 2, 3, 7, 64, 100_000]) {
      const out = scanJson(text, chunk);
      assert.deepEqual(
        out.map((r) => JSON.parse(r.text)),
        records,
        `chunk ${chunk}`,
      );
      assert.deepEqual(
        out.map((r) => r.line),
        [2, 3, 4],
      );
    }
  });

  it("reads newline-delimited JSON", () => {
    const nd = records.map((r) => JSON.stringify(r)).join("\n");
    assert.deepEqual(
      scanJson(nd, 5, "sequence").map((r) => JSON.parse(r.text)),
      records,
    );
  });

  it("rejects truncation inside a record and an unclosed array, naming the line", () => {
    assert.throws(
      () => scanJson(text.slice(0, 40), 8),
      (e) => e instanceof FileRejected && e.code === "import.truncated" && e.line === 2,
    );
    assert.throws(
      () => scanJson(text.slice(0, text.lastIndexOf("]")), 8),
      (e) => e instanceof FileRejected && /before the records array is closed/.test(e.message),
    );
  });

  it("rejects a trailing comma and a missing comma", () => {
    assert.throws(() => scanJson('[{"a":1},\n]', 3), /trailing comma/);
    assert.throws(() => scanJson('[{"a":1} {"b":2}]', 3), /missing ','/);
  });

  it("locates a syntax error inside a record at its file line and column", () => {
    const out = scanJson('[\n{"a":1},\n{"b": nope}\n]', 4);
    const p = parseRecord(out[1] as RawRecord);
    assert.equal(p.ok, false);
    if (!p.ok) {
      assert.equal(p.line, 3);
      assert.ok(p.column >= 7 && p.column <= 8, `column ${p.column}`);
    }
  });
});

describe("CSV", () => {
  const csv = 'a,b,c\r\n1,"x, y","he said ""hi"""\r\n2,"multi\nline",3\n\n3,,\r\n4,"trailing ""quote"" end",z';
  const expected = [
    ["a", "b", "c"],
    ["1", "x, y", 'he said "hi"'],
    ["2", "multi\nline", "3"],
    ["3", "", ""],
    ["4", 'trailing "quote" end', "z"],
  ];

  it("parses quotes, doubled quotes, embedded newlines and CRLF at every chunk size", () => {
    for (const chunk of [1, 2, 5, 1000]) {
      const sc = new CsvScanner();
      const rows: CsvRow[] = [];
      for (let i = 0; i < csv.length; i += chunk) sc.push(csv.slice(i, i + chunk), rows);
      sc.finish(rows);
      assert.deepEqual(
        rows.map((r) => r.fields),
        expected,
        `chunk ${chunk}`,
      );
      assert.deepEqual(
        rows.map((r) => r.line),
        [1, 2, 3, 6, 7],
      );
    }
  });

  it("detects semicolon and tab delimiters", () => {
    const sc = new CsvScanner();
    const rows: CsvRow[] = [];
    sc.push("a;b\n1;2\n", rows);
    assert.deepEqual(rows[1]?.fields, ["1", "2"]);
    assert.deepEqual(splitRow("x\ty", "\t"), ["x", "y"]);
  });

  it("rejects an unterminated quote at the end", () => {
    const sc = new CsvScanner();
    const rows: CsvRow[] = [];
    sc.push('a,b\n1,"open\n', rows);
    assert.throws(
      () => sc.finish(rows),
      (e) => e instanceof FileRejected && e.code === "import.truncated",
    );
  });
});

describe("decoding", () => {
  const text = '{"displayName":"Zoë – 中文"}';
  async function read(bytes: Buffer): Promise<{ text: string; encoding: string; gzip: boolean }> {
    const p = join(tmp, `f-${Math.random()}`);
    writeFileSync(p, bytes);
    const d = await openText(p);
    let s = "";
    for await (const c of d.chunks) s += c;
    return { text: s, encoding: d.encoding, gzip: d.gzip };
  }
  const le = Buffer.from(text, "utf16le");
  const be = Buffer.from(le).swap16();

  it("reads UTF-8, UTF-8 BOM, UTF-16 LE/BE with BOM, BOM-less UTF-16 LE, and gzip", async () => {
    assert.equal((await read(Buffer.from(text))).text, text);
    assert.equal((await read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).text, text);
    const l = await read(Buffer.concat([Buffer.from([0xff, 0xfe]), le]));
    assert.deepEqual([l.text, l.encoding], [text, "utf-16le"]);
    const b = await read(Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    assert.deepEqual([b.text, b.encoding], [text, "utf-16be"]);
    assert.equal((await read(le)).text, text);
    const g = await read(gzipSync(Buffer.concat([Buffer.from([0xff, 0xfe]), le])));
    assert.deepEqual([g.text, g.gzip], [text, true]);
  });

  it("closes a partly read gzip of any size: close() settles and the whole file reads like the plain one", async () => {
    // 24 MiB decompressed, little entropy so the gzip is small: zlib's buffers fill long before the end.
    const line = `${JSON.stringify({ id: "x".repeat(100), n: 1 })}\n`;
    const plain = Buffer.from(line.repeat(Math.ceil((24 << 20) / line.length)));
    const p = join(tmp, "big.json.gz");
    writeFileSync(p, gzipSync(plain));
    const d = await openText(p);
    const first = await d.chunks[Symbol.asyncIterator]().next();
    assert.equal(first.done, false);
    // Before the fix this promise never settled and Node exited 13 with nothing printed.
    await d.close();
    const whole = await openText(p);
    let n = 0;
    for await (const c of whole.chunks) n += Buffer.byteLength(c);
    assert.equal(n, plain.length);
  });

  it("rejects invalid UTF-8, binary data and corrupt gzip with a typed error", async () => {
    await assert.rejects(
      read(Buffer.from([0x7b, 0xc3, 0x28, 0x7d])),
      (e) => e instanceof FileRejected && e.code === "import.encoding",
    );
    await assert.rejects(
      read(Buffer.from([0x01, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x09])),
      (e) => e instanceof FileRejected,
    );
    const gz = gzipSync(Buffer.from(text.repeat(1000)));
    await assert.rejects(
      read(gz.subarray(0, gz.length / 2)),
      (e) => e instanceof FileRejected && e.code === "import.gzip",
    );
  });
});
