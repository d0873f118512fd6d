// The one reader of Conditional Access policy files, for every command that takes them (evaluate
// --policies, simulate --policy, verify-access --policy): files or folders (their .json files), gzip or
// not, UTF-8 or UTF-16 (with or without BOM), and every document shape an export takes (documents.ts).
// Bad input is a coded error naming the file (and the line of bad JSON).

import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { gunzipSync } from "node:zlib";
import { GlidepathError } from "../../core/model/errors.js";
import type { NamedLocation } from "../../core/model/policy.js";
import { walkPaths } from "../files/walk-paths.js";
import { excessiveNesting, MAX_JSON_DEPTH } from "../formats/json-depth.js";
import { policiesInDocument } from "./documents.js";

/** One raw policy of a file, with the label to name it by (diagnostics, derived ids). */
export interface RawPolicyInput {
  readonly raw: unknown;
  readonly sourceName: string;
}

export interface RawPolicyFile {
  readonly file: string;
  /** Parsed policy objects in file order, with the label to name an id-less policy by. */
  readonly policies: readonly RawPolicyInput[];
  /** Named locations found beside the policies (an array mixing both, or a location document). */
  readonly locations: readonly NamedLocation[];
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

/**
 * Read and parse one policy file. Throws GlidepathError `policy.file-*` naming the file (and line).
 * `flag` names the option the path came from, for the remedy.
 */
export function readPolicyFile(path: string, flag = "--policy"): RawPolicyFile {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
    // Exports are often kept gzipped; the import command reads them so, and so does this reader.
    if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) buf = gunzipSync(buf);
  } catch (e) {
    throw new GlidepathError(
      "policy.file-read",
      `cannot read policy file ${path}: ${(e as Error).message}`,
      `check the path given to ${flag}`,
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
  const found = policiesInDocument(parsed);
  const name = basename(path);
  const list = found.policies;
  return {
    file: path,
    policies: list.map((raw, i) => ({ raw, sourceName: list.length > 1 ? `${name}#${i + 1}` : name })),
    locations: found.locations,
  };
}

/** The files a list of paths names, and the paths skipped (one report line each, e.g. a FIFO in a folder). */
export interface PolicyPaths {
  readonly files: string[];
  readonly skipped: SkippedPath[];
}

/** A path skipped by the walk, and why (e.g. "a named pipe (FIFO), not a regular file: skipped"). */
export interface SkippedPath {
  readonly path: string;
  readonly reason: string;
}

/**
 * The files a list of paths names: files as given, folders by their .json files (recursively, sorted, each
 * folder once however links loop). Named pipes, sockets and devices are skipped, never opened.
 */
export function policyFilesUnder(paths: readonly string[], flag = "--policy"): PolicyPaths {
  const files: string[] = [];
  const skipped: SkippedPath[] = [];
  for (const e of walkPaths(paths, { keep: (p) => p.toLowerCase().endsWith(".json") })) {
    if (e.kind === "missing") {
      throw new GlidepathError("policy.file-read", `cannot read ${e.path}`, `check the path given to ${flag}`);
    }
    if (e.kind === "skipped") skipped.push({ path: e.path, reason: `${e.reason}: skipped` });
    else files.push(e.path);
  }
  return { files, skipped };
}

/** Policy files read, and the report lines of the paths skipped. */
export interface PolicyFileSet {
  readonly files: RawPolicyFile[];
  readonly skipped: SkippedPath[];
}

/** Read every policy file a list of paths names (files or folders), in order. */
export function readPolicyFiles(paths: readonly string[], flag = "--policy"): PolicyFileSet {
  const { files, skipped } = policyFilesUnder(paths, flag);
  return { files: files.map((f) => readPolicyFile(f, flag)), skipped };
}
