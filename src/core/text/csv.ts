// The one CSV writer of the product (RFC 4180 quoting) and its spreadsheet-formula guard: a cell that
// starts with = + - @ TAB or CR is prefixed with ' so a spreadsheet shows it as text instead of running it.
// See docs on CSV injection: https://owasp.org/www-community/attacks/CSV_Injection

/**
 * First characters that make a spreadsheet read a cell as a formula or a command; leading quotes are
 * counted too, so that a cell already starting with `'=` gets one more and reads back unchanged.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export interface CsvOptions {
  /**
   * Prefix `'` to a cell that starts with = + - @ TAB or CR (default true: any file a person may open in a
   * spreadsheet). Only the simulator, which reproduces Microsoft's own downloads byte for byte, turns it off.
   */
  readonly neutralize?: boolean;
  /** Quote a cell with leading or trailing spaces, so tools that trim keep them (default true). */
  readonly quoteEdgeSpace?: boolean;
}

/** One cell: neutralised (unless turned off), then quoted when it holds `"`, `,`, CR or LF. */
export function csvField(value: string, opts: CsvOptions = {}): string {
  const s = opts.neutralize !== false && FORMULA_START.test(value) ? `'${value}` : value;
  const quote =
    NEEDS_QUOTES.test(s) ||
    (opts.quoteEdgeSpace !== false && s.length > 0 && (s.charCodeAt(0) === 32 || s.charCodeAt(s.length - 1) === 32));
  return quote ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row of cells joined with commas (no line ending). */
export function csvRow(cells: readonly string[], opts: CsvOptions = {}): string {
  let out = "";
  for (let i = 0; i < cells.length; i++) out += (i === 0 ? "" : ",") + csvField(cells[i] ?? "", opts);
  return out;
}

/**
 * Undo {@link csvField}'s neutralisation when reading a CSV back: `'=x` becomes `=x`. A cell a tool wrote
 * with a leading `'` before one of those characters is read the same way (Glidepath's exports do this).
 */
export function unneutralize(cell: string): string {
  return cell.charCodeAt(0) === 39 && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
