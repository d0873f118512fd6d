// Minimal reader of Conditional Access policy files for --policy FILE (simulate, verify-access): UTF-8 or
// UTF-16 (with or without BOM), one policy object, an array, or a Graph page {value: [...]}.
// Written because the import adapter exposes no single-file policy reader; bad JSON is a coded error.

import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { GlidepathError } from "../../core/model/errors.js";
import { excessiveNesting, MAX_JSON_DEPTH } from "../formats/json-depth.js";

export interface RawPolicyFile {
  readonly file: string;
  /** Parsed policy objects in file order, with the label to name an id-less policy by. */
  readonly policies: readonly { readonly raw: unknown; readonly sourceName: string }[];
}

function decode(buf: Buffer): string {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString("utf8");
  if (buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString("utf16le");
  if (buf[0] === 0xfe && buf[1] === 0xff) return Buffer.from(buf.subarray(2)).swap16().toString("utf16le");
  // BOM-less UTF-16: NUL in every other byte of ASCII text.
  if (buf.length >= 4 && buf[1] === 0 && buf[3] === 0 && buf[0] !== 0) return buf.toString("utf16le");
  if (buf.length >= 4 && buf[0] === 0 && buf[2] === 0 && buf[1] !== 0)
    return Buffer.from(buf).swap16().toString("utf16le");
  return buf.toString("utf8");
}

function lineCol(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  if (!m) return "";
  const pos = Number(m[1]);
  const before = text.slice(0, pos).split("\n");
  return `:${before.length}:${(before[before.length - 1]?.length ?? 0) + 1}`;
}

/** Read and parse one policy file. Throws GlidepathError `policy.file-*` naming the file (and line). */
export function readPolicyFile(path: string): RawPolicyFile {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw new GlidepathError(
      "policy.file-read",
      `cannot read policy file ${path}: ${(e as Error).message}`,
      "check the path given to --policy",
    );
  }
  const text = decode(buf);
  const deep = excessiveNesting(text);
  if (deep) {
    throw new GlidepathError(
      "policy.file-depth",
      `policy file ${path}:${deep.line}:${deep.column}: nesting too deep (more than ${MAX_JSON_DEPTH} levels of arrays and objects)`,
      "a policy export nests about 10 levels: check that this is the file you meant, or leave it out",
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    throw new GlidepathError(
      "policy.file-parse",
      `policy file ${path}${lineCol(text, msg)} is not valid JSON: ${msg}`,
      'export the policy as JSON from the Entra admin center or Graph (one object, an array, or {"value": [...]})',
    );
  }
  const list: unknown[] = Array.isArray(parsed)
    ? parsed
    : parsed && typeof parsed === "object" && Array.isArray((parsed as { value?: unknown }).value)
      ? ((parsed as { value: unknown[] }).value as unknown[])
      : [parsed];
  const name = basename(path);
  return {
    file: path,
    policies: list.map((raw, i) => ({ raw, sourceName: list.length > 1 ? `${name}#${i + 1}` : name })),
  };
}
