// Byte-level input: gzip detection, BOM sniffing (UTF-8, UTF-16 LE/BE), strict decoding to text chunks.
// Streams with bounded memory; every failure becomes a FileRejected with a precise reason.

import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";
import { FileRejected } from "./issues.js";

export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be";

export interface DecodedInput {
  readonly encoding: TextEncodingName;
  readonly bom: boolean;
  readonly gzip: boolean;
  /** Text chunks in order; throws FileRejected on invalid bytes or a corrupt gzip stream. */
  readonly chunks: AsyncIterable<string>;
  /** Bytes read from disk so far (compressed bytes for gzip), for progress. */
  bytesRead(): number;
  /** Stop reading and release the file (after a rejection part-way). */
  close(): Promise<void>;
}

const CHUNK = 1 << 20;

async function* bytesOf(path: string, counter: { n: number }): AsyncGenerator<Buffer> {
  const stream = createReadStream(path, { highWaterMark: CHUNK });
  try {
    for await (const b of stream) {
      counter.n += (b as Buffer).length;
      yield b as Buffer;
    }
  } catch (e) {
    throw new FileRejected("import.read", `cannot read the file: ${(e as Error).message}`);
  } finally {
    stream.destroy();
  }
}

async function* gunzip(src: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const z = createGunzip({ chunkSize: CHUNK });
  // INVARIANT: the feed settles whether the reader drains the stream or stops early. A destroyed gzip
  // stream never emits 'drain', so waiting on 'drain' alone left the feed (and the import) pending
  // forever once zlib's buffers were full: Node then exited 13 with nothing printed.
  const writable = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        z.off("drain", done);
        z.off("close", done);
        resolve();
      };
      z.once("drain", done);
      z.once("close", done);
    });
  const feed = (async () => {
    try {
      for await (const b of src) {
        if (z.destroyed) break;
        if (!z.write(b)) await writable();
      }
      if (!z.destroyed) z.end();
    } catch (e) {
      z.destroy(e as Error);
    }
  })();
  try {
    for await (const b of z) yield b as Buffer;
  } catch (e) {
    if (e instanceof FileRejected) throw e;
    throw new FileRejected("import.gzip", `the gzip data is corrupt or truncated (${(e as Error).message})`);
  } finally {
    z.destroy();
    await feed.catch(() => {});
  }
}

/** Guess the encoding of BOM-less bytes: UTF-16 shows as NUL every other byte in mostly-ASCII text. */
function sniff(b: Buffer): TextEncodingName {
  const n = Math.min(b.length, 4096);
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i++) {
    if (b[i] === 0) {
      if (i % 2 === 0) evenNul++;
      else oddNul++;
    }
  }
  const half = n / 2;
  if (oddNul > half * 0.4 && evenNul < half * 0.05) return "utf-16le";
  if (evenNul > half * 0.4 && oddNul < half * 0.05) return "utf-16be";
  if (evenNul + oddNul > 0) {
    throw new FileRejected("import.binary", "the file holds binary data (NUL bytes), not a text export");
  }
  return "utf-8";
}

/**
 * Offset of the first byte of `b` (which starts on a character boundary) that is not valid `enc`; an
 * incomplete character at the end counts as invalid only when `last`.
 */
function firstInvalid(b: Buffer, enc: TextEncodingName, last: boolean): number {
  if (enc !== "utf-8") {
    const u = (i: number) =>
      enc === "utf-16le" ? (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8) : ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
    let i = 0;
    for (; i + 1 < b.length; i += 2) {
      const c = u(i);
      if (c >= 0xdc00 && c <= 0xdfff) return i;
      if (c >= 0xd800 && c <= 0xdbff) {
        if (i + 3 >= b.length) return last ? i : b.length;
        const d = u(i + 2);
        if (d < 0xdc00 || d > 0xdfff) return i;
        i += 2;
      }
    }
    return i < b.length && last ? i : b.length;
  }
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    // The second byte's range excludes overlong forms, surrogates and code points above U+10FFFF.
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= n; k++) {
      if (i + k >= b.length) return last ? i : b.length;
      const x = b[i + k] as number;
      if (k === 1 ? x < lo || x > hi : x < 0x80 || x > 0xbf) return i;
    }
    i += n + 1;
  }
  return b.length;
}

