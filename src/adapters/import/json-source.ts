// JSON inputs → groups of raw records with their file positions: a single object, {"value": [...]} pages,
// bare arrays, newline-delimited JSON, and records under wrapper keys (a tool's PolicyConfig, a tenant
// export's conditional_access_policies). Files up to SMALL_CHARS are parsed whole (any shape); larger
// ones are streamed record by record (top-level array, an array under a wrapper key, or NDJSON).

import { excessiveNesting } from "../formats/json-depth.js";
import { isObj, normalizeKeys } from "../graph/to-model/index.js";
import { FileIgnored, FileRejected } from "./issues.js";
import {
  JsonRecordScanner,
  locateJsonError,
  nestingTooDeep,
  offsetToLineCol,
  parseRecord,
  type RawRecord,
  shortJsonMessage,
} from "./json-stream.js";
import { type ImportKind, kindFromContext, kindOfRecord, wrapperKind } from "./kinds.js";

/** Files whose text is at most this long are parsed whole; longer ones stream. */
export const SMALL_CHARS = 8 * 1024 * 1024;

export interface JsonRecord {
  /** Parsed value, or the parse failure of this record. */
  readonly value?: unknown;
  readonly error?: { message: string; line: number; column: number };
  readonly line: number;
  readonly column: number;
}

export interface JsonGroup {
  /** Kind named by the wrapper (key or @odata.context), when it names one. */
  readonly hint: ImportKind | null;
  /** The wrapper's `@odata.context` (per-user method lists carry the user id there). */
  readonly context: string | null;
  /** Where the records came from, for messages: `value`, `conditional_access_policies`, `(top level)`. */
  readonly source: string;
  /** Record batches, in file order. */
  readonly batches: AsyncIterable<JsonRecord[]>;
}

export type JsonFormat = "json" | "ndjson";

function wsSkip(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    i++;
  }
  return i;
}

/** Index of the value of top-level key `key` in a JSON object text (depth 1), or -1. */
export function findTopLevelValue(text: string, key: string): number {
  let depth = 0;
  let i = 0;
  let lastKey: string | null = null;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) return -1;
        let k = q - 1;
        while (text.charCodeAt(k) === 92) k--;
        if ((q - 1 - k) % 2 === 0) {
          j = q;
          break;
        }
        j = q + 1;
      }
      if (depth === 1) {
        const after = wsSkip(text, j + 1);
        if (text.charCodeAt(after) === 58) {
          lastKey = text.slice(i + 1, j);
          const v = wsSkip(text, after + 1);
          if (lastKey === key) return v;
          i = v;
          continue;
        }
      }
      i = j + 1;
      continue;
    }
    if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) depth--;
    i++;
  }
  return -1;
}

function lineColAt(text: string, pos: number): { line: number; column: number } {
  return offsetToLineCol(text, pos, 1, 1);
}

function arrayRecords(text: string, openIdx: number): RawRecord[] {
  const { line, column } = lineColAt(text, openIdx + 1);
  const sc = new JsonRecordScanner("array", line, column);
  const out: RawRecord[] = [];
  sc.push(text.slice(openIdx + 1), out);
  return out;
}

async function* once<T>(v: T): AsyncGenerator<T> {
  yield v;
}

function fromValues(values: readonly unknown[], positions: readonly RawRecord[] | null): JsonRecord[] {
  return values.map((v, i) => ({ value: v, line: positions?.[i]?.line ?? 1, column: positions?.[i]?.column ?? 1 }));
}

function contextOf(o: Record<string, unknown>): string | null {
  const c = o["@odata.context"];
  return typeof c === "string" ? c : null;
}

