// Streaming JSON record splitter: finds the boundaries of the records of a top-level array, an array under
// a wrapper key, or a sequence of values (NDJSON), without parsing them, so each record is parsed alone
// with JSON.parse (fast) and memory stays bounded by the largest record, never the file.

import { MAX_JSON_DEPTH } from "../formats/json-depth.js";
import { FileRejected, MAX_RECORD_CHARS } from "./issues.js";

/** The file-level rejection of a value nested deeper than {@link MAX_JSON_DEPTH}. */
export function nestingTooDeep(line: number, column: number): FileRejected {
  return new FileRejected(
    "import.json-depth",
    `nesting too deep (more than ${MAX_JSON_DEPTH} levels of arrays and objects); Graph exports nest about 10`,
    line,
    column,
  );
}

export interface RawRecord {
  readonly text: string;
  /** 1-based line and column of the record's first character in the file. */
  readonly line: number;
  readonly column: number;
}

const WS = new Set([32, 9, 10, 13]);

/**
 * Splits records of one container. In `array` mode the caller has consumed the opening `[`; the scanner
 * stops at the matching `]` and keeps what follows as `tail`. In `sequence` mode values follow each other
 * separated by whitespace (newline-delimited JSON) until the end of the input.
 */
export class JsonRecordScanner {
  private carry = "";
  private resume = 0;
  private depth = 0;
  private inStr = false;
  private esc = false;
  private recStart = -1;
  private prim = false;
  private recLine = 0;
  private recCol = 0;
  private line: number;
  /** Index (in the current buffer coordinates) where the current line starts. */
  private lineStart: number;
  private expectValue = true;
  closed = false;
  tail = "";

  constructor(
    readonly mode: "array" | "sequence",
    startLine: number,
    startColumn: number,
  ) {
    this.line = startLine;
    this.lineStart = 1 - startColumn;
  }

  private fail(code: string, message: string, line: number, column: number): never {
    throw new FileRejected(code, message, line, column);
  }

  /** Scan `chunk`, appending every complete record to `out`. */
  push(chunk: string, out: RawRecord[]): void {
    if (this.closed) {
      this.tail += chunk;
      if (this.tail.length > MAX_RECORD_CHARS) {
        this.fail("import.json-shape", "too much data after the records array", this.line, 1);
      }
      return;
    }
    const buf = this.carry.length > 0 ? this.carry + chunk : chunk;
    const len = buf.length;
    let i = this.resume;
    let depth = this.depth;
    let inStr = this.inStr;
    let esc = this.esc;
    let recStart = this.recStart;
    const seq = this.mode === "sequence";
    while (i < len) {
      if (inStr) {
        if (esc) {
          esc = false;
          i++;
          continue;
        }
        const j = buf.indexOf('"', i);
        if (j < 0) {
          // Odd run of trailing backslashes → the next chunk starts escaped.
          let k = len - 1;
          while (k >= i && buf.charCodeAt(k) === 92) k--;
          esc = (len - 1 - k) % 2 === 1;
          i = len;
          break;
        }
        let k = j - 1;
        while (k >= i && buf.charCodeAt(k) === 92) k--;
        if ((j - 1 - k) % 2 === 1) {
          i = j + 1;
          continue;
        }
        inStr = false;
        i = j + 1;
        continue;
      }
      const c = buf.charCodeAt(i);
      if (this.prim && recStart >= 0 && depth === 0 && (c === 44 || c === 93 || WS.has(c))) {
        out.push({ text: buf.slice(recStart, i), line: this.recLine, column: this.recCol });
        recStart = -1;
        this.prim = false;
        this.expectValue = false;
      }
      switch (c) {
        case 10:
          this.line++;
          this.lineStart = i + 1;
          break;
        case 13:
        case 32:
        case 9:
          break;
        case 34:
          if (depth === 0 && recStart < 0) this.startRecord(i, (recStart = i), false);
          inStr = true;
          break;
        case 123:
        case 91:
          if (depth === 0 && recStart < 0) this.startRecord(i, (recStart = i), false);
          if (++depth > MAX_JSON_DEPTH) throw nestingTooDeep(this.line, i - this.lineStart + 1);
          break;
        case 125:
        case 93:
          if (depth === 0) {
            if (c === 93 && !seq) {
              if (this.expectValue && this.sawComma) {
                this.fail(
                  "import.json-syntax",
                  "trailing comma before ']' (not valid JSON)",
                  this.line,
                  i - this.lineStart + 1,
                );
              }
              this.closed = true;
              this.tail = buf.slice(i + 1);
              this.carry = "";
              this.resume = 0;
              this.recStart = -1;
              return;
            }
            this.fail(
              "import.json-syntax",
              `unexpected '${String.fromCharCode(c)}'`,
              this.line,
              i - this.lineStart + 1,
            );
          }
          depth--;
          if (depth === 0 && recStart >= 0) {
            out.push({ text: buf.slice(recStart, i + 1), line: this.recLine, column: this.recCol });
            recStart = -1;
            this.expectValue = false;
          }
          break;
        case 44:
          if (depth === 0) {
            if (seq || this.expectValue) {
              this.fail("import.json-syntax", "unexpected ','", this.line, i - this.lineStart + 1);
            }
            this.expectValue = true;
            this.sawComma = true;
          }
          break;
        default:
          if (depth === 0 && recStart < 0) {
            this.startRecord(i, (recStart = i), true);
          }
      }
      i++;
    }
    // Keep only the unfinished record.
    const cut = recStart >= 0 ? recStart : len;
    this.carry = buf.slice(cut);
    if (this.carry.length > MAX_RECORD_CHARS) {
      this.fail(
        "import.record-too-large",
        `a record longer than ${MAX_RECORD_CHARS / 2 ** 20} MiB characters (unterminated or not a sign-in export)`,
        this.recLine,
        this.recCol,
      );
    }
    this.resume = len - cut;
    this.lineStart -= cut;
    this.recStart = recStart >= 0 ? 0 : -1;
    this.depth = depth;
    this.inStr = inStr;
    this.esc = esc;
  }