/** Open `path` for text reading: transparently gunzips, honours a BOM, guesses BOM-less UTF-16. */
export async function openText(path: string): Promise<DecodedInput> {
  const counter = { n: 0 };
  const raw = bytesOf(path, counter)[Symbol.asyncIterator]();
  const first = await raw.next();
  let head: Buffer = first.done ? Buffer.alloc(0) : first.value;
  const rest: AsyncIterable<Buffer> = { [Symbol.asyncIterator]: () => raw };
  const isGzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  let body: AsyncIterator<Buffer>;
  if (isGzip) {
    async function* all(): AsyncGenerator<Buffer> {
      yield head;
      yield* rest;
    }
    body = gunzip(all())[Symbol.asyncIterator]();
    const f = await body.next();
    head = f.done ? Buffer.alloc(0) : f.value;
  } else {
    body = raw;
  }
  // Make sure the head is long enough to see a BOM and sniff.
  while (head.length < 4096) {
    const n = await body.next();
    if (n.done) break;
    head = Buffer.concat([head, n.value]);
  }
  let encoding: TextEncodingName;
  let bom = true;
  let skip = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    encoding = "utf-8";
    skip = 3;
  } else if (head[0] === 0xff && head[1] === 0xfe) {
    encoding = "utf-16le";
    skip = 2;
  } else if (head[0] === 0xfe && head[1] === 0xff) {
    encoding = "utf-16be";
    skip = 2;
  } else {
    bom = false;
    encoding = sniff(head);
  }
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  const first0 = head.subarray(skip);
  // Where the decoder stands, for exact error positions: bytes fed, bytes turned into text so far (the
  // rest, at most 3, wait in the decoder for the next chunk), and the line breaks of that text.
  let fed = 0;
  let textBytes = 0;
  let newlines = 0;
  let pending: Buffer = Buffer.alloc(0);
  const width = (t: string) => (encoding === "utf-8" ? Buffer.byteLength(t, "utf8") : t.length * 2);
  const countNl = (t: string) => {
    let n = 0;
    for (let i = t.indexOf("\n"); i >= 0; i = t.indexOf("\n", i + 1)) n++;
    return n;
  };
  async function* chunks(): AsyncGenerator<string> {
    const decode = (b: Buffer, last: boolean): string => {
      let s: string;
      try {
        s = decoder.decode(b, { stream: !last });
      } catch {
        // Re-read from the last character boundary to find the first bad byte and the line it is on.
        const data = Buffer.concat([pending, b]);
        const bad = firstInvalid(data, encoding, last);
        const good = data.subarray(0, bad).toString(encoding === "utf-8" ? "utf8" : "utf16le");
        const at = skip + textBytes + bad;
        throw new FileRejected(
          "import.encoding",
          `the bytes are not valid ${encoding.toUpperCase()}${bom ? ` although the file starts with a ${encoding.toUpperCase()} byte-order mark` : ""}: byte ${at} (0x${(data[bad] ?? 0).toString(16).padStart(2, "0")}, counted from 0${skip ? " including the byte-order mark" : ""}${isGzip ? " in the decompressed data" : ""}) on line ${newlines + countNl(good) + 1}; save the export as UTF-8 or UTF-16 and retry`,
          newlines + countNl(good) + 1,
        );
      }
      fed += b.length;
      const nul = s.indexOf("\u0000");
      if (nul >= 0) {
        const before = s.slice(0, nul);
        throw new FileRejected(
          "import.encoding",
          `the text holds NUL characters (first at byte ${skip + textBytes + width(before)}, line ${newlines + countNl(before) + 1}): the file is not ${encoding.toUpperCase()}${bom ? " although its byte-order mark says so" : ""} (UTF-16 saved with a wrong or missing byte-order mark?)`,
          newlines + countNl(before) + 1,
        );
      }
      textBytes += width(s);
      newlines += countNl(s);
      const waiting = fed - textBytes;
      pending = waiting === 0 ? Buffer.alloc(0) : Buffer.concat([pending, b]).subarray(-waiting);
      return s;
    };
    if (first0.length > 0) {
      const s = decode(first0, false);
      if (s) yield s;
    }
    for (;;) {
      const n = await body.next();
      if (n.done) break;
      const s = decode(n.value, false);
      if (s) yield s;
    }
    const tail = decode(Buffer.alloc(0), true);
    if (tail) yield tail;
  }
  const gen = chunks();
  return {
    encoding,
    bom,
    gzip: isGzip,
    chunks: gen,
    bytesRead: () => counter.n,
    close: async () => {
      await gen.return(undefined).catch(() => {});
      await body.return?.(undefined)?.catch?.(() => {});
      await raw.return?.(undefined)?.catch?.(() => {});
    },
  };
}