/** Groups of a whole (small) document already in memory. */
export function smallJson(text: string): { format: JsonFormat; groups: JsonGroup[] } {
  const deep = excessiveNesting(text);
  if (deep) throw nestingTooDeep(deep.line, deep.column);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    // Newline-delimited JSON: several top-level values.
    const seq = new JsonRecordScanner("sequence", 1, 1);
    const recs: RawRecord[] = [];
    let seqOk = true;
    try {
      seq.push(text, recs);
      seq.finish(recs);
    } catch {
      seqOk = false;
    }
    // Newline-delimited only when the first value stands alone on its line(s) and parses.
    if (seqOk && recs.length >= 2 && parseRecord(recs[0] as RawRecord).ok) {
      const batch = recs.map((r): JsonRecord => {
        const p = parseRecord(r);
        return p.ok ? { value: p.value, line: r.line, column: r.column } : { error: p, line: p.line, column: p.column };
      });
      return { format: "ndjson", groups: [{ hint: null, context: null, source: "(lines)", batches: once(batch) }] };
    }
    const msg = (e as Error).message;
    const { line, column } = lineColAt(text, locateJsonError(text, msg));
    throw new FileRejected("import.json-syntax", `not valid JSON: ${shortJsonMessage(msg)}`, line, column);
  }
  const first = wsSkip(text, 0);
  if (Array.isArray(doc)) {
    return {
      format: "json",
      groups: [
        {
          hint: null,
          context: null,
          source: "(top-level array)",
          batches: once(fromValues(doc, arrayRecords(text, first))),
        },
      ],
    };
  }
  if (!isObj(doc)) {
    throw new FileRejected(
      "import.unknown-shape",
      `the JSON holds a ${doc === null ? "null" : typeof doc}, not records`,
      1,
      1,
    );
  }
  const ctx = contextOf(doc);
  const ctxKind = kindFromContext(ctx);
  const value = doc.value ?? doc.Value;
  if (Array.isArray(value)) {
    const idx = findTopLevelValue(text, doc.value !== undefined ? "value" : "Value");
    return {
      format: "json",
      groups: [
        {
          hint: ctxKind,
          context: ctx,
          source: "value",
          batches: once(fromValues(value, idx >= 0 ? arrayRecords(text, idx) : null)),
        },
      ],
    };
  }
  const self = kindOfRecord(normalizeKeys(doc) as Record<string, unknown>);
  if (self || ctxKind) {
    return {
      format: "json",
      groups: [{ hint: ctxKind, context: ctx, source: "(single object)", batches: once(fromValues([doc], null)) }],
    };
  }
  if (doc.generator === "glidepath simulator" || (Array.isArray(doc.emergencyAccountIds) && "seed" in doc)) {
    const tenant =
      typeof doc.tenantId === "string" && typeof doc.tenant === "string"
        ? { tenantId: doc.tenantId, tenantDisplayName: doc.tenant }
        : undefined;
    throw new FileIgnored(
      doc.generator
        ? "the simulator's manifest (not tenant data; names the tenant)"
        : "the simulator's ground truth (not tenant data)",
      tenant,
    );
  }
  const groups: JsonGroup[] = [];
  const keys = Object.keys(doc);
  const candidates = keys.filter((k) => wrapperKind(k) !== null);
  if (candidates.length === 0) {
    const arrays = keys.filter((k) => {
      const v = doc[k];
      return Array.isArray(v) && v.length > 0 && v.every(isObj);
    });
    if (arrays.length === 1) candidates.push(arrays[0] as string);
  }
  for (const k of candidates) {
    const v = doc[k];
    const wk = wrapperKind(k);
    const hint = wk && wk !== "auto" ? wk : null;
    const idx = findTopLevelValue(text, k);
    if (Array.isArray(v)) {
      groups.push({
        hint,
        context: ctx,
        source: k,
        batches: once(fromValues(v, idx >= 0 && text[idx] === "[" ? arrayRecords(text, idx) : null)),
      });
    } else if (isObj(v)) {
      const pos = idx >= 0 ? lineColAt(text, idx) : { line: 1, column: 1 };
      groups.push({ hint, context: ctx, source: k, batches: once([{ value: v, ...pos }]) });
    }
  }
  if (groups.length === 0) {
    const shown = keys.slice(0, 8).join(", ") + (keys.length > 8 ? ", ..." : "");
    throw new FileRejected(
      "import.unknown-shape",
      `a JSON object that is not a record Glidepath imports and holds no records under a known key (keys: ${shown})`,
      1,
      1,
    );
  }
  return { format: "json", groups };
}

/**
 * Groups of a large document, streamed: `prefix` is the text read so far (≥ SMALL_CHARS), `rest` the
 * remaining chunks. Supports a top-level array, an array under a top-level key (`value` first), and NDJSON.
 */
