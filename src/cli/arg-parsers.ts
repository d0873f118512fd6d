// Commander argument parsers shared by every command: whole numbers and fractions with ranges, calendar
// dates, ISO times. A bad value is a usage error (exit 2) naming the option, its range and an example.

import { Option } from "commander";
import { GlidepathError } from "../core/model/errors.js";

/** The value as quoted in a message: a pasted megabyte or a control character must not flood the line. */
export function quoted(v: string): string {
  return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
}

/** A usage error for `--option`: what is wrong, and a remedy that shows a valid use of the option. */
export function usageError(code: string, message: string, remedy: string): GlidepathError {
  return new GlidepathError(code, message, remedy, "error");
}

/** `--name N`: a whole number (digits only) from `lo` to `hi`. */
export function wholeNumber(name: string, lo: number, hi: number, example: number): (v: string) => number {
  return (v) => {
    const n = /^\d{1,15}$/.test(v.trim()) ? Number(v.trim()) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < lo || n > hi) {
      throw usageError(
        `usage.${name}`,
        `--${name} must be a whole number from ${lo} to ${hi}, got ${quoted(v)}`,
        `pass e.g. --${name} ${example}`,
      );
    }
    return n;
  };
}

/** `--name F`: a decimal share from 0 to 1 (e.g. 0.05). */
export function fraction(name: string, example: string): (v: string) => number {
  return (v) => {
    const n = /^(0|1|0?\.\d{1,12}|[01]\.\d{0,12})$/.test(v.trim()) ? Number(v.trim()) : Number.NaN;
    if (!(n >= 0 && n <= 1)) {
      throw usageError(
        `usage.${name}`,
        `--${name} must be a share from 0 to 1 (e.g. 0.05), got ${quoted(v)}`,
        `pass e.g. --${name} ${example}`,
      );
    }
    return n;
  };
}

/** True when `y-m-d` names a day of the calendar (no 2026-13-01, no 2026-02-30). */
function isCalendarDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** `--name YYYY-MM-DD`: a real calendar date, returned as given. */
export function calendarDate(name: string, example: string): (v: string) => string {
  return (v) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) || Number(m[1]) < 1970) {
      throw usageError(
        `usage.${name}`,
        `--${name} must be a calendar date YYYY-MM-DD, got ${quoted(v)}`,
        `pass e.g. --${name} ${example}`,
      );
    }
    return v;
  };
}

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * `--name ISO`: an ISO-8601 date (midnight UTC) or date-time (UTC unless it names an offset) from 1970 to
 * 9999, with a real calendar date and clock time; returned as a UTC ISO string without milliseconds when whole.
 */
export function isoTime(name: string, example: string): (v: string) => string {
  return (v) => {
    const m = ISO_TIME.exec(v.trim());
    const ok =
      m !== null &&
      Number(m[1]) >= 1970 &&
      isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) &&
      (m[4] === undefined || (Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6] ?? 0) < 60));
    // A date-time without an offset is UTC (as the help says), not the machine's local time.
    const text = m && m[4] !== undefined && m[7] === undefined ? `${v.trim().replace(" ", "T")}Z` : v.trim();
    const t = ok ? Date.parse(text) : Number.NaN;
    if (!Number.isFinite(t)) {
      throw usageError(
        `usage.${name}`,
        `--${name} must be an ISO date or date-time (e.g. ${example}), got ${quoted(v)}`,
        `pass e.g. --${name} ${example}`,
      );
    }
    return new Date(t).toISOString().replace(".000Z", "Z");
  };
}

/**
 * An option whose value `parse` checks, with a default shown in --help exactly as a string default was
 * (`(default: "30")`), so adding the check leaves the help text as it was.
 */
export function parsedOption<T>(
  flags: string,
  description: string,
  parse: (v: string) => T,
  fallback?: string,
): Option {
  const o = new Option(flags, description).argParser((v: string) => parse(v));
  return fallback === undefined ? o : o.default(parse(fallback), JSON.stringify(fallback));
}

/** `--name PATH`: a file or folder name — not empty, no NUL byte (no file system takes one). */
export function filePath(name: string): (v: string) => string {
  return (v) => {
    if (v.trim() === "" || v.includes("\u0000")) {
      throw usageError(
        `usage.${name}`,
        `--${name} must name a file or folder, got ${quoted(v)}`,
        `pass a path, e.g. --${name} ${name === "workspace" || name === "to" ? "./out" : "./file.json"}`,
      );
    }
    return v;
  };
}

/** A repeatable or variadic `--name PATH...`: each value checked as filePath, collected in order. */
export function filePaths(name: string): (v: string, previous?: string[]) => string[] {
  const one = filePath(name);
  return (v, previous = []) => [...previous, one(v)];
}
