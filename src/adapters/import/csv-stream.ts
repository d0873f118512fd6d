// Streaming CSV (RFC 4180) row splitter: quoted fields with commas, doubled quotes and line breaks; CRLF
// or LF; comma, semicolon or tab delimiters. Rows are found by quote parity at line ends, then split;
// rows without quotes take the fast String.split path. Memory is bounded by the longest row.

import { FileRejected, MAX_RECORD_CHARS } from "./issues.js";

export interface CsvRow {
  readonly fields: string[];
  /** 1-based line where the row starts. */
  readonly line: number;
  /** 1-based line where it ends: later than `line` when a quoted field holds line breaks. */
  readonly endLine: number;
  /** The row's text, kept only when it spans lines (to tell a multi-line field from swallowed rows). */
  readonly text?: string;
}

/** Split one complete row (no unquoted line breaks) into fields. */
export function splitRow(text: string, delim: string): string[] {
  if (text.indexOf('"') < 0) return text.split(delim);
  const out: string[] = [];
  const len = text.length;
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === 34) {
      // Quoted field.
      let val = "";
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          val += text.slice(j);
          j = len;
          break;
        }
        val += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 34) {
          val += '"';
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      // Lenient: text between the closing quote and the delimiter is kept.
      const d = text.indexOf(delim, j);
      if (d < 0) {
        out.push(val + text.slice(j));
        return out;
      }
      out.push(val + text.slice(j, d));
      i = d + delim.length;
    } else {
      const d = text.indexOf(delim, i);
      if (d < 0) {
        out.push(text.slice(i));
        return out;
      }
      out.push(text.slice(i, d));
      i = d + delim.length;
    }
    if (i > len) return out;
    if (i === len) {
      out.push("");
      return out;
    }
  }
}

/** Pick the delimiter of a header line: the most frequent of `,` `;` TAB outside quotes. */
export function detectDelimiter(headerLine: string): string {
  let inQ = false;
  const n: Record<string, number> = { ",": 0, ";": 0, "\t": 0 };
  for (const c of headerLine) {
    if (c === '"') inQ = !inQ;
    else if (!inQ && c in n) n[c] = (n[c] ?? 0) + 1;
  }
  let best = ",";
  for (const d of [";", "\t"]) if ((n[d] ?? 0) > (n[best] ?? 0)) best = d;
  return best;
}

export class CsvScanner {
  private carry = "";
  /** Quote parity of `carry` (true = inside a quoted field). */
  private inQ = false;
  /** Chars of `carry` already scanned for quotes. */
  private scanned = 0;
  private line = 1;
  private rowNewlines = 0;
  delimiter: string | null = null;

  constructor(delimiter?: string) {
    if (delimiter) this.delimiter = delimiter;
  }

  push(chunk: string, out: CsvRow[]): void {
    let buf = this.carry + chunk;
    let start = 0;
    let pos = this.scanned;
    let inQ = this.inQ;
    for (;;) {
      const nl = buf.indexOf("\n", pos);
      const end = nl < 0 ? buf.length : nl;
      // Update quote parity over [pos, end).
      let q = buf.indexOf('"', pos);
      while (q >= 0 && q < end) {
        inQ = !inQ;
        q = buf.indexOf('"', q + 1);
      }
      if (nl < 0) {
        pos = buf.length;
        break;
      }
      if (inQ) {
        this.rowNewlines++;
        pos = nl + 1;
        continue;
      }
      this.emit(buf.slice(start, nl), out);
      start = nl + 1;
      pos = start;
    }
    buf = buf.slice(start);
    if (buf.length > MAX_RECORD_CHARS) {
      throw new FileRejected(
        "import.record-too-large",
        inQ
          ? `a quoted field that starts at line ${this.line} is never closed (over ${MAX_RECORD_CHARS / 2 ** 20} MiB, lines ${this.line}–${this.line + this.rowNewlines}: a stray quote?)`
          : `a line longer than ${MAX_RECORD_CHARS / 2 ** 20} MiB characters`,
        this.line,
        undefined,
        this.rowNewlines + 1,
      );
    }
    this.carry = buf;
    this.scanned = pos - start;
    this.inQ = inQ;
  }

  private emit(raw: string, out: CsvRow[]): void {
    const text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const line = this.line;
    this.line += 1 + this.rowNewlines;
    this.rowNewlines = 0;
    if (text.trim() === "") return;
    if (this.delimiter === null) this.delimiter = detectDelimiter(text);
    const endLine = this.line - 1;
    out.push({ fields: splitRow(text, this.delimiter), line, endLine, ...(endLine > line ? { text } : {}) });
  }

  finish(out: CsvRow[]): void {
    if (this.inQ) {
      // The lines of the unclosed row (trailing line breaks are not lines of data).
      const span = this.carry.replace(/[\r\n]+$/, "").split("\n").length;
      throw new FileRejected(
        "import.truncated",
        span > 1
          ? `the file ends inside a quoted field of the row that starts at line ${this.line}: lines ${this.line}–${this.line + span - 1} (${span} lines) are unread (a stray quote in that row, or a truncated download?)`
          : `the file ends inside a quoted field of the row that starts at line ${this.line} (truncated download?)`,
        this.line,
        undefined,
        span,
      );
    }
    if (this.carry.length > 0) this.emit(this.carry, out);
    this.carry = "";
  }
}