export function largeJson(prefix: string, rest: AsyncIterator<string>): { format: JsonFormat; groups: JsonGroup[] } {
  const first = wsSkip(prefix, 0);
  const c = prefix[first];
  let scanner: JsonRecordScanner;
  let startText: string;
  let head = "";
  let format: JsonFormat = "json";
  let source = "(top-level array)";
  if (c === "[") {
    const { line, column } = lineColAt(prefix, first + 1);
    scanner = new JsonRecordScanner("array", line, column);
    startText = prefix.slice(first + 1);
  } else {
    // NDJSON when the first value ends on its own line and another value follows.
    const probe = new JsonRecordScanner("sequence", 1, 1);
    const recs: RawRecord[] = [];
    let seq = false;
    try {
      probe.push(prefix.slice(0, Math.min(prefix.length, 4 * 1024 * 1024)), recs);
      seq =
        recs.length >= 2 ||
        (recs.length === 1 && /^\s*\n\s*\{/.test(prefix.slice(first + (recs[0]?.text.length ?? 0))));
    } catch {
      seq = false;
    }
    if (seq) {
      scanner = new JsonRecordScanner("sequence", 1, 1);
      startText = prefix;
      format = "ndjson";
      source = "(lines)";
    } else {
      let idx = findTopLevelValue(prefix, "value");
      source = "value";
      if (idx < 0 || prefix[idx] !== "[") {
        idx = findFirstArrayValue(prefix);
        source = idx >= 0 ? (keyBefore(prefix, idx) ?? "(array)") : "";
      }
      if (idx < 0) {
        throw new FileRejected(
          "import.unknown-shape",
          `a JSON object over ${SMALL_CHARS / 2 ** 20} MiB whose records array does not start in its first ${SMALL_CHARS / 2 ** 20} MiB; Glidepath streams a top-level array, an array under "value", or newline-delimited JSON`,
          1,
          1,
        );
      }
      head = prefix.slice(0, idx + 1);
      const { line, column } = lineColAt(prefix, idx + 1);
      scanner = new JsonRecordScanner("array", line, column);
      startText = prefix.slice(idx + 1);
    }
  }
  const ctxMatch = /"@odata\.context"\s*:\s*"([^"]*)"/.exec(head);
  const context = ctxMatch?.[1] ?? null;
  const sc = scanner;
  async function* batches(): AsyncGenerator<JsonRecord[]> {
    const raw: RawRecord[] = [];
    const toBatch = (): JsonRecord[] => {
      const b = raw.map((r): JsonRecord => {
        const p = parseRecord(r);
        return p.ok ? { value: p.value, line: r.line, column: r.column } : { error: p, line: p.line, column: p.column };
      });
      raw.length = 0;
      return b;
    };
    // The prefix can be megabytes: feed it in slices so batches stay small, then let it go.
    for (let i = 0; i < startText.length; i += 1 << 20) {
      sc.push(startText.slice(i, i + (1 << 20)), raw);
      if (raw.length) yield toBatch();
    }
    startText = "";
    for (;;) {
      const n = await rest.next();
      if (n.done) break;
      sc.push(n.value, raw);
      if (raw.length) yield toBatch();
    }
    sc.finish(raw);
    if (raw.length) yield toBatch();
    if (head) {
      // The wrapper around the records must itself be well-formed (catches truncation after the array).
      try {
        JSON.parse(`${head}]${sc.tail}`);
      } catch (e) {
        throw new FileRejected(
          "import.json-syntax",
          `the JSON around the records is not valid: ${shortJsonMessage((e as Error).message)}`,
        );
      }
    } else if (sc.mode === "array" && sc.tail.trim() !== "") {
      throw new FileRejected("import.json-syntax", "unexpected data after the closing ']' of the records array");
    }
  }
  return { format, groups: [{ hint: kindFromContext(context), context, source, batches: batches() }] };
}

function findFirstArrayValue(text: string): number {
  const re = /"([^"\\]*)"\s*:\s*\[\s*\{/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const idx = m.index + m[0].lastIndexOf("[");
    if (findTopLevelValue(text, m[1] as string) === idx) return idx;
  }
  return -1;
}

function keyBefore(text: string, idx: number): string | null {
  const m = /"([^"\\]*)"\s*:\s*$/.exec(text.slice(Math.max(0, idx - 300), idx));
  return m?.[1] ?? null;
}