  private sawComma = false;

  private startRecord(i: number, _start: number, prim: boolean): void {
    if (!this.expectValue && this.mode === "array") {
      this.fail("import.json-syntax", "missing ',' between records", this.line, i - this.lineStart + 1);
    }
    this.recLine = this.line;
    this.recCol = i - this.lineStart + 1;
    this.prim = prim;
    this.expectValue = false;
  }

  /** Call at end of input; returns a trailing primitive record of a sequence, throws when truncated. */
  finish(out: RawRecord[]): void {
    if (this.closed) return;
    if (this.recStart >= 0 && this.prim && this.depth === 0 && !this.inStr) {
      out.push({ text: this.carry.slice(this.recStart), line: this.recLine, column: this.recCol });
      this.recStart = -1;
    }
    if (this.recStart >= 0 || this.inStr || this.depth > 0) {
      this.fail(
        "import.truncated",
        `the file ends inside a record that starts at line ${this.recLine} (truncated download?)`,
        this.line,
        undefinedToOne(this.recCol),
      );
    }
    if (this.mode === "array") {
      this.fail(
        "import.truncated",
        "the file ends before the records array is closed with ']' (truncated download?)",
        this.line,
        1,
      );
    }
  }
}

function undefinedToOne(n: number): number {
  return n > 0 ? n : 1;
}

/**
 * Parse one record; on a syntax error, the FileRejected-free diagnostic names the line and column
 * inside the file (Node's messages carry a position only for some errors; the rest are located by search).
 */
export function parseRecord(
  r: RawRecord,
): { ok: true; value: unknown } | { ok: false; message: string; line: number; column: number } {
  try {
    return { ok: true, value: JSON.parse(r.text) };
  } catch (e) {
    const msg = (e as Error).message;
    const pos = locateJsonError(r.text, msg);
    const { line, column } = offsetToLineCol(r.text, pos, r.line, r.column);
    return { ok: false, message: `invalid JSON: ${shortJsonMessage(msg)}`, line, column };
  }
}

export function shortJsonMessage(msg: string): string {
  return msg.replace(/, (\.\.\.)?".*$/s, "").replace(/ in JSON at position \d+.*$/s, "");
}

/** Best-effort character offset of a JSON.parse error. */
export function locateJsonError(text: string, msg: string): number {
  const m = /at position (\d+)/.exec(msg);
  if (m) return Number(m[1]);
  const trailing = /,\s*[\]}]/.exec(text);
  if (/Unexpected token '[\]}]'/.test(msg) && trailing) return trailing.index;
  const tok = /Unexpected token '(.)'/.exec(msg);
  if (tok?.[1]) {
    let inStr = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (inStr) {
        if (c === "\\") i++;
        else if (c === '"') inStr = false;
      } else if (c === '"') inStr = true;
      else if (c === tok[1]) return i;
    }
  }
  if (/Unexpected end/.test(msg)) return text.length;
  return 0;
}

export function offsetToLineCol(
  text: string,
  pos: number,
  line0: number,
  col0: number,
): { line: number; column: number } {
  let line = line0;
  let lastNl = -1;
  const end = Math.min(pos, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lastNl = i;
    }
  }
  const column = lastNl < 0 ? col0 + end : end - lastNl;
  return { line, column };
}
