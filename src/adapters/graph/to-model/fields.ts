// A small reader over one normalised Graph object that records a Diagnostic for each missing or invalid
// field, so every mapper reports all problems of a record at once (docs/design.md#rule-8).

import type { Diagnostic } from "../../../core/model/diagnostics.js";
import { toIsoTime } from "./normalize.js";

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

export class Fields {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    readonly o: Obj,
    /** The kind of record, for messages: `user`, `signIn`, ... */
    readonly kind: string,
    readonly prefix = "",
  ) {}

  private err(path: string, message: string, code = "graph.missing-field"): void {
    this.diagnostics.push({ code, severity: "error", message: `${this.kind}: ${message}`, path: this.prefix + path });
  }

  get failed(): boolean {
    return this.diagnostics.some((d) => d.severity === "error");
  }

  has(name: string): boolean {
    const v = this.o[name];
    return v !== undefined && v !== null;
  }

  /** A required non-empty string (numbers are accepted and stringified). */
  reqStr(name: string): string {
    const v = this.o[name];
    if (typeof v === "string" && v.trim() !== "") return v;
    if (typeof v === "number") return String(v);
    if (v === undefined || v === null || v === "") this.err(name, `'${name}' is missing`);
    else this.err(name, `'${name}' must be a string, got ${typeof v}`, "graph.invalid-field");
    return "";
  }

  /** An optional string; absent, null and "" → null. */
  str(name: string): string | null {
    const v = this.o[name];
    if (typeof v === "string") return v === "" ? null : v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    return null;
  }

  /** An optional boolean; accepts true/false and the strings "true"/"false"/"yes"/"no" in any case. */
  bool(name: string): boolean | null {
    return toBool(this.o[name]);
  }

  reqBool(name: string): boolean {
    const b = this.bool(name);
    if (b === null) {
      if (this.o[name] === undefined || this.o[name] === null) this.err(name, `'${name}' is missing`);
      else
        this.err(name, `'${name}' must be true or false, got ${JSON.stringify(this.o[name])}`, "graph.invalid-field");
      return false;
    }
    return b;
  }

  num(name: string): number | null {
    const v = this.o[name];
    if (typeof v === "number" && Number.isFinite(v)) return v;
    if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
    return null;
  }

  reqTime(name: string): string {
    const v = this.o[name];
    const t = toIsoTime(v);
    if (t) return t;
    if (v === undefined || v === null || v === "") this.err(name, `'${name}' is missing`);
    else this.err(name, `'${name}' is not a timestamp: ${JSON.stringify(v).slice(0, 60)}`, "graph.invalid-field");
    return "";
  }

  time(name: string): string | null {
    return toIsoTime(this.o[name]);
  }

  /** An optional array of strings; a comma-separated string is split; null/absent → undefined. */
  strs(name: string): string[] | undefined {
    return toStrs(this.o[name]);
  }

  obj(name: string): Obj | null {
    const v = this.o[name];
    return isObj(v) ? v : null;
  }

  arr(name: string): unknown[] | undefined {
    const v = this.o[name];
    return Array.isArray(v) ? v : undefined;
  }
}

export function toBool(v: unknown): boolean | null {
  if (typeof v === "boolean") return v;
  if (typeof v === "string") {
    const s = v.trim().toLowerCase();
    if (s === "true" || s === "yes" || s === "1") return true;
    if (s === "false" || s === "no" || s === "0") return false;
  }
  if (typeof v === "number") return v !== 0;
  return null;
}

export function toStrs(v: unknown): string[] | undefined {
  if (Array.isArray(v)) return v.filter((x) => x !== null && x !== undefined).map(String);
  if (typeof v === "string") {
    const s = v.trim();
    if (s === "") return [];
    return s
      .split(/[,;]/)
      .map((x) => x.trim())
      .filter((x) => x !== "");
  }
  return undefined;
}

/** Copy of `o` without keys whose value is undefined (keeps stored JSON small and stable). */
export function compact<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  const src = o as Record<string, unknown>;
  for (const k in src) {
    const v = src[k];
    if (v !== undefined) out[k] = v;
  }
  return out as T;
}
